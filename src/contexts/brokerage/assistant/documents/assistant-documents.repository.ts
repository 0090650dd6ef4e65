import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { findInOrg } from '../../../../platform/database/org-scoped';
import { newestFirst } from '../../../../platform/http/pagination';
import { BrokerageRepository } from '../../common/brokerage-repository';
import { AssistantDocument } from './assistant-document.entity';
import type { DocumentStatus } from './document-rules';

/** The SQL of the assistant's documents (`brokerage_assistant_documents`). */
@Injectable()
export class AssistantDocumentsRepository extends BrokerageRepository {
  constructor(@InjectDataSource() db: DataSource) {
    super(db);
  }

  /** One keyset page, newest first, plus one row; the text is left out of lists. */
  page(orgId: string, status: DocumentStatus | undefined, page: { limit: number; cursor?: string }) {
    const qb = this.db.getRepository(AssistantDocument).createQueryBuilder('d').where('d.org_id = :orgId', { orgId });
    if (status) qb.andWhere('d.status = :status', { status });
    return newestFirst(qb, 'd.created_at', 'd.id', page).getMany();
  }

  load(orgId: string, id: string, tx?: EntityManager, lock = false): Promise<AssistantDocument> {
    return findInOrg(this.managerOf(tx), AssistantDocument, orgId, id, 'Document', { lock });
  }

  bySha256(orgId: string, sha256: string, tx?: EntityManager): Promise<AssistantDocument | null> {
    return this.managerOf(tx).findOne(AssistantDocument, { where: { orgId, sha256 } });
  }

  save(tx: EntityManager, document: AssistantDocument): Promise<AssistantDocument> {
    return tx.save(AssistantDocument, document);
  }
}
