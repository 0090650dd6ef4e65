import { Check, Column, Entity, Index } from 'typeorm';
import { OrgScopedEntity } from '../../../../platform/database/base.entity';
import type { DocumentClass, ExtractedEntities } from './document-extraction';
import type { DocumentExtractor, DocumentStatus } from './document-rules';

/**
 * A document given to the assistant: the uploaded file (platform files), its text once read, what
 * kind of document it is and the facts read from it. One per content (sha256) per org.
 */
@Entity('brokerage_assistant_documents')
@Index('ix_brokerage_assistant_documents_org_created', ['orgId', 'createdAt', 'id'])
@Index('uq_brokerage_assistant_documents_org_sha256', ['orgId', 'sha256'], { unique: true })
@Check('chk_brokerage_assistant_documents_status', `"status" IN ('uploaded', 'extracting', 'extracted', 'failed')`)
export class AssistantDocument extends OrgScopedEntity {
  /** The stored file (platform files, purpose `assistant-document`). */
  @Column('uuid')
  fileId: string;

  @Column('varchar', { length: 64 })
  sha256: string;

  /** As detected from the bytes. */
  @Column('varchar', { length: 100 })
  contentType: string;

  @Column('integer')
  sizeBytes: number;

  @Column('varchar', { length: 255, nullable: true })
  fileName: string | null;

  @Column('varchar', { length: 16, default: 'uploaded' })
  status: DocumentStatus;

  /** Why extraction failed (`ocr-unavailable`, `unreadable-pdf`, `no-text`, `assistant-budget-exhausted`). */
  @Column('varchar', { length: 32, nullable: true })
  failureCode: string | null;

  @Column('text', { nullable: true })
  failureReason: string | null;

  @Column('text', { nullable: true })
  text: string | null;

  @Column('varchar', { length: 20, nullable: true })
  documentClass: DocumentClass | null;

  @Column('jsonb', { nullable: true })
  entities: ExtractedEntities | null;

  /** How the text and facts were read: `rules` (the labelled rule-based reader) or `rules+vision`. */
  @Column('varchar', { length: 16, nullable: true })
  extractor: DocumentExtractor | null;

  /** Tokens the model used to transcribe it (counted in the org's monthly budget). */
  @Column('integer', { default: 0 })
  tokensUsed: number;

  @Column('uuid', { nullable: true })
  uploadedById: string | null;

  @Column('timestamptz', { nullable: true })
  extractedAt: Date | null;
}
