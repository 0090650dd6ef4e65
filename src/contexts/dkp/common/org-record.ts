import { Column, CreateDateColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An append-only row of one org (ledger entries, loot, attendance, bids, logs): written once,
 * never updated, so unlike `OrgScopedEntity` it has no `updatedAt`. Subclasses put `orgId`
 * first in their composite indexes, as org-scoped entities do.
 */
export abstract class OrgRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  orgId: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
