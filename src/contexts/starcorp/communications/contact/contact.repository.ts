import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CommunicationsStore } from '../../../../platform/database/communications-data-source';
import { findInOrg } from '../../../../platform/database/org-scoped';
import { newestFirst } from '../../../../platform/http/pagination';
import { ContactSubmission } from './contact-submission.communications-entity';
import type { ContactStatus } from './contact-rules';

/** The SQL of contact form submissions, on the communications store (`CommunicationsStore`). */
@Injectable()
export class ContactRepository {
  constructor(private readonly store: CommunicationsStore) {}

  /** True when the store is a database of its own (see `ContactService.reply`). */
  get separateStore(): boolean {
    return this.store.separate;
  }

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.store.transaction(work);
  }

  page(
    orgId: string,
    filter: { status?: ContactStatus; spam?: boolean },
    page: { limit: number; cursor?: string },
  ): Promise<ContactSubmission[]> {
    const qb = this.store.manager
      .getRepository(ContactSubmission)
      .createQueryBuilder('s')
      .where('s.org_id = :orgId', { orgId });
    if (filter.status) qb.andWhere('s.status = :status', { status: filter.status });
    if (filter.spam !== undefined) qb.andWhere('s.is_spam = :spam', { spam: filter.spam });
    return newestFirst(qb, 's.created_at', 's.id', page).getMany();
  }

  /** Submissions of the org in a state (spam left out). */
  async countByStatus(orgId: string, status: ContactStatus): Promise<number> {
    const [row]: { count: number }[] = await this.store.manager.query(
      'SELECT count(*)::int AS count FROM starcorp_contact_submissions WHERE org_id = $1 AND status = $2 AND NOT is_spam',
      [orgId, status],
    );
    return row.count;
  }

  load(orgId: string, id: string, tx?: EntityManager, lock = false): Promise<ContactSubmission> {
    return findInOrg(tx ?? this.store.manager, ContactSubmission, orgId, id, 'Contact submission', { lock });
  }

  save(tx: EntityManager, submission: Partial<ContactSubmission>): Promise<ContactSubmission> {
    return tx.save(ContactSubmission, tx.create(ContactSubmission, submission));
  }
}
