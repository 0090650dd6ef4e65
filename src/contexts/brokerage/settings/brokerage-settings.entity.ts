import { Column, Entity, Index } from 'typeorm';
import { OrgScopedEntity } from '../../../platform/database/base.entity';
import type { AddressDto } from '../common/address.dto';

/** Theme colors of the org's documents and screens, as `#rrggbb`. */
export interface ThemeColors {
  primary?: string;
  secondary?: string;
  accent?: string;
}

/** One row per org: its legal identity, document look, money and time conventions, and trial. */
@Entity('brokerage_settings')
@Index('uq_brokerage_settings_org', ['orgId'], { unique: true })
export class BrokerageSettings extends OrgScopedEntity {
  @Column('varchar', { length: 200, nullable: true })
  legalName: string | null;

  @Column('varchar', { length: 254, nullable: true })
  contactEmail: string | null;

  @Column('jsonb', { nullable: true })
  address: AddressDto | null;

  @Column('varchar', { length: 500, nullable: true })
  logoUrl: string | null;

  @Column('jsonb', { default: {} })
  themeColors: ThemeColors;

  @Column('char', { length: 3, default: 'USD' })
  currency: string;

  @Column('varchar', { length: 64, default: 'UTC' })
  timeZone: string;

  @Column('varchar', { length: 16, default: 'PO-' })
  poPrefix: string;

  @Column('varchar', { length: 16, default: 'SO-' })
  soPrefix: string;

  @Column('varchar', { length: 16, default: 'INV-' })
  invoicePrefix: string;

  /** Days relative to an invoice's due date a reminder goes out (negative: before it). */
  @Column('int', { array: true, default: () => "'{-3,0,7,14,30}'" })
  reminderDays: number[];

  /** After this instant every brokerage write but the settings is refused (403 `trial-expired`). */
  @Column('timestamptz', { nullable: true })
  trialEndsAt: Date | null;

  /** Whether an officer may approve a purchase order they created themselves. */
  @Column('boolean', { default: false })
  allowSelfApproval: boolean;
}
