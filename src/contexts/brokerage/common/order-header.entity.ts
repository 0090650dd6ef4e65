import { Column, JoinColumn, ManyToOne } from 'typeorm';
import { OrgScopedEntity } from '../../../platform/database/base.entity';
import { Contact } from '../contacts/contact.entity';
import { Party } from '../parties/party.entity';

/**
 * What a purchase order and a sales order both carry: the gapless number, the plant, carrier and
 * contact, the dates of the load, the carrier's release number, and the server's total in the
 * org's currency. Each order table has these columns of its own (an abstract entity, no table).
 */
export abstract class OrderHeader extends OrgScopedEntity {
  /** The org's gapless sequence value (1, 2, ...). */
  @Column('bigint')
  sequenceNumber: string;

  /** The number on the documents: the org's prefix and the sequence value, e.g. `PO-000042`. */
  @Column('varchar', { length: 40 })
  number: string;

  @Column('uuid', { nullable: true })
  plantId: string | null;

  @ManyToOne(() => Party, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'plant_id' })
  plant?: Party;

  @Column('uuid', { nullable: true })
  carrierId: string | null;

  @ManyToOne(() => Party, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'carrier_id' })
  carrier?: Party;

  @Column('uuid', { nullable: true })
  contactId: string | null;

  @ManyToOne(() => Contact, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'contact_id' })
  contact?: Contact;

  @Column('date')
  orderDate: string;

  @Column('date', { nullable: true })
  pickupDate: string | null;

  @Column('date', { nullable: true })
  deliveryDate: string | null;

  @Column('varchar', { length: 64, nullable: true })
  carrierReleaseNumber: string | null;

  @Column('char', { length: 3 })
  currency: string;

  /** The sum of the lines' totals, kept by the server with the lines. */
  @Column('numeric', { precision: 14, scale: 2, default: 0 })
  total: string;

  @Column('text', { default: '' })
  notes: string;

  /** The user who entered it. */
  @Column('uuid', { nullable: true })
  createdById: string | null;
}
