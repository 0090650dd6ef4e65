import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { UsersService } from '../../../platform/auth/users/users.service';
import { JobQueue } from '../../../platform/jobs/job-queue';
import { keysetPage, Page, timeAndId } from '../../../platform/http/pagination';
import { Problem } from '../../../platform/http/problem';
import { MembersService } from '../../../platform/tenancy/members/members.service';
import type { OrgAccess } from '../../../platform/tenancy/org-access';
import { PointsService } from '../points/points.service';
import { EVENT_OF, ApplicationEvents } from './application-events';
import { decide, tallyOf, type Tally, type VoteChoice } from './application-rules';
import { ApplicationVote } from './application-vote.entity';
import { ApplicationVotesRepository } from './application-votes.repository';
import { Application } from './application.entity';
import { ApplicationsRepository } from './applications.repository';
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

const CLOSE_BATCH = 100;
const DEFAULT_RULES = { minAttendancePercent: 15, quorum: 1, tieRule: 'recycle', passThresholdPercent: 50 } as const;

const emptyTally = (): Tally => ({ pass: 0, fail: 0, recycle: 0 });
const sum = (tally: Tally) => tally.pass + tally.fail + tally.recycle;

function ownVote(vote: ApplicationVote): ApplicationOwnVoteDto {
  return {
    choice: vote.choice,
    changeCount: vote.changeCount,
    attendancePercent: Number(vote.attendancePercent),
    counted: vote.counted,
    votedAt: vote.votedAt,
  };
}

/**
 * The member vote on an application. Voting is open to members (tier member and up) except the
 * applicant; each member has one vote, changeable any number of times while the window is open.
 * A vote stores the voter's 30-day attendance at the time of their latest vote: the best of the
 * org's pools (a regular of any pool qualifies), from `PointsService.attendanceRates`. Only votes
 * whose attendance reaches the threshold fixed when the vote opened are counted. Votes belong to
 * the application, so the service also locks and closes it (through `ApplicationsRepository`).
 */
@Injectable()
export class ApplicationVotesService implements OnModuleInit {
  private readonly logger = new Logger(ApplicationVotesService.name);

  constructor(
    private readonly votes: ApplicationVotesRepository,
    private readonly applications: ApplicationsRepository,
    private readonly points: PointsService,
    private readonly settings: RecruitmentSettingsService,
    private readonly members: MembersService,
    private readonly users: UsersService,
    private readonly events: ApplicationEvents,
    private readonly jobs: JobQueue,
  ) {}

  /** Every minute: a vote closes at most a minute after its deadline. */
  onModuleInit(): void {
    this.jobs.define({
      queue: 'dkp.application-votes-close',
      schedule: { cron: '* * * * *' },
      handler: async () => void (await this.closeDueVotes(new Date())),
    });
  }

  /** 30-day attendance, best pool, in percent (0 without raids). */
  async attendancePercent(orgId: string, userId: string): Promise<number> {
    const rates = await this.points.attendanceRates(orgId, userId);
    return Math.max(0, ...[...rates.values()].map((r) => r.days30));
  }

  async cast(access: OrgAccess, id: string, choice: VoteChoice): Promise<ApplicationVoteResultDto> {
    const attendance = await this.attendancePercent(access.org.id, this.voter(access));
    return this.whileOpen(access, id, async (tx, app, userId, now) => {
      const orgId = access.org.id;
      const counted = attendance >= app.votingRules!.minAttendancePercent;
      const existing = await this.votes.find(orgId, id, userId, tx);
      const from = existing?.choice ?? null;
      const vote = existing ?? this.votes.build(tx, { orgId, applicationId: id, userId, changeCount: 0 });
      if (existing && existing.choice !== choice) vote.changeCount += 1;
      Object.assign(vote, { choice, attendancePercent: attendance.toFixed(1), counted, votedAt: now });
      const saved = await this.votes.save(tx, vote);
      if (from !== choice) {
        await this.votes.logChange(tx, {
          orgId,
          applicationId: id,
          userId,
          fromChoice: from,
          toChoice: choice,
          attendancePercent: attendance.toFixed(1),
          counted,
        });
      }
      return { applicationId: id, vote: ownVote(saved) };
    });
  }

  /** Withdraws the caller's vote while the window is open; the change log keeps the withdrawal. */
  async withdraw(access: OrgAccess, id: string): Promise<void> {
    await this.whileOpen(access, id, async (tx, _app, userId) => {
      const orgId = access.org.id;
      const vote = await this.votes.find(orgId, id, userId, tx);
      if (!vote) throw Problem.notFound('Vote');
      await this.votes.delete(tx, vote);
      await this.votes.logChange(tx, {
        orgId,
        applicationId: id,
        userId,
        fromChoice: vote.choice,
        toChoice: null,
        attendancePercent: vote.attendancePercent,
        counted: vote.counted,
      });
    });
  }

  private voter(access: OrgAccess): string {
    if (!access.userId) throw Problem.forbidden('Votes are cast by members, not bot keys');
    return access.userId;
  }

  /**
   * Runs a vote change under the application's row lock (which orders it against the close job
   * and other votes), refusing it unless voting is open and the caller is not the applicant.
   */
  private whileOpen<T>(
    access: OrgAccess,
    id: string,
    work: (tx: EntityManager, app: Application, userId: string, now: Date) => Promise<T>,
  ): Promise<T> {
    const userId = this.voter(access);
    return this.applications.transaction(async (tx) => {
      const app = await this.applications.get(access.org.id, id, { lock: true }, tx);
      const now = new Date();
      if (app.status !== 'voting_active' || !app.votingEndsAt || !app.votingRules) {
        throw Problem.conflict(`Voting is not open on this application (it is ${app.status})`, 'voting-not-open', {
          currentStatus: app.status,
        });
      }
      if (now >= app.votingEndsAt) {
        throw Problem.conflict('The voting window has ended', 'voting-closed', {
          currentStatus: app.status,
          votingEndsAt: app.votingEndsAt,
        });
      }
      if (app.userId === userId) throw Problem.forbidden('You cannot vote on your own application');
      return work(tx, app, userId, now);
    });
  }

  async summary(orgId: string, id: string): Promise<ApplicationVoteSummaryDto> {
    return this.summaryOf(await this.applications.get(orgId, id));
  }

  async memberView(access: OrgAccess, id: string): Promise<ApplicationMemberVoteViewDto> {
    const summary = await this.summary(access.org.id, id);
    const mine = access.userId ? await this.votes.find(access.org.id, id, access.userId) : null;
    return { summary, myVote: mine ? ownVote(mine) : null };
  }

  async officerView(orgId: string, id: string): Promise<ApplicationOfficerVoteViewDto> {
    const summary = await this.summary(orgId, id);
    return { summary, voters: await this.voters(orgId, id) };
  }

  async details(orgId: string, id: string): Promise<ApplicationVoteDetailsDto> {
    const app = await this.applications.get(orgId, id);
    const votes = await this.voters(orgId, id);
    const counted = emptyTally();
    const notCounted = emptyTally();
    for (const vote of votes) (vote.counted ? counted : notCounted)[vote.choice] += 1;
    return { applicationId: id, rules: app.votingRules, votes, counted, notCounted };
  }

  /** Who may vote (members and up, not the applicant), their attendance now and whether their vote counts. */
  async eligibility(orgId: string, id: string): Promise<ApplicationVotingEligibilityDto> {
    const app = await this.applications.get(orgId, id);
    const threshold = app.votingRules?.minAttendancePercent ?? (await this.settings.get(orgId)).minAttendancePercent;
    const members = (await this.members.memberSummaries(orgId, { minTier: 'member' }))
      .filter((member) => member.id !== app.userId)
      .sort((x, y) => (x.username < y.username ? -1 : x.username > y.username ? 1 : 0));
    const votes = new Map((await this.votes.all(orgId, id)).map((vote) => [vote.userId, vote]));
    const voters = [];
    for (const member of members) {
      const attendancePercent = await this.attendancePercent(orgId, member.id);
      const vote = votes.get(member.id);
      voters.push({
        userId: member.id,
        username: member.username,
        tier: member.tier,
        attendancePercent,
        wouldCount: attendancePercent >= threshold,
        hasVoted: Boolean(vote),
        voteCounted: vote ? vote.counted : null,
      });
    }
    return { applicationId: id, minAttendancePercent: threshold, voters };
  }

  async changes(
    orgId: string,
    id: string,
    q: ListApplicationVoteChangesQueryDto,
  ): Promise<Page<ApplicationVoteChangeDto>> {
    await this.applications.get(orgId, id);
    const rows = await this.votes.changes(orgId, id, q);
    const users = await this.users.summariesOf([...new Set(rows.map((r) => r.userId))]);
    return keysetPage(
      rows,
      q.limit,
      (r) => timeAndId(r.createdAt, r.id),
      (r) => ({
        id: r.id,
        userId: r.userId,
        username: users.get(r.userId)?.username ?? '',
        fromChoice: r.fromChoice,
        toChoice: r.toChoice,
        attendancePercent: Number(r.attendancePercent),
        counted: r.counted,
        createdAt: r.createdAt,
      }),
    );
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
      const due = await this.applications.dueVotes(now, CLOSE_BATCH);
      let progressed = 0;
      for (const id of due) {
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
    return this.applications.transaction(async (tx) => {
      const app = await this.applications.claimDueVote(tx, id, now);
      if (!app) return false;
      const outcome = await this.settle(tx, app, now);
      await this.applications.save(tx, app);
      await this.events.record(tx, app, EVENT_OF.close_voting, { actorUserId: null, ...outcome });
      return true;
    });
  }

  /**
   * Takes the tally of a vote being closed (by the job at the end of the window, or early by an
   * officer), in the caller's transaction and under its lock of the application: counts the
   * counted votes, decides by the rules fixed when the vote opened, and sets the decision, the
   * tally and the close time on `app` (the caller saves it and moves its status). Returns what
   * the `dkp.application.voting_closed` event carries.
   */
  async settle(tx: EntityManager, app: Application, now: Date): Promise<Record<string, unknown>> {
    const tally = tallyOf(await this.votes.countedByChoice(tx, app.orgId, app.id));
    const rules = app.votingRules ?? DEFAULT_RULES;
    const result = decide(tally, rules);
    app.decision = result.decision;
    app.finalTally = tally;
    app.votingClosedAt = now;
    return {
      decision: result.decision,
      quorumMet: result.quorumMet,
      passPercent: result.passPercent,
      countedVotes: tally,
      rules,
      votingEndsAt: app.votingEndsAt,
      votingClosedAt: now,
    };
  }

  private async summaryOf(app: Application): Promise<ApplicationVoteSummaryDto> {
    const all = emptyTally();
    const counted = emptyTally();
    for (const row of await this.votes.counts(app.orgId, app.id)) {
      all[row.choice] += row.n;
      if (row.counted) counted[row.choice] += row.n;
    }
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
    const votes = await this.votes.all(orgId, id);
    const users = await this.users.summariesOf([...new Set(votes.map((vote) => vote.userId))]);
    return votes.map((vote) => ({
      userId: vote.userId,
      username: users.get(vote.userId)?.username ?? '',
      ...ownVote(vote),
      firstVotedAt: vote.createdAt,
    }));
  }
}
