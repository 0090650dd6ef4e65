import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { findInOrg } from '../../../../platform/database/org-scoped';
import { newestFirst } from '../../../../platform/http/pagination';
import { PublishingRepository } from '../publishing-repository';
import { ContactSubmission } from './contact-submission.entity';
import type { ContactStatus } from './contact-rules';

/** The SQL of contact form submissions. */
@Injectable()
export class ContactRepository extends PublishingRepository {
  constructor(@InjectDataSource() db: DataSource) {
    super(db);
  }

  page(
    orgId: string,
    filter: { status?: ContactStatus; spam?: boolean },
    page: { limit: number; cursor?: string },
  ): Promise<ContactSubmission[]> {
    const qb = this.db.getRepository(ContactSubmission).createQueryBuilder('s').where('s.org_id = :orgId', { orgId });
    if (filter.status) qb.andWhere('s.status = :status', { status: filter.status });
    if (filter.spam !== undefined) qb.andWhere('s.is_spam = :spam', { spam: filter.spam });
    return newestFirst(qb, 's.created_at', 's.id', page).getMany();
  }

  /** Submissions of the org in a state (spam left out). */
  async countByStatus(orgId: string, status: ContactStatus): Promise<number> {
    const [row]: { count: number }[] = await this.db.query(
      'SELECT count(*)::int AS count FROM starcorp_contact_submissions WHERE org_id = $1 AND status = $2 AND NOT is_spam',
      [orgId, status],
    );
    return row.count;
  }

  load(orgId: string, id: string, tx?: EntityManager, lock = false): Promise<ContactSubmission> {
    return findInOrg(this.managerOf(tx), ContactSubmission, orgId, id, 'Contact submission', { lock });
  }

  save(tx: EntityManager, submission: Partial<ContactSubmission>): Promise<ContactSubmission> {
    return tx.save(ContactSubmission, tx.create(ContactSubmission, submission));
  }
}
