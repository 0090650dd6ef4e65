import { Column, Entity, Index } from 'typeorm';
import { OrgScopedEntity } from '../../../platform/database/base.entity';

/** A kind of meat the org trades (beef, pork, ...): the org's own list, seeded on first use. */
@Entity('brokerage_proteins')
@Index('uq_brokerage_proteins_org_name_key', ['orgId', 'nameKey'], { unique: true })
export class Protein extends OrgScopedEntity {
  @Column('varchar', { length: 48 })
  name: string;

  /** lower(name), kept by Postgres, for case-insensitive uniqueness and lookup. */
  @Column({
    type: 'varchar',
    length: 48,
    generatedType: 'STORED',
    asExpression: 'lower(name)',
    insert: false,
    update: false,
  })
  nameKey: string;
}
