import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { UsersService } from '../../../platform/auth/users/users.service';
import { PG_UNIQUE_VIOLATION, pgCode, pgConstraint } from '../../../platform/database/pg-errors';
import { keysetPage, Page, timeAndId } from '../../../platform/http/pagination';
import { Problem } from '../../../platform/http/problem';
import type { MemberChangeCause } from '../../../platform/tenancy/members/member-directory';
import { MembersService } from '../../../platform/tenancy/members/members.service';
import type { OrgAccess } from '../../../platform/tenancy/org-access';
import { capitalizeName, CharactersService } from '../roster/characters.service';
import { EVENT_OF, ApplicationEvents } from './application-events';
import {
  APPLICATION_STATUSES,
  assertEditable,
  changedFormFields,
  transition,
  voidsVote,
  type ApplicationAction,
} from './application-rules';
import { ApplicationVotesService } from './application-votes.service';
import { Application, type StoredAnswer } from './application.entity';
import { toApplicationDto, toCommentDto } from './application.mapper';
import { ApplicationFilter, ApplicationsRepository } from './applications.repository';
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
const DAY_MS = 86_400_000;

/** The applicant's form as stored: trimmed where free text allows, the character name capitalized. */
function formValues(dto: SubmitApplicationDto, characterName: string, answers: StoredAnswer[]) {
  return {
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
  };
}

/** Who changed a membership through recruitment, for the platform's `platform.member.*` event. */
function causeOf(access: OrgAccess, reason: string): MemberChangeCause {
  return { actorUserId: access.userId, reason };
}

/**
 * Recruitment applications: submission (open to any logged-in user), the recruiter workflow
 * (transition table in `application-rules.ts`), the officer's decision, the roster character and
 * membership changes of an approval, and the trial's end. Every step records its domain event
 * (`dkp.application.*`) in the transaction of the change; memberships change only through the
 * platform's `MembersService`.
 */
@Injectable()
export class ApplicationsService {
  constructor(
    private readonly applications: ApplicationsRepository,
    private readonly settings: RecruitmentSettingsService,
    private readonly characters: CharactersService,
    private readonly members: MembersService,
    private readonly users: UsersService,
    private readonly events: ApplicationEvents,
    private readonly votes: ApplicationVotesService,
  ) {}

  async submit(access: OrgAccess, dto: SubmitApplicationDto): Promise<ApplicationDto> {
    if (!access.userId) throw Problem.forbidden('Applications are submitted by users, not bot keys');
    const userId = access.userId;
    const orgId = access.org.id;
    const characterName = capitalizeName(dto.characterName);
    const answers = await this.settings.validateAnswers(orgId, dto.answers ?? []);
    return this.openOnce(characterName, () =>
      this.applications.transaction(async (tx) => {
        await this.assertMayApply(tx, orgId, characterName);
        // Strangers join as applicants; an existing member keeps their tier (an officer applying with an alt stays officer).
        await this.members.ensureMembership(
          tx,
          orgId,
          userId,
          'applicant',
          causeOf(access, 'dkp.application.submitted'),
        );
        const app = await this.applications.insert(tx, {
          orgId,
          userId,
          status: 'submitted',
          ...formValues(dto, characterName, answers),
        });
        await this.events.record(tx, app, 'submitted', { actorUserId: userId });
        return this.dto(app, tx);
      }),
    );
  }

  /** One application: recruiters, members and developers see any; others only their own (404 otherwise). */
  async get(access: OrgAccess, id: string): Promise<ApplicationDto> {
    const app = await this.applications.get(access.org.id, id);
    if (!isCommunity(access) && app.userId !== access.userId) throw Problem.notFound('Application');
    return this.dto(app);
  }

  /**
   * The applicant replaces their whole form (same validation as a submission) until the member
   * vote opens; 409 with `currentStatus` after that. Records `dkp.application.updated` with the
   * names of the fields that changed, so a bot can refresh the summary it posted.
   */
  async update(access: OrgAccess, id: string, dto: SubmitApplicationDto): Promise<ApplicationDto> {
    const orgId = access.org.id;
    const characterName = capitalizeName(dto.characterName);
    const answers = await this.settings.validateAnswers(orgId, dto.answers ?? []);
    return this.openOnce(characterName, () =>
      this.applications.transaction(async (tx) => {
        const app = await this.applications.get(orgId, id, { lock: true }, tx);
        this.assertApplicant(access, app);
        assertEditable(app.status);
        if (characterName !== app.characterName) await this.assertMayApply(tx, orgId, characterName);
        const values = formValues(dto, characterName, answers);
        const changedFields = changedFormFields(app, values);
        Object.assign(app, values);
        await this.applications.save(tx, app);
        await this.events.record(tx, app, 'updated', { actorUserId: access.userId, changedFields });
        return this.dto(app, tx);
      }),
    );
  }

  async list(
    orgId: string,
    q: ListApplicationsQueryDto,
    filter: ApplicationFilter = {},
  ): Promise<Page<ApplicationDto>> {
    const rows = await this.applications.page(orgId, q, filter);
    const users = await this.users.summariesOf([...new Set(rows.map((r) => r.userId))]);
    return keysetPage(
      rows,
      q.limit,
      (r) => timeAndId(r.createdAt, r.id),
      (r) => toApplicationDto(r, users.get(r.userId)?.username ?? ''),
    );
  }

  /** The caller's own applications. */
  listMine(access: OrgAccess, q: ListApplicationsQueryDto): Promise<Page<ApplicationDto>> {
    return this.list(access.org.id, q, { userId: access.userId ?? undefined });
  }

  /** Applications whose member vote is open. */
  listVoting(orgId: string, q: ListApplicationsQueryDto): Promise<Page<ApplicationDto>> {
    return this.list(orgId, q, { status: 'voting_active' });
  }

  /** Screening passed: the bot posts the application summary (`dkp.application.trial_accepted`). */
  trialAccept(access: OrgAccess, id: string): Promise<ApplicationDto> {
    return this.act(access, id, 'trial_accept', async (_tx, app, now) => {
      app.trialAcceptedAt = now;
      return {};
    });
  }

  /** Opens the member vote for the org's `votingHours`, with the counting rules fixed now. */
  startVoting(access: OrgAccess, id: string): Promise<ApplicationDto> {
    return this.act(access, id, 'start_voting', async (tx, app, now) => {
      const settings = await this.settings.get(access.org.id, tx);
      app.votingStartedAt = now;
      app.votingEndsAt = new Date(now.getTime() + settings.votingHours * HOUR_MS);
      app.votingRules = votingRulesOf(settings);
      return { votingStartedAt: app.votingStartedAt, votingEndsAt: app.votingEndsAt, rules: app.votingRules };
    });
  }

  /**
   * Closes the member vote before its window ends (officers): the tally is taken now by the same
   * rules as the close job (`ApplicationVotesService.settle`), under the application's lock, so a
   * vote cast at the same moment is either counted or refused with 409.
   */
  closeVoting(access: OrgAccess, id: string): Promise<ApplicationDto> {
    return this.act(access, id, 'close_voting', async (tx, app, now) => ({
      ...(await this.votes.settle(tx, app, now)),
      closedEarly: true,
    }));
  }

  /** Rejects with a reason; during the member vote, the vote is void (closed without a decision). */
  reject(access: OrgAccess, id: string, reason: string): Promise<ApplicationDto> {
    return this.act(access, id, 'reject', async (_tx, app, now) => {
      this.decided(access, app, now);
      app.rejectionReason = reason;
      return { reason, decision: app.decision };
    });
  }

  /** "Not now": the applicant may apply again later. */
  recycle(access: OrgAccess, id: string, reason: string | undefined): Promise<ApplicationDto> {
    return this.act(access, id, 'recycle', async (_tx, app, now) => {
      this.decided(access, app, now);
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
  approve(access: OrgAccess, id: string, reason: string | undefined): Promise<ApplicationDto> {
    return this.act(access, id, 'approve', async (tx, app, now) => {
      if (app.decision !== 'pass') {
        throw Problem.conflict(
          `The vote decided ${app.decision}; only a passed vote can be approved`,
          'vote-not-passed',
          { currentStatus: app.status, decision: app.decision },
        );
      }
      const settings = await this.settings.get(access.org.id, tx);
      const characterId = await this.enrolApplicant(tx, access, app, now);
      const tier = await this.members.raiseTier(
        tx,
        app.orgId,
        app.userId,
        'trial',
        causeOf(access, 'dkp.application.approved'),
      );
      this.decided(access, app, now);
      app.characterId = characterId;
      app.trialStatus = 'active';
      app.trialEndsAt = new Date(now.getTime() + settings.trialDays * DAY_MS);
      return { reason: reason ?? null, characterId, tier, trialEndsAt: app.trialEndsAt };
    });
  }

  /** The applicant takes back their own open application. */
  async withdraw(access: OrgAccess, id: string): Promise<ApplicationDto> {
    const app = await this.applications.get(access.org.id, id);
    if (app.userId !== access.userId) throw Problem.notFound('Application');
    return this.act(access, id, 'withdraw', async (_tx, row, now) => {
      row.decidedAt = now;
      row.decidedByUserId = access.userId;
      return {};
    });
  }

  /** Ends the trial well: the membership becomes `member` (a higher tier stays). Allowed any time during the trial. */
  promote(access: OrgAccess, id: string): Promise<ApplicationDto> {
    return this.endTrial(access, id, 'promoted', async (tx, app) => ({
      tier: await this.members.raiseTier(tx, app.orgId, app.userId, 'member', causeOf(access, 'dkp.trial.promoted')),
    }));
  }

  /**
   * Ends the trial without promotion: a `trial` (or lower) membership becomes `guest` (kept, so the
   * user can still read their application; guests have no powers), a higher tier is left alone,
   * and the character created on approval is set inactive.
   */
  removeTrial(access: OrgAccess, id: string): Promise<ApplicationDto> {
    return this.endTrial(access, id, 'removed', async (tx, app) => {
      const cause = causeOf(access, 'dkp.trial.removed');
      const tier = await this.members.lowerTier(tx, app.orgId, app.userId, 'guest', cause, { unlessAtLeast: 'member' });
      if (app.characterId) await this.characters.setStatus(tx, app.orgId, app.characterId, 'inactive');
      return { tier };
    });
  }

  async addComment(access: OrgAccess, id: string, dto: CreateApplicationCommentDto): Promise<ApplicationCommentDto> {
    const app = await this.applications.get(access.org.id, id);
    const comment = await this.applications.addComment({
      orgId: access.org.id,
      applicationId: app.id,
      authorUserId: access.userId,
      body: dto.body,
    });
    return toCommentDto(comment, await this.users.summariesOf(comment.authorUserId ? [comment.authorUserId] : []));
  }

  async listComments(orgId: string, id: string): Promise<ApplicationCommentDto[]> {
    await this.applications.get(orgId, id);
    const rows = await this.applications.comments(orgId, id);
    const users = await this.users.summariesOf([
      ...new Set(rows.map((r) => r.authorUserId).filter((userId): userId is string => Boolean(userId))),
    ]);
    return rows.map((r) => toCommentDto(r, users));
  }

  /** Counts by status and by month (the last 12, UTC), the mean time to a decision and the approval rate. */
  async statistics(orgId: string, now = new Date()): Promise<ApplicationStatisticsDto> {
    const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1));
    const [byStatus, months, hours] = await Promise.all([
      this.applications.countsByStatus(orgId),
      this.applications.monthlyCounts(orgId, first),
      this.applications.averageHoursToDecision(orgId),
    ]);
    const counts = new Map(byStatus.map((r) => [r.status, r.count]));
    const byMonth = Array.from({ length: 12 }, (_, i) => {
      const month = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + i, 1)).toISOString().slice(0, 7);
      const of = (kind: string) => months.find((m) => m.month === month && m.kind === kind)?.count ?? 0;
      return { month, submitted: of('submitted'), approved: of('approved'), rejected: of('rejected') };
    });
    const approved = counts.get('approved') ?? 0;
    const rejected = counts.get('rejected') ?? 0;
    return {
      total: byStatus.reduce((sum, r) => sum + r.count, 0),
      byStatus: APPLICATION_STATUSES.map((status) => ({ status, count: counts.get(status) ?? 0 })),
      byMonth,
      averageHoursToDecision: hours === null ? null : Math.round(hours * 10) / 10,
      approvalRate: approved + rejected ? Math.round((approved / (approved + rejected)) * 1000) / 1000 : null,
    };
  }

  /**
   * One workflow step: locks the application, checks the transition table (409 with
   * `currentStatus` otherwise), applies `change`, and records `dkp.application.<status>` with the
   * application summary and what `change` returns.
   */
  private act(
    access: OrgAccess,
    id: string,
    action: ApplicationAction,
    change: (tx: EntityManager, app: Application, now: Date) => Promise<Record<string, unknown>>,
  ): Promise<ApplicationDto> {
    return this.applications.transaction(async (tx) => {
      const app = await this.applications.get(access.org.id, id, { lock: true }, tx);
      const from = app.status;
      const to = transition(from, action);
      const now = new Date();
      const extra = await change(tx, app, now);
      if (voidsVote(from, to)) {
        // The window no longer runs (the close job looks for `voting_active` only); votes stay for the record.
        app.votingClosedAt = now;
        Object.assign(extra, { voteVoided: true, votingClosedAt: now });
      }
      app.status = to;
      await this.applications.save(tx, app);
      await this.events.record(tx, app, EVENT_OF[action], { actorUserId: access.userId, ...extra });
      return this.dto(app, tx);
    });
  }

  private endTrial(
    access: OrgAccess,
    id: string,
    outcome: 'promoted' | 'removed',
    change: (tx: EntityManager, app: Application) => Promise<Record<string, unknown>>,
  ): Promise<ApplicationDto> {
    return this.applications.transaction(async (tx) => {
      const app = await this.applications.get(access.org.id, id, { lock: true }, tx);
      if (app.status !== 'approved' || app.trialStatus !== 'active') {
        throw Problem.conflict(
          `There is no running trial for this application (it is ${app.status}${app.trialStatus ? `, trial ${app.trialStatus}` : ''})`,
          'no-active-trial',
          {
            currentStatus: app.status,
            trialStatus: app.trialStatus,
          },
        );
      }
      const extra = await change(tx, app);
      app.trialStatus = outcome;
      app.trialEndedAt = new Date();
      await this.applications.save(tx, app);
      await this.events.record(tx, app, outcome, {
        actorUserId: access.userId,
        characterId: app.characterId,
        trialEndsAt: app.trialEndsAt,
        ...extra,
      });
      return this.dto(app, tx);
    });
  }

  /** 409 while the character has an open application or is on the roster. */
  private async assertMayApply(tx: EntityManager, orgId: string, characterName: string): Promise<void> {
    const open = await this.applications.openFor(tx, orgId, characterName);
    if (open)
      throw Problem.conflict(`An application for ${characterName} is already open`, 'application-exists', {
        currentStatus: open.status,
      });
    if (await this.characters.nameTaken(tx, orgId, characterName))
      throw Problem.conflict(`${characterName} is already on the roster`, 'character-exists');
  }

  /** Puts the applicant's character on the roster (409 when the name was taken meanwhile); returns its id. */
  private async enrolApplicant(tx: EntityManager, access: OrgAccess, app: Application, now: Date): Promise<string> {
    if (await this.characters.nameTaken(tx, app.orgId, app.characterName)) {
      throw Problem.conflict(`${app.characterName} is already on the roster`, 'character-exists', {
        currentStatus: app.status,
      });
    }
    const values = {
      name: app.characterName,
      characterClass: app.characterClass,
      level: app.level,
      rankId: null,
      status: 'active' as const,
      userId: app.userId,
      mainCharacterId: null,
      joinedAt: now,
    };
    try {
      return (
        await this.characters.enrol(tx, app.orgId, values, {
          reason: 'recruitment application approved',
          actorUserId: access.userId,
        })
      ).id;
    } catch (error) {
      if (pgCode(error) === PG_UNIQUE_VIOLATION && pgConstraint(error) === 'uq_dkp_characters_org_name_key') {
        throw Problem.conflict('A character with that name exists in this org', 'character-exists');
      }
      throw error;
    }
  }

  /** Only the applicant edits; those who may read the application get 403, anyone else the 404 of a read. */
  private assertApplicant(access: OrgAccess, app: Application): void {
    if (access.userId !== null && app.userId === access.userId) return;
    if (isCommunity(access)) throw Problem.forbidden('Only the applicant may edit their application');
    throw Problem.notFound('Application');
  }

  private decided(access: OrgAccess, app: Application, now: Date): void {
    app.decidedAt = now;
    app.decidedByUserId = access.userId;
  }

  /** The unique index decides between two submissions for one character racing. */
  private async openOnce<T>(characterName: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (pgCode(error) === PG_UNIQUE_VIOLATION && pgConstraint(error) === 'uq_dkp_applications_org_open_character') {
        throw Problem.conflict(`An application for ${characterName} is already open`, 'application-exists');
      }
      throw error;
    }
  }

  private async dto(app: Application, manager?: EntityManager): Promise<ApplicationDto> {
    const users = await this.users.summariesOf([app.userId], manager);
    return toApplicationDto(app, users.get(app.userId)?.username ?? '');
  }
}
