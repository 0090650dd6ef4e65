import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { newestFirst } from '../../../platform/http/pagination';
import type { VoteChoice } from './application-rules';
import { ApplicationVoteChange } from './application-vote-change.entity';
import { ApplicationVote } from './application-vote.entity';
import { ListApplicationVoteChangesQueryDto } from './dto/application-vote.dto';

/** How many votes of each choice, split by whether they count. */
export interface VoteCount {
  choice: VoteChoice;
  counted: boolean;
  n: number;
}

/** Every read and write of member votes on applications and of their change log. */
@Injectable()
export class ApplicationVotesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** One member's current vote on an application, if any. */
  find(
    orgId: string,
    applicationId: string,
    userId: string,
    manager: EntityManager = this.db.manager,
  ): Promise<ApplicationVote | null> {
    return manager.findOne(ApplicationVote, { where: { orgId, applicationId, userId } });
  }

  /** Every current vote on an application, first cast first. */
  all(orgId: string, applicationId: string): Promise<ApplicationVote[]> {
    return this.db
      .getRepository(ApplicationVote)
      .find({ where: { orgId, applicationId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** A new vote row (not yet stored). */
  build(
    tx: EntityManager,
    values: Pick<ApplicationVote, 'orgId' | 'applicationId' | 'userId' | 'changeCount'>,
  ): ApplicationVote {
    return tx.create(ApplicationVote, values);
  }

  save(tx: EntityManager, vote: ApplicationVote): Promise<ApplicationVote> {
    return tx.save(ApplicationVote, vote);
  }

  async delete(tx: EntityManager, vote: ApplicationVote): Promise<void> {
    await tx.delete(ApplicationVote, { id: vote.id });
  }

  async logChange(
    tx: EntityManager,
    change: Omit<ApplicationVoteChange, 'id' | 'createdAt' | 'updatedAt'>,
  ): Promise<void> {
    await tx.insert(ApplicationVoteChange, change);
  }

  /** Votes by choice and counted flag. */
  counts(orgId: string, applicationId: string): Promise<VoteCount[]> {
    return this.db.query(
      'SELECT choice, counted, count(*)::int AS n FROM dkp_application_votes WHERE org_id = $1 AND application_id = $2 GROUP BY choice, counted',
      [orgId, applicationId],
    );
  }

  /** Counted votes by choice, in the caller's transaction (closing the vote). */
  countedByChoice(
    tx: EntityManager,
    orgId: string,
    applicationId: string,
  ): Promise<{ choice: VoteChoice; n: number }[]> {
    return tx.query(
      'SELECT choice, count(*)::int AS n FROM dkp_application_votes WHERE org_id = $1 AND application_id = $2 AND counted GROUP BY choice',
      [orgId, applicationId],
    );
  }

  /** The change log, newest first, keyset-paged; fetches one row more than the limit. */
  changes(
    orgId: string,
    applicationId: string,
    q: ListApplicationVoteChangesQueryDto,
  ): Promise<ApplicationVoteChange[]> {
    const qb = this.db
      .createQueryBuilder(ApplicationVoteChange, 'c')
      .where('c.org_id = :orgId AND c.application_id = :id', { orgId, id: applicationId });
    return newestFirst(qb, 'c.created_at', 'c.id', q).getMany();
  }
}
