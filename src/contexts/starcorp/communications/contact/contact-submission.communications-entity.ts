import { Check, Column, Entity, Index } from 'typeorm';
import { OrgScopedEntity } from '../../../../platform/database/base.entity';
import type { ContactStatus, SpamReason } from './contact-rules';

/**
 * A message sent through the org's public contact form. Kept in the communications store with the
 * member messages (`CommunicationsStore`: COMMUNICATIONS_DATABASE_URL, else the main database).
 */
@Entity('starcorp_contact_submissions')
@Index('ix_starcorp_contact_submissions_org_created', ['orgId', 'createdAt', 'id'])
@Index('ix_starcorp_contact_submissions_org_status_created', ['orgId', 'status', 'createdAt', 'id'])
@Index('ix_starcorp_contact_submissions_org_email', ['orgId', 'email'])
@Check('ck_starcorp_contact_submissions_status', `"status" IN ('new', 'read', 'replied', 'archived')`)
export class ContactSubmission extends OrgScopedEntity {
  @Column('varchar', { length: 200 })
  name: string;

  @Column('varchar', { length: 254 })
  email: string;

  @Column('varchar', { length: 300 })
  subject: string;

  @Column('text')
  message: string;

  /** The client's address as the API saw it (behind TRUST_PROXY, the forwarded one). */
  @Column('varchar', { length: 45 })
  ipAddress: string;

  @Column('varchar', { length: 500, default: '' })
  userAgent: string;

  @Column('varchar', { length: 16, default: 'new' })
  status: ContactStatus;

  @Column('boolean', { default: false })
  isSpam: boolean;

  /** Which heuristics flagged it (see contact-rules.ts). */
  @Column('jsonb', { default: () => "'[]'" })
  spamReasons: SpamReason[];

  @Column('timestamptz', { nullable: true })
  responseSentAt: Date | null;
}
