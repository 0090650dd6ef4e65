import { Column, CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** Id and timestamps every table has. */
export abstract class BaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/**
 * A business row owned by one organization. Subclasses put `orgId` first in their composite
 * indexes (`@Index(['orgId', ...])`) so every org-scoped query is an index range scan.
 */
export abstract class OrgScopedEntity extends BaseEntity {
  @Column('uuid')
  orgId: string;
}
