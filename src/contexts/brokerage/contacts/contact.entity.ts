import { Column, Entity, Index } from 'typeorm';
import { OrgScopedEntity } from '../../../platform/database/base.entity';

export const CONTACT_TYPES = [
  'sales',
  'purchasing',
  'accounting',
  'logistics',
  'quality',
  'operations',
  'executive',
  'other',
] as const;
export type ContactType = (typeof CONTACT_TYPES)[number];

/** A person the org deals with, linked to any number of parties with a role (see ContactLink). */
@Entity('brokerage_contacts')
@Index('ix_brokerage_contacts_org_name', ['orgId', 'nameKey', 'id'])
export class Contact extends OrgScopedEntity {
  @Column('varchar', { length: 100 })
  firstName: string;

  @Column('varchar', { length: 100, default: '' })
  lastName: string;

  /** lower(first last), kept by Postgres, for ordering and search. */
  @Column({
    type: 'varchar',
    length: 201,
    generatedType: 'STORED',
    asExpression: `lower(first_name || ' ' || last_name)`,
    insert: false,
    update: false,
  })
  nameKey: string;

  @Column('varchar', { length: 254, nullable: true })
  email: string | null;

  @Column('varchar', { length: 40, nullable: true })
  mainPhone: string | null;

  @Column('varchar', { length: 40, nullable: true })
  directPhone: string | null;

  @Column('varchar', { length: 40, nullable: true })
  cellPhone: string | null;

  @Column('varchar', { length: 200, nullable: true })
  company: string | null;

  @Column('varchar', { length: 100, nullable: true })
  title: string | null;

  @Column('varchar', { length: 16, default: 'other' })
  type: ContactType;

  @Column('text', { default: '' })
  notes: string;
}
