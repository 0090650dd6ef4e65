import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { User } from '../../../platform/auth/users/user.entity';
import { findInOrg } from '../../../platform/database/org-scoped';
import { PG_UNIQUE_VIOLATION, pgCode, pgConstraint } from '../../../platform/database/pg-errors';
import { withTransaction } from '../../../platform/database/transactions';
import { DomainEvents } from '../../../platform/events/domain-events';
import { keysetPage, newestFirst, Page, timeAndId } from '../../../platform/http/pagination';
import { Problem } from '../../../platform/http/problem';
import { Membership } from '../../../platform/tenancy/members/membership.entity';
import type { OrgAccess } from '../../../platform/tenancy/org-access';
import { tierAtLeast, type Tier } from '../../../platform/tenancy/tiers';
import { CharacterOwnership } from '../roster/character-ownership.entity';
import { Character } from '../roster/character.entity';
import { capitalizeName } from '../roster/characters.service';
import { APPLICATION_STATUSES, OPEN_APPLICATION_STATUSES, transition, type ApplicationAction, type ApplicationStatus } from './application-rules';
import { ApplicationComment } from './application-comment.entity';
import { Application } from './application.entity';
import {
  ApplicationCommentDto,
  ApplicationDto,
  CreateApplicationCommentDto,
  ListApplicationsQueryDto,
  SubmitApplicationDto,
} from './dto/application.dto';
import { ApplicationStatisticsDto } from './dto/recruitment-settings.dto';
import { isCommunity } from './recruitment-access';
import { RecruitmentSettingsService, votingRulesOf } from './recruitment-settings.service';

const HOUR_MS = 3_600_000;

/** The event each step records: `dkp.application.<name>`. */
export const EVENT_OF: Record<ApplicationAction, string> = {
  trial_accept: 'trial_accepted',
  start_voting: 'voting_started',
  close_voting: 'voting_closed',
  approve: 'approved',
  reject: 'rejected',
  recycle: 'recycled',
  withdraw: 'withdrawn',
};
const DAY_MS = 86_400_000;

export function toApplicationDto(a: Application, username: string): ApplicationDto {
  return {
    id: a.id,
    userId: a.userId,
    username,
    status: a.status,
    characterName: a.characterName,
    server: a.server,
    characterClass: a.characterClass,
    level: a.level,
    guildExperience: a.guildExperience,
    availability: a.availability,
    timeZone: a.timeZone,
    references: a.references,
    discordUsername: a.discordUsername,
    answers: a.answers,
    rejectionReason: a.rejectionReason,
    trialAcceptedAt: a.trialAcceptedAt,
    votingStartedAt: a.votingStartedAt,
    votingEndsAt: a.votingEndsAt,
    votingClosedAt: a.votingClosedAt,
    decision: a.decision,
    decidedAt: a.decidedAt,
    characterId: a.characterId,
    trialStatus: a.trialStatus,
    trialEndsAt: a.trialEndsAt,
    trialEndedAt: a.trialEndedAt,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

/** Usernames (and Discord ids) of some users, for DTOs and event payloads. */
export async function usersById(manager: EntityManager, ids: (string | null)[]): Promise<Map<string, { username: string; discordId: string | null }>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (!wanted.length) return new Map();
  const users = await manager.find(User, { where: { id: In(wanted) }, select: { id: true, username: true, discordId: true } });
  return new Map(users.map((u) => [u.id, { username: u.username, discordId: u.discordId ?? null }]));
}

/**
 * Recruitment applications: submission (open to any logged-in user), the recruiter workflow
 * (transition table in `application-rules.ts`), the officer's decision, the roster character and
 * membership changes of an approval, and the trial's end. Every step records its domain event
 * (`dkp.application.*`) in the transaction of the change.
 */
@Injectable()
export class ApplicationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly settings: RecruitmentSettingsService,
    private readonly events: DomainEvents,
  ) {}

  async submit(a: OrgAccess, dto: SubmitApplicationDto): Promise<ApplicationDto> {
    if (!a.userId) throw Problem.forbidden('Applications are submitted by users, not bot keys');
    const userId = a.userId;
    const orgId = a.org.id;
    const characterName = capitalizeName(dto.characterName);
    const answers = await this.settings.validateAnswers(orgId, dto.answers ?? []);
    try {
      return await withTransaction(this.db, async (tx) => {
        const open = await tx.findOne(Application, { where: { orgId, characterName, status: In([...OPEN_APPLICATION_STATUSES]) } });
        if (open) throw Problem.conflict(`An application for ${characterName} is already open`, 'application-exists', { currentStatus: open.status });
        if (await tx.exists(Character, { where: { orgId, nameKey: characterName.toLowerCase() } })) {
          throw Problem.conflict(`${characterName} is already on the roster`, 'character-exists');
        }
        // Strangers join as applicants; an existing member keeps their tier (an officer applying with an alt stays officer).
        await tx.createQueryBuilder().insert().into(Membership).values({ orgId, userId, tier: 'applicant', grants: [] }).orIgnore().execute();
        const app = await tx.save(
          Application,
          tx.create(Application, {
            orgId,
            userId,
            status: 'submitted',
            characterName,
            server: dto.server.trim(),
            characterClass: dto.characterClass.trim(),
            level: dto.level,
            guildExperience: dto.guildExperience,
            availability: dto.availability,
            timeZone: dto.timeZone.trim(),
            references: dto.references ?? '',
            discordUsername: dto.discordUsername,
            answers,
          }),
        );
        await this.record(tx, app, 'submitted', { actorUserId: userId });
        return this.dto(tx, app);
      });
    } catch (error) {
      if (pgCode(error) === PG_UNIQUE_VIOLATION && pgConstraint(error) === 'uq_dkp_applications_org_open_character') {
        throw Problem.conflict(`An application for ${characterName} is already open`, 'application-exists');
      }
      throw error;
    }
  }

  /** One application: recruiters, members and developers see any; others only their own (404 otherwise). */
  async get(a: OrgAccess, id: string): Promise<ApplicationDto> {
    const app = await this.visible(this.db.manager, a, id);
    return this.dto(this.db.manager, app);
  }

  /** Loads an application the caller may see, or 404 (whether or not it exists). */
  async visible(manager: EntityManager, a: OrgAccess, id: string): Promise<Application> {
    const app = await findInOrg(manager, Application, a.org.id, id, 'Application');
    if (!isCommunity(a) && app.userId !== a.userId) throw Problem.notFound('Application');
    return app;
  }

  async list(orgId: string, q: ListApplicationsQueryDto, filter: { status?: ApplicationStatus; userId?: string } = {}): Promise<Page<ApplicationDto>> {
    const qb = this.db.createQueryBuilder(Application, 'a').where('a.org_id = :orgId', { orgId });
    const status = filter.status ?? q.status;
    const userId = filter.userId ?? q.userId;
    if (status) qb.andWhere('a.status = :status', { status });
    if (userId) qb.andWhere('a.user_id = :userId', { userId });
    if (q.trialStatus) qb.andWhere('a.trial_status = :trialStatus', { trialStatus: q.trialStatus });
    const rows = await newestFirst(qb, 'a.created_at', 'a.id', q).getMany();
    const users = await usersById(this.db.manager, rows.map((r) => r.userId));
    return keysetPage(rows, q.limit, (r) => timeAndId(r.createdAt, r.id), (r) => toApplicationDto(r, users.get(r.userId)?.username ?? ''));
  }

  /** Screening passed: the bot posts the application summary (`dkp.application.trial_accepted`). */
  trialAccept(a: OrgAccess, id: string): Promise<ApplicationDto> {
    return this.act(a, id, 'trial_accept', async (_tx, app, now) => {
      app.trialAcceptedAt = now;
      return {};
    });
  }

  /** Opens the member vote for the org's `votingHours`, with the counting rules fixed now. */
  startVoting(a: OrgAccess, id: string): Promise<ApplicationDto> {
    return this.act(a, id, 'start_voting', async (tx, app, now) => {
      const settings = await this.settings.get(a.org.id, tx);
      app.votingStartedAt = now;
      app.votingEndsAt = new Date(now.getTime() + settings.votingHours * HOUR_MS);
      app.votingRules = votingRulesOf(settings);
      return { votingStartedAt: app.votingStartedAt, votingEndsAt: app.votingEndsAt, rules: app.votingRules };
    });
  }

  reject(a: OrgAccess, id: string, reason: string): Promise<ApplicationDto> {
    return this.act(a, id, 'reject', async (_tx, app, now) => {
      this.decided(a, app, now);
      app.rejectionReason = reason;
      return { reason, decision: app.decision };
    });
  }

  /** "Not now": the applicant may apply again later. */
  recycle(a: OrgAccess, id: string, reason: string | undefined): Promise<ApplicationDto> {
    return this.act(a, id, 'recycle', async (_tx, app, now) => {
      this.decided(a, app, now);
      app.rejectionReason = reason ?? null;
      return { reason: reason ?? null, decision: app.decision };
    });
  }

  /**
   * Approves after a vote that passed (an explicit officer step: the vote advises, an officer
   * decides; a failed or recycled vote can only be rejected or recycled). Creates the character
   * on the roster for the applicant and raises their membership to `trial` (never lowers it),
   * starting the trial period.
   */
  approve(a: OrgAccess, id: string, reason: string | undefined): Promise<ApplicationDto> {
    return this.act(a, id, 'approve', async (tx, app, now) => {
      if (app.decision !== 'pass') {
        throw Problem.conflict(`The vote decided ${app.decision}; only a passed vote can be approved`, 'vote-not-passed', { currentStatus: app.status, decision: app.decision });
      }
      const settings = await this.settings.get(a.org.id, tx);
      if (await tx.exists(Character, { where: { orgId: app.orgId, nameKey: app.characterName.toLowerCase() } })) {
        throw Problem.conflict(`${app.characterName} is already on the roster`, 'character-exists', { currentStatus: app.status });
      }
      const character = await tx.save(
        Character,
        tx.create(Character, {
          orgId: app.orgId,
          name: capitalizeName(app.characterName),
          characterClass: app.characterClass,
          level: app.level,
          rankId: null,
          status: 'active',
          userId: app.userId,
          mainCharacterId: null,
          joinedAt: now,
        }),
      );
      await tx.insert(CharacterOwnership, { orgId: app.orgId, characterId: character.id, userId: app.userId, ownedFrom: now, reason: 'recruitment application approved', actorUserId: a.userId });
      const tier = await this.raiseTier(tx, app.orgId, app.userId, 'trial');
      this.decided(a, app, now);
      app.characterId = character.id;
      app.trialStatus = 'active';
      app.trialEndsAt = new Date(now.getTime() + settings.trialDays * DAY_MS);
      return { reason: reason ?? null, characterId: character.id, tier, trialEndsAt: app.trialEndsAt };
    });
  }

  /** The applicant takes back their own open application. */
  async withdraw(a: OrgAccess, id: string): Promise<ApplicationDto> {
    const app = await findInOrg(this.db.manager, Application, a.org.id, id, 'Application');
    if (app.userId !== a.userId) throw Problem.notFound('Application');
    return this.act(a, id, 'withdraw', async (_tx, row, now) => {
      row.decidedAt = now;
      row.decidedByUserId = a.userId;
      return {};
    });
  }

  /** Ends the trial well: the membership becomes `member` (a higher tier stays). Allowed any time during the trial. */
  promote(a: OrgAccess, id: string): Promise<ApplicationDto> {
    return this.endTrial(a, id, 'promoted', async (tx, app) => ({ tier: await this.raiseTier(tx, app.orgId, app.userId, 'member') }));
  }

  /**
   * Ends the trial without promotion: a `trial` (or lower) membership becomes `guest` (kept, so the
   * user can still read their application; guests have no powers), a higher tier is left alone,
   * and the character created on approval is set inactive.
   */
  removeTrial(a: OrgAccess, id: string): Promise<ApplicationDto> {
    return this.endTrial(a, id, 'removed', async (tx, app) => {
      const membership = await tx.findOne(Membership, { where: { orgId: app.orgId, userId: app.userId }, lock: { mode: 'pessimistic_write' } });
      let tier: Tier | null = membership?.tier ?? null;
      if (membership && !tierAtLeast(membership.tier, 'member')) {
        await tx.update(Membership, { id: membership.id }, { tier: 'guest' });
        tier = 'guest';
      }
      if (app.characterId) await tx.update(Character, { id: app.characterId, orgId: app.orgId }, { status: 'inactive' });
      return { tier };
    });
  }

  async addComment(a: OrgAccess, id: string, dto: CreateApplicationCommentDto): Promise<ApplicationCommentDto> {
    const app = await findInOrg(this.db.manager, Application, a.org.id, id, 'Application');
    const repo = this.db.getRepository(ApplicationComment);
    const comment = await repo.save(repo.create({ orgId: a.org.id, applicationId: app.id, authorUserId: a.userId, body: dto.body }));
    const users = await usersById(this.db.manager, [comment.authorUserId]);
    return this.commentDto(comment, users);
  }

  async listComments(orgId: string, id: string): Promise<ApplicationCommentDto[]> {
    await findInOrg(this.db.manager, Application, orgId, id, 'Application');
    const rows = await this.db.getRepository(ApplicationComment).find({ where: { orgId, applicationId: id }, order: { createdAt: 'ASC', id: 'ASC' } });
    const users = await usersById(this.db.manager, rows.map((r) => r.authorUserId));
    return rows.map((r) => this.commentDto(r, users));
  }

  async statistics(orgId: string, now = new Date()): Promise<ApplicationStatisticsDto> {
    const byStatus: { status: ApplicationStatus; count: number }[] = await this.db.query(
      'SELECT status, count(*)::int AS count FROM dkp_applications WHERE org_id = $1 GROUP BY status',
      [orgId],
    );
    const counts = new Map(byStatus.map((r) => [r.status, r.count]));
    const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1));
    const months: { month: string; kind: string; count: number }[] = await this.db.query(
      `SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, 'submitted' AS kind, count(*)::int AS count
         FROM dkp_applications WHERE org_id = $1 AND created_at >= $2 GROUP BY 1
       UNION ALL
       SELECT to_char(decided_at AT TIME ZONE 'UTC', 'YYYY-MM'), status, count(*)::int
         FROM dkp_applications WHERE org_id = $1 AND status IN ('approved', 'rejected') AND decided_at >= $2 GROUP BY 1, 2`,
      [orgId, first],
    );
    const [timing] = await this.db.query(
      `SELECT avg(extract(epoch FROM decided_at - created_at)) / 3600 AS hours
         FROM dkp_applications WHERE org_id = $1 AND status IN ('approved', 'rejected') AND decided_at IS NOT NULL`,
      [orgId],
    );
    const byMonth = Array.from({ length: 12 }, (_, i) => {
      const d = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + i, 1));
      const month = d.toISOString().slice(0, 7);
      const of = (kind: string) => months.find((m) => m.month === month && m.kind === kind)?.count ?? 0;
      return { month, submitted: of('submitted'), approved: of('approved'), rejected: of('rejected') };
    });
    const approved = counts.get('approved') ?? 0;
    const rejected = counts.get('rejected') ?? 0;
    return {
      total: byStatus.reduce((s, r) => s + r.count, 0),
      byStatus: APPLICATION_STATUSES.map((status) => ({ status, count: counts.get(status) ?? 0 })),
      byMonth,
      averageHoursToDecision: timing?.hours === null || timing?.hours === undefined ? null : Math.round(Number(timing.hours) * 10) / 10,
      approvalRate: approved + rejected ? Math.round((approved / (approved + rejected)) * 1000) / 1000 : null,
    };
  }

  /**
   * One workflow step: locks the application, checks the transition table (409 with
   * `currentStatus` otherwise), applies `change`, and records `dkp.application.<status>` with the
   * application summary and what `change` returns.
   */
  private act(
    a: OrgAccess,
    id: string,
    action: ApplicationAction,
    change: (tx: EntityManager, app: Application, now: Date) => Promise<Record<string, unknown>>,
  ): Promise<ApplicationDto> {
    return this.saving(() =>
      withTransaction(this.db, async (tx) => {
        const app = await findInOrg(tx, Application, a.org.id, id, 'Application', { lock: true });
        const to = transition(app.status, action);
        const now = new Date();
        const extra = await change(tx, app, now);
        app.status = to;
        await tx.save(Application, app);
        await this.record(tx, app, EVENT_OF[action], { actorUserId: a.userId, ...extra });
        return this.dto(tx, app);
      }),
    );
  }

  private endTrial(a: OrgAccess, id: string, outcome: 'promoted' | 'removed', change: (tx: EntityManager, app: Application) => Promise<Record<string, unknown>>): Promise<ApplicationDto> {
    return withTransaction(this.db, async (tx) => {
      const app = await findInOrg(tx, Application, a.org.id, id, 'Application', { lock: true });
      if (app.status !== 'approved' || app.trialStatus !== 'active') {
        throw Problem.conflict(`There is no running trial for this application (it is ${app.status}${app.trialStatus ? `, trial ${app.trialStatus}` : ''})`, 'no-active-trial', {
          currentStatus: app.status,
          trialStatus: app.trialStatus,
        });
      }
      const extra = await change(tx, app);
      app.trialStatus = outcome;
      app.trialEndedAt = new Date();
      await tx.save(Application, app);
      await this.record(tx, app, outcome, { actorUserId: a.userId, characterId: app.characterId, trialEndsAt: app.trialEndsAt, ...extra });
      return this.dto(tx, app);
    });
  }

  private decided(a: OrgAccess, app: Application, now: Date): void {
    app.decidedAt = now;
    app.decidedByUserId = a.userId;
  }

  /** Sets the membership to at least `tier` (creating it if the user left meanwhile); returns the resulting tier. */
  private async raiseTier(tx: EntityManager, orgId: string, userId: string, tier: Tier): Promise<Tier> {
    const membership = await tx.findOne(Membership, { where: { orgId, userId }, lock: { mode: 'pessimistic_write' } });
    if (!membership) {
      await tx.insert(Membership, { orgId, userId, tier, grants: [] });
      return tier;
    }
    if (tierAtLeast(membership.tier, tier)) return membership.tier;
    await tx.update(Membership, { id: membership.id }, { tier });
    return tier;
  }

  /** The event, with what a bot needs to post the application summary. */
  async record(tx: EntityManager, app: Application, what: string, extra: Record<string, unknown>): Promise<void> {
    const user = (await usersById(tx, [app.userId])).get(app.userId);
    await this.events.record(tx, {
      orgId: app.orgId,
      type: `dkp.application.${what}`,
      payload: {
        applicationId: app.id,
        status: app.status,
        userId: app.userId,
        username: user?.username ?? null,
        discordId: user?.discordId ?? null,
        discordUsername: app.discordUsername,
        characterName: app.characterName,
        server: app.server,
        characterClass: app.characterClass,
        level: app.level,
        timeZone: app.timeZone,
        availability: app.availability,
        guildExperience: app.guildExperience,
        references: app.references,
        answers: app.answers,
        submittedAt: app.createdAt,
        ...extra,
      },
    });
  }

  private async dto(manager: EntityManager, app: Application): Promise<ApplicationDto> {
    const users = await usersById(manager, [app.userId]);
    return toApplicationDto(app, users.get(app.userId)?.username ?? '');
  }

  private commentDto(c: ApplicationComment, users: Map<string, { username: string }>): ApplicationCommentDto {
    return {
      id: c.id,
      applicationId: c.applicationId,
      authorUserId: c.authorUserId,
      authorUsername: c.authorUserId ? (users.get(c.authorUserId)?.username ?? null) : null,
      body: c.body,
      createdAt: c.createdAt,
    };
  }

  private async saving<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (pgCode(error) === PG_UNIQUE_VIOLATION && pgConstraint(error) === 'uq_dkp_characters_org_name_key') {
        throw Problem.conflict('A character with that name exists in this org', 'character-exists');
      }
      throw error;
    }
  }
}

