import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, LessThanOrEqual } from 'typeorm';
import { findInOrg } from '../../../platform/database/org-scoped';
import { withTransaction } from '../../../platform/database/transactions';
import { newestFirst } from '../../../platform/http/pagination';
import { OPEN_APPLICATION_STATUSES, type ApplicationStatus } from './application-rules';
import { ApplicationComment } from './application-comment.entity';
import { Application } from './application.entity';
import { ListApplicationsQueryDto } from './dto/application.dto';

/** Filters of an application list beyond the query's own. */
export interface ApplicationFilter {
  status?: ApplicationStatus;
  userId?: string;
}

/** Per-month counts: `kind` is 'submitted' (by creation) or the decided status (by decision). */
export interface MonthlyCount {
  month: string;
  kind: string;
  count: number;
}

/**
 * Every read and write of recruitment applications and their comments, including the claim
 * that closes a due vote. Methods that take a manager run in the caller's transaction.
 */
@Injectable()
export class ApplicationsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return withTransaction(this.db, work);
  }

  get(
    orgId: string,
    id: string,
    options: { lock?: boolean } = {},
    manager: EntityManager = this.db.manager,
  ): Promise<Application> {
    return findInOrg(manager, Application, orgId, id, 'Application', options);
  }

  /** The open application (any status before a decision) for that character, if any. */
  openFor(tx: EntityManager, orgId: string, characterName: string): Promise<Application | null> {
    return tx.findOne(Application, { where: { orgId, characterName, status: In([...OPEN_APPLICATION_STATUSES]) } });
  }

  insert(tx: EntityManager, values: Partial<Application>): Promise<Application> {
    return tx.save(Application, tx.create(Application, values));
  }

  save(tx: EntityManager, app: Application): Promise<Application> {
    return tx.save(Application, app);
  }

  /** Newest first, keyset-paged on (createdAt, id); fetches one row more than the limit. */
  page(orgId: string, q: ListApplicationsQueryDto, filter: ApplicationFilter): Promise<Application[]> {
    const qb = this.db.createQueryBuilder(Application, 'a').where('a.org_id = :orgId', { orgId });
    const status = filter.status ?? q.status;
    const userId = filter.userId ?? q.userId;
    if (status) qb.andWhere('a.status = :status', { status });
    if (userId) qb.andWhere('a.user_id = :userId', { userId });
    if (q.trialStatus) qb.andWhere('a.trial_status = :trialStatus', { trialStatus: q.trialStatus });
    return newestFirst(qb, 'a.created_at', 'a.id', q).getMany();
  }

  addComment(
    values: Pick<ApplicationComment, 'orgId' | 'applicationId' | 'authorUserId' | 'body'>,
  ): Promise<ApplicationComment> {
    const comments = this.db.getRepository(ApplicationComment);
    return comments.save(comments.create(values));
  }

  comments(orgId: string, applicationId: string): Promise<ApplicationComment[]> {
    return this.db
      .getRepository(ApplicationComment)
      .find({ where: { orgId, applicationId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  // ---- statistics -------------------------------------------------------------------------

  countsByStatus(orgId: string): Promise<{ status: ApplicationStatus; count: number }[]> {
    return this.db.query(
      'SELECT status, count(*)::int AS count FROM dkp_applications WHERE org_id = $1 GROUP BY status',
      [orgId],
    );
  }

  /** Submissions by month of creation, approvals and rejections by month of decision, since `first`. */
  monthlyCounts(orgId: string, first: Date): Promise<MonthlyCount[]> {
    return this.db.query(
      `SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, 'submitted' AS kind, count(*)::int AS count
         FROM dkp_applications WHERE org_id = $1 AND created_at >= $2 GROUP BY 1
       UNION ALL
       SELECT to_char(decided_at AT TIME ZONE 'UTC', 'YYYY-MM'), status, count(*)::int
         FROM dkp_applications WHERE org_id = $1 AND status IN ('approved', 'rejected') AND decided_at >= $2 GROUP BY 1, 2`,
      [orgId, first],
    );
  }

  /** Mean hours from submission to approval or rejection, or null without decisions. */
  async averageHoursToDecision(orgId: string): Promise<number | null> {
    const [timing] = await this.db.query(
      `SELECT avg(extract(epoch FROM decided_at - created_at)) / 3600 AS hours
         FROM dkp_applications WHERE org_id = $1 AND status IN ('approved', 'rejected') AND decided_at IS NOT NULL`,
      [orgId],
    );
    return timing?.hours === null || timing?.hours === undefined ? null : Number(timing.hours);
  }

  // ---- closing votes ----------------------------------------------------------------------

  /** Ids of applications (any org) whose vote window ended by `now`, oldest deadline first. */
  async dueVotes(now: Date, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM dkp_applications WHERE status = 'voting_active' AND voting_ends_at <= $1 ORDER BY voting_ends_at, id LIMIT ${Number(limit)}`,
      [now],
    );
    return rows.map((row) => row.id);
  }

  /**
   * Claims a due vote by a conditional UPDATE (still `voting_active` and due), so exactly one
   * transaction closes it however many instances try; returns the application, or null when
   * another transaction got there first.
   */
  async claimDueVote(tx: EntityManager, id: string, now: Date): Promise<Application | null> {
    const claim = await tx.update(
      Application,
      { id, status: 'voting_active', votingEndsAt: LessThanOrEqual(now) },
      { status: 'voting_complete', votingClosedAt: now },
    );
    return claim.affected ? tx.findOneByOrFail(Application, { id }) : null;
  }
}
