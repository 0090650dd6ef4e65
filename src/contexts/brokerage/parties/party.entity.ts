import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrgScopedEntity } from '../../../platform/database/base.entity';
import type { AddressDto } from '../common/address.dto';
import type { PaymentTerms } from '../common/payment-terms';
import { Contact } from '../contacts/contact.entity';

export const PARTY_KINDS = ['supplier', 'customer', 'plant', 'carrier'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

/**
 * A supplier, customer, plant or carrier of the org. One table, so that search (a tsvector over
 * name and code with a GIN index), archiving, contacts and "in use" work the same for all four;
 * what only one kind has (certificates, insurance, capacity, ...) is in `details`, validated by
 * that kind's DTO, and the fields others refer to or compute with are columns.
 */
@Entity('brokerage_parties')
@Index('uq_brokerage_parties_org_kind_name_key', ['orgId', 'kind', 'nameKey'], { unique: true })
@Index('uq_brokerage_parties_org_kind_code', ['orgId', 'kind', 'code'], { unique: true, where: '"code" IS NOT NULL' })
// A GIN index on search_vector, made by the migration (TypeORM cannot declare GIN indexes).
@Index('ix_brokerage_parties_search', { synchronize: false })
@Check('chk_brokerage_parties_kind', `"kind" IN ('supplier', 'customer', 'plant', 'carrier')`)
@Check('chk_brokerage_parties_credit_limit', '"credit_limit" >= 0')
export class Party extends OrgScopedEntity {
  @Column('varchar', { length: 16 })
  kind: PartyKind;

  @Column('varchar', { length: 200 })
  name: string;

  /** lower(name), kept by Postgres: names are unique per org and kind in any case. */
  @Column({
    type: 'varchar',
    length: 200,
    generatedType: 'STORED',
    asExpression: 'lower(name)',
    insert: false,
    update: false,
  })
  nameKey: string;

  /** The org's short code for the party (a plant's code, a customer's account number). */
  @Column('varchar', { length: 32, nullable: true })
  code: string | null;

  @Column('varchar', { length: 254, nullable: true })
  email: string | null;

  @Column('varchar', { length: 40, nullable: true })
  phone: string | null;

  @Column('jsonb', { nullable: true })
  address: AddressDto | null;

  /** A supplier's or customer's plant. */
  @Column('uuid', { nullable: true })
  plantId: string | null;

  @ManyToOne(() => Party, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'plant_id' })
  plant?: Party;

  /** Proteins a supplier sells or a customer prefers (ids of brokerage_proteins). */
  @Column('uuid', { array: true, default: () => "'{}'" })
  proteinIds: string[];

  @Column('jsonb', { nullable: true })
  terms: PaymentTerms | null;

  @Column('numeric', { precision: 14, scale: 2, nullable: true })
  creditLimit: string | null;

  @Column('char', { length: 3, nullable: true })
  creditCurrency: string | null;

  /** A customer's accounts-payable contact (where invoices go). */
  @Column('uuid', { nullable: true })
  apContactId: string | null;

  @ManyToOne(() => Contact, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'ap_contact_id' })
  apContact?: Contact;

  /** The kind's own fields (see the kind's DTO). */
  @Column('jsonb', { default: {} })
  details: Record<string, unknown>;

  @Column('text', { default: '' })
  notes: string;

  /** Set when archived: kept for history, off lists and new orders. */
  @Column('timestamptz', { nullable: true })
  archivedAt: Date | null;

  /** Words of the name and code, kept by Postgres, for search (GIN index `ix_brokerage_parties_search`). */
  @Column({
    type: 'tsvector',
    generatedType: 'STORED',
    asExpression: `to_tsvector('simple', coalesce(name, '') || ' ' || coalesce(code, ''))`,
    insert: false,
    update: false,
    select: false,
  })
  searchVector: string;
}
