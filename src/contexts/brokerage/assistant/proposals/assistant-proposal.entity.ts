import { Check, Column, Entity, Index } from 'typeorm';
import { OrgScopedEntity } from '../../../../platform/database/base.entity';
import type { ProposalKind, ProposalPayload, ProposalResult, ProposalStatus } from './proposal-rules';

/**
 * A record the assistant proposes from a document's facts (a supplier, a purchase order with its
 * lines). It is never written by the model: a member applies it, through the brokerage's own
 * services, once (`result` then names what was created).
 */
@Entity('brokerage_assistant_proposals')
@Index('ix_brokerage_assistant_proposals_org_created', ['orgId', 'createdAt', 'id'])
@Index('ix_brokerage_assistant_proposals_org_document', ['orgId', 'documentId'])
@Check('chk_brokerage_assistant_proposals_kind', `"kind" IN ('supplier', 'purchase_order')`)
@Check('chk_brokerage_assistant_proposals_status', `"status" IN ('pending', 'applying', 'applied', 'dismissed')`)
export class AssistantProposal extends OrgScopedEntity {
  @Column('uuid', { nullable: true })
  documentId: string | null;

  @Column('varchar', { length: 20 })
  kind: ProposalKind;

  @Column('varchar', { length: 16, default: 'pending' })
  status: ProposalStatus;

  /** What would be created (see `ProposalPayload`). */
  @Column('jsonb')
  payload: ProposalPayload;

  /** What was created, once applied. */
  @Column('jsonb', { nullable: true })
  result: ProposalResult | null;

  /** A supplier proposal this one waits for (a purchase order of a supplier not yet on file). */
  @Column('uuid', { nullable: true })
  dependsOnId: string | null;

  @Column('uuid', { nullable: true })
  appliedById: string | null;

  @Column('timestamptz', { nullable: true })
  appliedAt: Date | null;

  /** When the current apply claimed it (a claim older than `STALE_CLAIM_MS` was abandoned). */
  @Column('timestamptz', { nullable: true })
  claimedAt: Date | null;
}
