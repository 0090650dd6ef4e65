import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrgScopedEntity } from '../../../platform/database/base.entity';
import { Party } from '../parties/party.entity';
import { Contact } from './contact.entity';

/** A contact's role at a party ("buyer at Acme Foods"); gone with either side. */
@Entity('brokerage_contact_links')
@Index('uq_brokerage_contact_links_contact_party', ['orgId', 'contactId', 'partyId'], { unique: true })
@Index('ix_brokerage_contact_links_party', ['orgId', 'partyId'])
export class ContactLink extends OrgScopedEntity {
  @Column('uuid')
  contactId: string;

  @ManyToOne(() => Contact, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contact_id' })
  contact?: Contact;

  @Column('uuid')
  partyId: string;

  @ManyToOne(() => Party, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'party_id' })
  party?: Party;

  /** What the contact does for the party: buyer, dispatcher, accounts payable, ... */
  @Column('varchar', { length: 48 })
  role: string;
}
