import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, LessThanOrEqual } from 'typeorm';
import { findInOrg } from '../../../platform/database/org-scoped';
import { withTransaction } from '../../../platform/database/transactions';
import { JobScheduler } from '../../../platform/jobs/job-scheduler';
import { keysetPage, newestFirst, Page, timeAndId } from '../../../platform/http/pagination';
import { Problem } from '../../../platform/http/problem';
import { Membership } from '../../../platform/tenancy/members/membership.entity';
import type { OrgAccess } from '../../../platform/tenancy/org-access';
import { tierAtLeast, TIERS } from '../../../platform/tenancy/tiers';
import { PointsService } from '../points/points.service';
import { decide, type Tally, type VoteChoice } from './application-rules';
import { ApplicationVoteChange } from './application-vote-change.entity';
import { ApplicationVote } from './application-vote.entity';
import { Application } from './application.entity';
import { ApplicationsService, EVENT_OF, usersById } from './applications.service';
import {
  ApplicationMemberVoteViewDto,
  ApplicationOfficerVoteViewDto,
  ApplicationOwnVoteDto,
  ApplicationVoteChangeDto,
  ApplicationVoteDetailsDto,
  ApplicationVoteResultDto,
  ApplicationVoterDto,
  ApplicationVoteSummaryDto,
  ApplicationVotingEligibilityDto,
  ListApplicationVoteChangesQueryDto,
} from './dto/application-vote.dto';
import { RecruitmentSettingsService } from './recruitment-settings.service';

const CLOSE_EVERY_MS = 30_000;
const CLOSE_BATCH = 100;

const emptyTally = (): Tally => ({ pass: 0, fail: 0, recycle: 0 });

function ownVote(v: ApplicationVote): ApplicationOwnVoteDto {
  return { choice: v.choice, changeCount: v.changeCount, attendancePercent: Number(v.attendancePercent), counted: v.counted, votedAt: v.votedAt };
}

/**
 * The member vote on an application. Voting is open to members (tier member and up) except the
 * applicant; each member has one vote, changeable any number of times while the window is open.
 * A vote stores the voter's 30-day attendance at the time of their latest vote: the best of the
 * org's pools (a regular of any pool qualifies), from `PointsService.attendanceRates`. Only votes
 * whose attendance reaches the threshold fixed when the vote opened are counted.
 */
@Injectable()
export class ApplicationVotesService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ApplicationVotesService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly points: PointsService,
    private readonly applications: ApplicationsService,
    private readonly settings: RecruitmentSettingsService,
    private readonly scheduler: JobScheduler,
  ) {}

  onApplicationBootstrap(): void {
    this.scheduler.every('dkp-application-votes-close', CLOSE_EVERY_MS, async () => void (await this.closeDueVotes(new Date())));
  }

  /** 30-day attendance, best pool, in percent (0 without raids). */
  async attendancePercent(orgId: string, userId: string): Promise<number> {
    const rates = await this.points.attendanceRates(orgId, userId);
    return Math.max(0, ...[...rates.values()].map((r) => r.days30));
  }

  async cast(a: OrgAccess, id: string, choice: VoteChoice): Promise<ApplicationVoteResultDto> {
    const attendance = await this.attendancePercent(a.org.id, this.voter(a));
    return this.whileOpen(a, id, async (tx, app, userId, now) => {
      const orgId = a.org.id;
      const counted = attendance >= app.votingRules!.minAttendancePercent;
      const existing = await tx.findOne(ApplicationVote, { where: { orgId, applicationId: id, userId } });
      const from = existing?.choice ?? null;
      const vote = existing ?? tx.create(ApplicationVote, { orgId, applicationId: id, userId, changeCount: 0 });
      if (existing && existing.choice !== choice) vote.changeCount += 1;
      Object.assign(vote, { choice, attendancePercent: attendance.toFixed(1), counted, votedAt: now });
      const saved = await tx.save(ApplicationVote, vote);
      if (from !== choice) {
        await tx.insert(ApplicationVoteChange, { orgId, applicationId: id, userId, fromChoice: from, toChoice: choice, attendancePercent: attendance.toFixed(1), counted });
      }
      return { applicationId: id, vote: ownVote(saved) };
    });
  }

  /** Withdraws the caller's vote while the window is open; the change log keeps the withdrawal. */
  async withdraw(a: OrgAccess, id: string): Promise<void> {
    await this.whileOpen(a, id, async (tx, _app, userId) => {
      const vote = await tx.findOne(ApplicationVote, { where: { orgId: a.org.id, applicationId: id, userId } });
      if (!vote) throw Problem.notFound('Vote');
      await tx.delete(ApplicationVote, { id: vote.id });
      await tx.insert(ApplicationVoteChange, { orgId: a.org.id, applicationId: id, userId, fromChoice: vote.choice, toChoice: null, attendancePercent: vote.attendancePercent, counted: vote.counted });
    });
  }

  private voter(a: OrgAccess): string {
    if (!a.userId) throw Problem.forbidden('Votes are cast by members, not bot keys');
    return a.userId;
  }

  /**
   * Runs a vote change under the application's row lock (which orders it against the close job
   * and other votes), refusing it unless voting is open and the caller is not the applicant.
   */
  private whileOpen<T>(a: OrgAccess, id: string, work: (tx: EntityManager, app: Application, userId: string, now: Date) => Promise<T>): Promise<T> {
    const userId = this.voter(a);
    return withTransaction(this.db, async (tx) => {
      const app = await findInOrg(tx, Application, a.org.id, id, 'Application', { lock: true });
      const now = new Date();
      if (app.status !== 'voting_active' || !app.votingEndsAt || !app.votingRules) {
        throw Problem.conflict(`Voting is not open on this application (it is ${app.status})`, 'voting-not-open', { currentStatus: app.status });
      }
      if (now >= app.votingEndsAt) {
        throw Problem.conflict('The voting window has ended', 'voting-closed', { currentStatus: app.status, votingEndsAt: app.votingEndsAt });
      }
      if (app.userId === userId) throw Problem.forbidden('You cannot vote on your own application');
      return work(tx, app, userId, now);
    });
  }

  async summary(orgId: string, id: string): Promise<ApplicationVoteSummaryDto> {
    const app = await findInOrg(this.db.manager, Application, orgId, id, 'Application');
    return this.summaryOf(app);
  }

  async memberView(a: OrgAccess, id: string): Promise<ApplicationMemberVoteViewDto> {
    const summary = await this.summary(a.org.id, id);
    const mine = a.userId ? await this.db.getRepository(ApplicationVote).findOne({ where: { orgId: a.org.id, applicationId: id, userId: a.userId } }) : null;
    return { summary, myVote: mine ? ownVote(mine) : null };
  }

  async officerView(orgId: string, id: string): Promise<ApplicationOfficerVoteViewDto> {
    const summary = await this.summary(orgId, id);
    return { summary, voters: await this.voters(orgId, id) };
  }

  async details(orgId: string, id: string): Promise<ApplicationVoteDetailsDto> {
    const app = await findInOrg(this.db.manager, Application, orgId, id, 'Application');
    const votes = await this.voters(orgId, id);
    const counted = emptyTally();
    const notCounted = emptyTally();
    for (const v of votes) (v.counted ? counted : notCounted)[v.choice] += 1;
    return { applicationId: id, rules: app.votingRules, votes, counted, notCounted };
  }

  /** Who may vote (members and up, not the applicant), their attendance now and whether their vote counts. */
  async eligibility(orgId: string, id: string): Promise<ApplicationVotingEligibilityDto> {
    const app = await findInOrg(this.db.manager, Application, orgId, id, 'Application');
    const threshold = app.votingRules?.minAttendancePercent ?? (await this.settings.get(orgId)).minAttendancePercent;
    const voterTiers = TIERS.filter((t) => tierAtLeast(t, 'member'));
    const members = await this.db
      .createQueryBuilder(Membership, 'm')
      .innerJoin('users', 'u', 'u.id = m.user_id')
      .select(['m.user_id AS "userId"', 'u.username AS username', 'm.tier AS tier'])
      .where('m.org_id = :orgId AND m.tier IN (:...voterTiers) AND m.user_id <> :applicant', { orgId, voterTiers, applicant: app.userId })
      .orderBy('u.username', 'ASC')
      .getRawMany<{ userId: string; username: string; tier: string }>();
    const votes = new Map((await this.db.getRepository(ApplicationVote).find({ where: { orgId, applicationId: id } })).map((v) => [v.userId, v]));
    const voters = [];
    for (const m of members) {
      const attendancePercent = await this.attendancePercent(orgId, m.userId);
      const vote = votes.get(m.userId);
      voters.push({ ...m, attendancePercent, wouldCount: attendancePercent >= threshold, hasVoted: Boolean(vote), voteCounted: vote ? vote.counted : null });
    }
    return { applicationId: id, minAttendancePercent: threshold, voters };
  }

  async changes(orgId: string, id: string, q: ListApplicationVoteChangesQueryDto): Promise<Page<ApplicationVoteChangeDto>> {
    await findInOrg(this.db.manager, Application, orgId, id, 'Application');
    const qb = this.db.createQueryBuilder(ApplicationVoteChange, 'c').where('c.org_id = :orgId AND c.application_id = :id', { orgId, id });
    const rows = await newestFirst(qb, 'c.created_at', 'c.id', q).getMany();
    const users = await usersById(this.db.manager, rows.map((r) => r.userId));
    return keysetPage(rows, q.limit, (r) => timeAndId(r.createdAt, r.id), (r) => ({
      id: r.id,
      userId: r.userId,
      username: users.get(r.userId)?.username ?? '',
      fromChoice: r.fromChoice,
      toChoice: r.toChoice,
      attendancePercent: Number(r.attendancePercent),
      counted: r.counted,
      createdAt: r.createdAt,
    }));
  }

  /**
   * Closes every vote whose window ended by `now` (catching up after downtime). Safe on any
   * number of instances at once: each application is claimed by a conditional UPDATE
   * (`status = 'voting_active' AND voting_ends_at <= now`), so exactly one transaction closes it,
   * computes the decision and records `dkp.application.voting_closed`. Returns how many this call closed.
   */
  async closeDueVotes(now: Date = new Date()): Promise<number> {
    let closed = 0;
    for (;;) {
      const due: { id: string }[] = await this.db.query(
        `SELECT id FROM dkp_applications WHERE status = 'voting_active' AND voting_ends_at <= $1 ORDER BY voting_ends_at, id LIMIT ${CLOSE_BATCH}`,
        [now],
      );
      let progressed = 0;
      for (const { id } of due) {
        try {
          if (await this.closeOne(id, now)) progressed++;
        } catch (error) {
          this.logger.error({ err: error, applicationId: id }, 'closing an application vote failed');
        }
      }
      closed += progressed;
      if (due.length < CLOSE_BATCH || !progressed) return closed;
    }
  }

  private closeOne(id: string, now: Date): Promise<boolean> {
    return withTransaction(this.db, async (tx) => {
      const claim = await tx.update(Application, { id, status: 'voting_active', votingEndsAt: LessThanOrEqual(now) }, { status: 'voting_complete', votingClosedAt: now });
      if (!claim.affected) return false;
      const app = await tx.findOneByOrFail(Application, { id });
      const rows: { choice: VoteChoice; n: number }[] = await tx.query(
        'SELECT choice, count(*)::int AS n FROM dkp_application_votes WHERE org_id = $1 AND application_id = $2 AND counted GROUP BY choice',
        [app.orgId, id],
      );
      const tally = emptyTally();
      for (const r of rows) tally[r.choice] = r.n;
      const rules = app.votingRules ?? { minAttendancePercent: 15, quorum: 1, tieRule: 'recycle', passThresholdPercent: 50 };
      const result = decide(tally, rules);
      app.decision = result.decision;
      app.finalTally = tally;
      await tx.save(Application, app);
      await this.applications.record(tx, app, EVENT_OF.close_voting, {
        actorUserId: null,
        decision: result.decision,
        quorumMet: result.quorumMet,
        passPercent: result.passPercent,
        countedVotes: tally,
        rules,
        votingEndsAt: app.votingEndsAt,
        votingClosedAt: now,
      });
      return true;
    });
  }

  private async summaryOf(app: Application): Promise<ApplicationVoteSummaryDto> {
    const rows: { choice: VoteChoice; counted: boolean; n: number }[] = await this.db.query(
      'SELECT choice, counted, count(*)::int AS n FROM dkp_application_votes WHERE org_id = $1 AND application_id = $2 GROUP BY choice, counted',
      [app.orgId, app.id],
    );
    const all = emptyTally();
    const counted = emptyTally();
    for (const r of rows) {
      all[r.choice] += r.n;
      if (r.counted) counted[r.choice] += r.n;
    }
    const sum = (t: Tally) => t.pass + t.fail + t.recycle;
    return {
      applicationId: app.id,
      open: app.status === 'voting_active' && Boolean(app.votingEndsAt && app.votingEndsAt > new Date()),
      votingEndsAt: app.votingEndsAt,
      all,
      counted,
      totalVotes: sum(all),
      countedVotes: sum(counted),
      rules: app.votingRules,
      quorumMet: app.votingRules ? sum(counted) >= app.votingRules.quorum : false,
      decision: app.decision,
    };
  }

  private async voters(orgId: string, id: string): Promise<ApplicationVoterDto[]> {
    const votes = await this.db.getRepository(ApplicationVote).find({ where: { orgId, applicationId: id }, order: { createdAt: 'ASC', id: 'ASC' } });
    const users = await usersById(this.db.manager, votes.map((v) => v.userId));
    return votes.map((v) => ({ userId: v.userId, username: users.get(v.userId)?.username ?? '', ...ownVote(v), firstVotedAt: v.createdAt }));
  }
}
