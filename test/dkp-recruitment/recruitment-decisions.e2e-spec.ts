import { randomUUID } from 'node:crypto';
import { ApplicationVotesService } from '../../src/contexts/dkp/recruitment/application-votes.service';
import { DISCORD_USERNAME_LENGTH, DISCORD_USERNAME_PATTERN } from '../../src/contexts/dkp/common/discord-username';
import { buildOpenApiDocument } from '../../src/platform/http/openapi';
import { startAppWith } from '../support/app-with';
import { applicationBody, Caller, charName, createGuild, Guild, http } from '../support/dkp-fixtures';
import { addMember, registerUser, TestApp, TestUser } from '../support/test-app';

const HOUR = 3_600_000;

/**
 * Recruitment decisions beyond the normal path: a recruiter rejects during the member vote (the
 * vote is void), an officer closes a vote early (tallied by the normal rules), the applicant
 * replaces their application until the vote opens; and the Discord username rule, enforced and
 * documented.
 */
describe('DKP recruitment: early decisions and edits (e2e)', () => {
  let t: TestApp;
  let g: Guild;
  let recruiter: TestUser;

  const body = (over: Record<string, unknown> = {}) => applicationBody('Dec', over);
  const apply = async (slug?: string, over: Record<string, unknown> = {}) => {
    const user = await registerUser(t, 'dec');
    const res = await g.call(user, 'POST', '/applications', { body: body(over), slug });
    if (res.status !== 201) throw new Error(`submit → ${res.status} ${JSON.stringify(res.body)}`);
    return { user, app: res.body };
  };
  const post = (who: Caller, id: string, action: string, b: unknown = {}, slug?: string) =>
    g.call(who, 'POST', `/applications/${id}/${action}`, { body: b, slug });
  const toVoting = async (id: string) => {
    await g.ok(g.officer, 'POST', `/applications/${id}/trial-accept`);
    return g.ok(g.officer, 'POST', `/applications/${id}/start-voting`);
  };
  const vote = (who: TestUser, id: string, choice: string) =>
    g.call(who, 'PUT', `/applications/${id}/vote`, { body: { choice } });
  const events = async (id: string) =>
    (await t.db.query(
      `SELECT type, payload FROM outbox_events WHERE payload->>'applicationId' = $1 ORDER BY created_at, type`,
      [id],
    )) as { type: string; payload: any }[];
  const audited = async (id: string) =>
    (
      (await t.db.query(
        'SELECT action, actor_user_id AS "actorUserId" FROM audit_log WHERE org_id = $1 AND target_id = $2 ORDER BY created_at',
        [g.orgId, id],
      )) as { action: string; actorUserId: string }[]
    ).map((row) => [row.action, row.actorUserId]);
  /** An application of the outsider's org, with its vote open there. */
  const foreignVote = async () => {
    const { app } = await apply(g.otherSlug);
    for (const step of ['trial-accept', 'start-voting'])
      expect((await post(g.outsider, app.id, step, {}, g.otherSlug)).status).toBe(200);
    return app;
  };

  beforeAll(async () => {
    ({ t, g } = await startAppWith(createGuild));
    recruiter = await registerUser(t, 'rec');
    await addMember(g.owner, g.slug, recruiter, 'member', ['recruiter']);
    // Every member's vote counts: the tests are about the workflow, not attendance.
    await g.ok(g.admin, 'PATCH', '/applications/settings', { body: { minAttendancePercent: 0 } });
  });
  afterAll(() => t.close());

  describe('rejecting during the vote', () => {
    it('is for recruiters and officers only, within their org', async () => {
      const { app } = await apply();
      await toVoting(app.id);
      const foreign = await foreignVote();
      const reason = { reason: 'Not a fit' };
      expect((await post(g.member, app.id, 'reject', reason)).status).toBe(403);
      expect((await post(g.readonly, app.id, 'reject', reason)).status).toBe(403);
      expect((await post({ apiKey: g.readBotKey }, app.id, 'reject', reason)).status).toBe(403);
      expect((await post(g.outsider, app.id, 'reject', reason)).status).toBe(404);
      expect((await post(g.officer, foreign.id, 'reject', reason)).status).toBe(404);
      expect((await post(recruiter, app.id, 'reject', {})).status).toBe(400);
      // Nothing happened to either vote.
      expect((await g.ok(g.officer, 'GET', `/applications/${app.id}`)).status).toBe('voting_active');
      expect((await g.call(g.outsider, 'GET', `/applications/${foreign.id}`, { slug: g.otherSlug })).body.status).toBe(
        'voting_active',
      );
    });

    it('voids the open vote: closed without a decision, evented and audited like a rejection', async () => {
      const { user, app } = await apply();
      await toVoting(app.id);
      expect((await vote(g.member, app.id, 'pass')).status).toBe(200);
      const rejected = await g.ok(recruiter, 'POST', `/applications/${app.id}/reject`, {
        body: { reason: 'Not a fit' },
      });
      expect(rejected).toMatchObject({ status: 'rejected', rejectionReason: 'Not a fit', decision: null });
      expect(rejected.votingClosedAt).toBeTruthy();
      expect(new Date(rejected.votingClosedAt).getTime()).toBeLessThan(new Date(rejected.votingEndsAt).getTime());
      // The vote is over: no more votes, the summary says closed, the close job leaves it alone.
      expect((await vote(g.officer, app.id, 'fail')).body).toMatchObject({ status: 409, currentStatus: 'rejected' });
      expect((await g.call(g.member, 'DELETE', `/applications/${app.id}/vote`)).status).toBe(409);
      expect(await g.ok(g.member, 'GET', `/applications/${app.id}/votes/summary`)).toMatchObject({
        open: false,
        decision: null,
        totalVotes: 1,
      });
      await t.app.get(ApplicationVotesService).closeDueVotes(new Date(Date.now() + 24 * 31 * HOUR));
      expect(await g.ok(user, 'GET', `/applications/${app.id}`)).toMatchObject({ status: 'rejected', decision: null });
      const ev = await events(app.id);
      expect(ev.map((e) => e.type)).toEqual([
        'dkp.application.submitted',
        'dkp.application.trial_accepted',
        'dkp.application.voting_started',
        'dkp.application.rejected',
      ]);
      expect(ev[3].payload).toMatchObject({
        status: 'rejected',
        reason: 'Not a fit',
        actorUserId: recruiter.id,
        userId: user.id,
        voteVoided: true,
        decision: null,
      });
      expect(await audited(app.id)).toContainEqual(['rejectApplication', recruiter.id]);
      const again = await post(g.officer, app.id, 'reject', { reason: 'again' });
      expect(again.body).toMatchObject({ status: 409, currentStatus: 'rejected' });
    });
  });

  describe('closing a vote early', () => {
    it('is for officers only, within their org, and only while the vote is open', async () => {
      const { app } = await apply();
      const foreign = await foreignVote();
      expect((await post(g.officer, app.id, 'close-voting')).body).toMatchObject({
        status: 409,
        currentStatus: 'submitted',
      });
      await toVoting(app.id);
      for (const who of [recruiter, g.member, g.readonly, { apiKey: g.readBotKey }])
        expect((await post(who, app.id, 'close-voting')).status).toBe(403);
      expect((await post(g.outsider, app.id, 'close-voting')).status).toBe(404);
      expect((await post(g.officer, foreign.id, 'close-voting')).status).toBe(404);
      expect((await post(g.officer, randomUUID(), 'close-voting')).status).toBe(404);
      expect((await post(g.officer, 'nope', 'close-voting')).status).toBe(400);
      expect(
        (await http(t, null, 'POST', `/api/v1/orgs/${g.slug}/dkp/applications/${app.id}/close-voting`)).status,
      ).toBe(401);
      expect((await g.ok(g.officer, 'GET', `/applications/${app.id}`)).status).toBe('voting_active');
    });

    it('tallies now by the rules of the normal close, once', async () => {
      const { app } = await apply();
      const opened = await toVoting(app.id);
      await vote(g.member, app.id, 'pass');
      await vote(g.owner, app.id, 'pass');
      await vote(g.admin, app.id, 'fail');
      const closed = await g.ok(g.officer, 'POST', `/applications/${app.id}/close-voting`);
      expect(closed).toMatchObject({ status: 'voting_complete', decision: 'pass' });
      expect(new Date(closed.votingClosedAt).getTime()).toBeLessThan(new Date(opened.votingEndsAt).getTime());
      expect(closed.votingEndsAt).toBe(opened.votingEndsAt);
      expect((await vote(g.member, app.id, 'fail')).body).toMatchObject({
        status: 409,
        currentStatus: 'voting_complete',
      });
      expect((await post(g.admin, app.id, 'close-voting')).body).toMatchObject({
        status: 409,
        currentStatus: 'voting_complete',
      });
      // The close job does not close it a second time.
      await t.app.get(ApplicationVotesService).closeDueVotes(new Date(Date.now() + 24 * 31 * HOUR));
      const closings = (await events(app.id)).filter((e) => e.type === 'dkp.application.voting_closed');
      expect(closings).toHaveLength(1);
      expect(closings[0].payload).toMatchObject({
        actorUserId: g.officer.id,
        closedEarly: true,
        decision: 'pass',
        quorumMet: true,
        countedVotes: { pass: 2, fail: 1, recycle: 0 },
        rules: { quorum: 1, tieRule: 'recycle', passThresholdPercent: 50 },
      });
      expect(await audited(app.id)).toContainEqual(['closeApplicationVoting', g.officer.id]);
      // The rest of the workflow goes on as after a normal close.
      expect((await g.ok(g.officer, 'POST', `/applications/${app.id}/approve`)).status).toBe('approved');
    });

    it('orders a close and votes sent at the same moment: each vote is counted or refused, never lost', async () => {
      const { app } = await apply();
      await toVoting(app.id);
      await vote(g.owner, app.id, 'pass');
      const [close, ...votes] = await Promise.all([
        post(g.officer, app.id, 'close-voting'),
        vote(g.member, app.id, 'fail'),
        vote(g.admin, app.id, 'fail'),
        vote(recruiter, app.id, 'recycle'),
      ]);
      expect(close.status).toBe(200);
      for (const res of votes) {
        expect([200, 409]).toContain(res.status);
        if (res.status === 409) expect(res.body.currentStatus).toBe('voting_complete');
      }
      // What was stored is exactly what was tallied.
      const details = await g.ok(g.officer, 'GET', `/applications/${app.id}/votes/details`);
      const [closing] = (await events(app.id)).filter((e) => e.type === 'dkp.application.voting_closed');
      expect(closing.payload.countedVotes).toEqual(details.counted);
      expect(details.votes).toHaveLength(1 + votes.filter((res) => res.status === 200).length);
    });
  });

  describe('editing an application', () => {
    it('replaces the whole form, validated as a submission, while not yet voted on', async () => {
      const question = await g.ok(g.officer, 'POST', '/applications/questions', {
        body: { prompt: 'Why us?', required: true },
      });
      try {
        const applicant = await registerUser(t, 'edit');
        const answers = [{ questionId: question.id, answer: 'Great raids' }];
        const app = await g.ok(applicant, 'POST', '/applications', { body: body({ answers }) });
        const newName = charName('Ren');
        const replacement = body({
          characterName: newName.toLowerCase(),
          level: 61,
          discordUsername: 'new.name',
          references: undefined,
          answers: [{ questionId: question.id, answer: 'Friends' }],
        });
        const put = (who: Caller, b: unknown, id = app.id, slug?: string) =>
          g.call(who, 'PUT', `/applications/${id}`, { body: b, slug });

        const edited = await put(applicant, replacement);
        expect(edited.status).toBe(200);
        expect(edited.body).toMatchObject({
          id: app.id,
          status: 'submitted',
          characterName: newName.charAt(0).toUpperCase() + newName.slice(1).toLowerCase(),
          level: 61,
          discordUsername: 'new.name',
          references: '',
          answers: [{ questionId: question.id, prompt: 'Why us?', answer: 'Friends' }],
        });
        // Same validation as a submission: a full body, known fields, the questionnaire.
        const invalid = [
          { ...replacement, server: undefined },
          { ...replacement, extra: 1 },
          { ...replacement, level: '61' },
          { ...replacement, answers: [] },
          { ...replacement, discordUsername: 'Two..Dots' },
        ];
        for (const b of invalid) expect({ b, status: (await put(applicant, b)).status }).toEqual({ b, status: 400 });
        await expectNamedTaken(put, applicant, replacement, { answers });
        await expectOthersRefused(put, replacement, { answers });

        // Still editable after screening; frozen once the vote opens.
        await g.ok(g.officer, 'POST', `/applications/${app.id}/trial-accept`);
        expect((await put(applicant, { ...replacement, level: 62 })).body).toMatchObject({
          status: 'trial_accepted',
          level: 62,
        });
        await g.ok(g.officer, 'POST', `/applications/${app.id}/start-voting`);
        const frozen = await put(applicant, { ...replacement, level: 63 });
        expect(frozen.status).toBe(409);
        expect(frozen.body).toMatchObject({
          currentStatus: 'voting_active',
          allowedFrom: ['submitted', 'trial_accepted'],
        });
        expect(frozen.body.type).toMatch(/illegal-application-transition/);
        expect((await g.ok(applicant, 'GET', `/applications/${app.id}`)).level).toBe(62);

        const updates = (await events(app.id)).filter((e) => e.type === 'dkp.application.updated');
        expect(updates.map((e) => e.payload.changedFields)).toEqual([
          ['characterName', 'level', 'references', 'discordUsername', 'answers'],
          ['level'],
        ]);
        expect(updates[0].payload).toMatchObject({ actorUserId: applicant.id, discordUsername: 'new.name' });
        expect(await audited(app.id)).toContainEqual(['updateApplication', applicant.id]);
      } finally {
        await g.ok(g.officer, 'DELETE', `/applications/questions/${question.id}`);
      }
    });

    it('refuses decided applications with their status', async () => {
      const { user, app } = await apply();
      await g.ok(recruiter, 'POST', `/applications/${app.id}/reject`, { body: { reason: 'No' } });
      const res = await g.call(user, 'PUT', `/applications/${app.id}`, { body: body() });
      expect(res.status).toBe(409);
      expect(res.body.currentStatus).toBe('rejected');
    });
  });

  describe('Discord usernames', () => {
    it('refuses a malformed one with 400 naming the field, in submissions and edits', async () => {
      const user = await registerUser(t, 'disc');
      for (const discordUsername of ['Upper', 'two..dots', 'a', 'x'.repeat(33), 'name#12', 'with space', 42]) {
        const res = await g.call(user, 'POST', '/applications', { body: body({ discordUsername }) });
        expect({
          discordUsername,
          status: res.status,
          paths: [...new Set((res.body.errors ?? []).map((e: any) => e.path))],
        }).toEqual({ discordUsername, status: 400, paths: ['discordUsername'] });
      }
      const { user: applicant, app } = await apply();
      const res = await g.call(applicant, 'PUT', `/applications/${app.id}`, {
        body: body({ discordUsername: 'bad..name' }),
      });
      expect({ status: res.status, paths: res.body.errors.map((e: any) => e.path) }).toEqual({
        status: 400,
        paths: ['discordUsername'],
      });
      for (const ok of ['some.player_2', 'Old Name#1234'])
        expect((await g.call(user, 'POST', '/applications', { body: body({ discordUsername: ok }) })).status).toBe(201);
    });

    it('publishes the rule in the OpenAPI schema, for submissions and edits', () => {
      const doc = buildOpenApiDocument(t.app) as any;
      expect(doc.components.schemas.SubmitApplicationDto.properties.discordUsername).toMatchObject({
        type: 'string',
        pattern: DISCORD_USERNAME_PATTERN.source,
        minLength: DISCORD_USERNAME_LENGTH.min,
        maxLength: DISCORD_USERNAME_LENGTH.max,
      });
      const path = doc.paths['/api/v1/orgs/{org}/dkp/applications/{id}'];
      for (const operation of [path.put, doc.paths['/api/v1/orgs/{org}/dkp/applications'].post])
        expect(operation.requestBody.content['application/json'].schema.$ref).toBe(
          '#/components/schemas/SubmitApplicationDto',
        );
      expect(path.put['x-access']).toEqual({ tier: 'guest' });
      expect(doc.paths['/api/v1/orgs/{org}/dkp/applications/{id}/close-voting'].post['x-access']).toEqual({
        tier: 'officer',
        scopes: ['dkp:recruitment'],
      });
    });
  });

  /** Renaming to a character with an open application or on the roster: 409, the application unchanged. */
  async function expectNamedTaken(
    put: (who: Caller, b: unknown) => Promise<any>,
    applicant: TestUser,
    b: any,
    over: Record<string, unknown>,
  ) {
    const { app: other } = await apply(undefined, over);
    const clash = await put(applicant, { ...b, characterName: other.characterName });
    expect(clash.body).toMatchObject({ status: 409, currentStatus: 'submitted' });
    expect(clash.body.type).toMatch(/application-exists/);
    const roster = await put(applicant, { ...b, characterName: g.chars.member.name });
    expect(roster.status).toBe(409);
    expect(roster.body.type).toMatch(/character-exists/);
  }

  /** Another applicant and strangers get the 404 of a read; members who may read it, 403; keys, 403. */
  async function expectOthersRefused(
    put: (who: Caller, b: unknown, id?: string, slug?: string) => Promise<any>,
    b: unknown,
    over: Record<string, unknown>,
  ) {
    const { user: otherApplicant } = await apply(undefined, over);
    const mine = await apply(undefined, over);
    expect((await put(otherApplicant, b, mine.app.id)).status).toBe(404);
    expect((await put(g.readonly, b, mine.app.id)).status).toBe(404);
    expect((await put(g.member, b, mine.app.id)).status).toBe(403);
    expect((await put(g.officer, b, mine.app.id)).status).toBe(403);
    expect((await put({ apiKey: g.readBotKey }, b, mine.app.id)).status).toBe(403);
    expect((await put(g.outsider, b, mine.app.id)).status).toBe(404);
    // In the outsider's own org (whose questionnaire is empty), this org's application does not exist.
    expect((await put(g.outsider, { ...(b as object), answers: [] }, mine.app.id, g.otherSlug)).status).toBe(404);
    expect((await put(otherApplicant, b, randomUUID())).status).toBe(404);
    expect((await g.ok(mine.user, 'GET', `/applications/${mine.app.id}`)).level).toBe(60);
  }
});
