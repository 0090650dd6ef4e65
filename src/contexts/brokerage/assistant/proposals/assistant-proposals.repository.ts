import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { findInOrg } from '../../../../platform/database/org-scoped';
import { newestFirst } from '../../../../platform/http/pagination';
import { BrokerageRepository } from '../../common/brokerage-repository';
import { AssistantProposal } from './assistant-proposal.entity';
import type { ProposalKind, ProposalStatus } from './proposal-rules';

export interface ProposalFilter {
  status?: ProposalStatus;
  kind?: ProposalKind;
  documentId?: string;
}

/** The SQL of the assistant's proposals (`brokerage_assistant_proposals`). */
@Injectable()
export class AssistantProposalsRepository extends BrokerageRepository {
  constructor(@InjectDataSource() db: DataSource) {
    super(db);
  }

  page(orgId: string, filter: ProposalFilter, page: { limit: number; cursor?: string }) {
    const qb = this.db.getRepository(AssistantProposal).createQueryBuilder('p').where('p.org_id = :orgId', { orgId });
    if (filter.status) qb.andWhere('p.status = :status', { status: filter.status });
    if (filter.kind) qb.andWhere('p.kind = :kind', { kind: filter.kind });
    if (filter.documentId) qb.andWhere('p.document_id = :documentId', { documentId: filter.documentId });
    return newestFirst(qb, 'p.created_at', 'p.id', page).getMany();
  }

  load(orgId: string, id: string, tx?: EntityManager, lock = false): Promise<AssistantProposal> {
    return findInOrg(this.managerOf(tx), AssistantProposal, orgId, id, 'Proposal', { lock });
  }

  ofDocument(orgId: string, documentId: string, tx?: EntityManager): Promise<AssistantProposal[]> {
    return this.managerOf(tx).find(AssistantProposal, { where: { orgId, documentId }, order: { createdAt: 'ASC' } });
  }

  /** Drops a document's proposals nobody applied (before it is read again). */
  async deletePending(tx: EntityManager, orgId: string, documentId: string): Promise<void> {
    await tx.delete(AssistantProposal, { orgId, documentId, status: In(['pending']) });
  }

  save(tx: EntityManager, proposal: AssistantProposal): Promise<AssistantProposal> {
    return tx.save(AssistantProposal, proposal);
  }
}
