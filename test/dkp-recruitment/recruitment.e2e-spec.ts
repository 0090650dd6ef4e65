import { randomUUID } from 'node:crypto';
import { Access, ACCESS_POLICY } from '../../src/platform/auth/access.decorator';
import { ApplicationsController } from '../../src/contexts/dkp/recruitment/applications.controller';
import { ApplicationVotesService } from '../../src/contexts/dkp/recruitment/application-votes.service';
import { applicationBody, charName, createGuild, Guild, http } from '../support/dkp-fixtures';
import { addMember, registerUser, startTestApp, TestApp, TestUser } from '../support/test-app';

const HOUR = 3_600_000;

describe('DKP recruitment applications (e2e)', () => {
  let t: TestApp;
  let g: Guild;
  let recruiter: TestUser;
  let developer: TestUser;
  let lowVoter: TestUser;

  const body = (over: Record<string, unknown> = {}) => applicationBody('App', over);
  const submit = (who: TestUser, over: Record<string, unknown> = {}, slug?: string) =>
    g.call(who, 'POST', '/applications', { body: body(over), slug });
  const apply = async (who?: TestUser, over: Record<string, unknown> = {}) => {
    const user = who ?? (await registerUser(t, 'appl'));
    const res = await submit(user, over);
    if (res.status !== 201) throw new Error(`submit → ${res.status} ${JSON.stringify(res.body)}`);
    return { user, app: res.body };
  };
  const post = (who: TestUser, id: string, action: string, b: unknown = {}) =>
    g.call(who, 'POST', `/applications/${id}/${action}`, { body: b });
  const toVoting = async (id: string) => {
    await g.ok(g.officer, 'POST', `/applications/${id}/trial-accept`);
    return g.ok(g.officer, 'POST', `/applications/${id}/start-voting`);
  };
  const vote = (who: TestUser, id: string, choice: string) =>
    g.call(who, 'PUT', `/applications/${id}/vote`, { body: { choice } });
  const closeVotes = (hoursAhead = 24 * 31) =>
    t.app.get(ApplicationVotesService).closeDueVotes(new Date(Date.now() + hoursAhead * HOUR));
  const events = async (id: string) =>
    (await t.db.query(
      `SELECT type, payload FROM outbox_events WHERE payload->>'applicationId' = $1 ORDER BY created_at, type`,
      [id],
    )) as { type: string; payload: any }[];
  const tierOf = async (user: TestUser) =>
    (await t.db.query('SELECT tier FROM memberships WHERE org_id = $1 AND user_id = $2', [g.orgId, user.id]))[0]
      ?.tier ?? null;

  beforeAll(async () => {
    t = await startTestApp();
    g = await createGuild(t);
    recruiter = await registerUser(t, 'rec');
    await addMember(g.owner, g.slug, recruiter, 'member', ['recruiter']);
    developer = await registerUser(t, 'dev');
    await addMember(g.owner, g.slug, developer, 'readonly', ['developer']);
    lowVoter = await g.newMember('member');
    await g.character(lowVoter);
    const recruiterChar = await g.character(recruiter);
    // Two raids with every regular voter present: 100% 30-day attendance; lowVoter has none (0%).
    for (let i = 0; i < 2; i++) {
      const raid = await g.raid();
      const names = [g.chars.owner, g.chars.officer, g.chars.member]
        .map((c) => ({ name: c.name }))
        .concat({ name: recruiterChar.name });
      await g.ok(g.officer, 'POST', `/raids/${raid.id}/attendance`, { body: { attendees: names } });
    }
  });
  afterAll(() => t.close());

  describe('platform: openToAnyUser routes', () => {
    it('lets a non-member apply and read the questionnaire, and nothing else', async () => {
      const stranger = await registerUser(t, 'strg');
      expect((await g.call(stranger, 'GET', '/applications/questions')).status).toBe(200);
      expect((await g.call(stranger, 'GET', '/applications/mine')).status).toBe(404);
      expect((await g.call(stranger, 'GET', '/pools')).status).toBe(404);
      expect((await g.call(stranger, 'GET', '/applications')).status).toBe(404);
      // Still fail-closed on the org: missing org, org without dkp, anonymous.
      expect((await submit(stranger, {}, 'no-such-org-' + randomUUID().slice(0, 8))).status).toBe(404);
      expect((await submit(stranger, {}, g.noDkpSlug)).status).toBe(404);
      expect((await http(t, null, 'POST', `/api/v1/orgs/${g.slug}/dkp/applications`, { body: body() })).status).toBe(
        401,
      );
      // Bot keys: another org's is 404 even with the scope; this org's read key reads questions, cannot apply.
      expect((await g.call({ apiKey: g.readBotKey }, 'GET', '/applications/questions')).status).toBe(200);
      expect(
        (await g.call({ apiKey: g.readBotKey }, 'GET', '/applications/questions', { slug: g.otherSlug })).status,
      ).toBe(404);
      expect((await g.call({ apiKey: g.readBotKey }, 'POST', '/applications', { body: body() })).status).toBe(403);
      const res = await submit(stranger);
      expect(res.status).toBe(201);
      expect(await tierOf(stranger)).toBe('applicant');
      // Now a member (applicant): their own list, but still no member-only routes.
      expect((await g.ok(stranger, 'GET', '/applications/mine')).items.map((a: any) => a.id)).toEqual([res.body.id]);
      expect((await g.call(stranger, 'GET', '/pools')).status).toBe(403);
    });

    it('publishes the flag in x-access', async () => {
      const handler = ApplicationsController.prototype.submitApplication;
      expect(Reflect.getMetadata(ACCESS_POLICY, handler)).toEqual({ tier: 'guest', openToAnyUser: true });
      expect(Reflect.getMetadata('swagger/apiExtension', handler)).toMatchObject({
        'x-access': { tier: 'guest', openToAnyUser: true },
      });
      // Only with a tier (an org route): the decorator refuses it otherwise.
      expect(() => Access({ openToAnyUser: true })).toThrow();
    });
  });

  describe('submission', () => {
    it('validates input (400, never 500) and the questionnaire', async () => {
      const user = await registerUser(t, 'bad');
      const bad = [
        { level: 'sixty' },
        { level: 0 },
        { characterName: 'Two Words' },
        { discordUsername: '@@' },
        { timeZone: '' },
        { extra: 1 },
        { answers: 'nope' },
        { answers: [{ questionId: 'x', answer: 'y' }] },
        { answers: [{ questionId: randomUUID(), answer: 'unknown question' }] },
      ];
      for (const over of bad)
        expect({ over, status: (await submit(user, over)).status }).toEqual({ over, status: 400 });
      expect((await g.call(user, 'POST', '/applications', { rawBody: '{"characterName":' })).status).toBe(400);

      const q1 = await g.ok(g.officer, 'POST', '/applications/questions', {
        body: { prompt: 'Why us?', required: true, sortOrder: 1 },
      });
      const q2 = await g.ok(recruiter, 'POST', '/applications/questions', {
        body: { prompt: 'Favourite zone?', sortOrder: 2 },
      });
      const gone = await g.ok(g.officer, 'POST', '/applications/questions', { body: { prompt: 'Old', active: false } });
      expect((await g.call(g.member, 'POST', '/applications/questions', { body: { prompt: 'x' } })).status).toBe(403);
      expect((await g.call(g.officer, 'POST', '/applications/questions', { body: { prompt: '' } })).status).toBe(400);
      const listed = await g.ok(user, 'GET', '/applications/questions');
      expect(listed.map((q: any) => q.id)).toEqual(expect.arrayContaining([q1.id, q2.id]));
      expect(listed.map((q: any) => q.id)).not.toContain(gone.id);
      expect(
        (await g.ok(g.officer, 'GET', '/applications/questions', { query: { includeInactive: true } })).map(
          (q: any) => q.id,
        ),
      ).toContain(gone.id);
      expect(
        (await g.call(g.officer, 'GET', '/applications/questions', { query: { includeInactive: 'maybe' } })).status,
      ).toBe(400);

      const missingRequired = await submit(user, { answers: [{ questionId: q2.id, answer: 'Sebilis' }] });
      expect(missingRequired.status).toBe(400);
      expect(
        (
          await submit(user, {
            answers: [
              { questionId: q1.id, answer: 'yes' },
              { questionId: gone.id, answer: 'x' },
            ],
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await submit(user, {
            answers: [
              { questionId: q1.id, answer: 'a' },
              { questionId: q1.id, answer: 'b' },
            ],
          })
        ).status,
      ).toBe(400);
      const ok = await submit(user, { answers: [{ questionId: q1.id, answer: 'Great raids' }] });
      expect(ok.status).toBe(201);
      expect(ok.body.answers).toEqual([{ questionId: q1.id, prompt: 'Why us?', answer: 'Great raids' }]);
      // Clean up the questionnaire for the other tests.
      for (const q of [q1, q2, gone])
        expect((await g.call(g.officer, 'DELETE', `/applications/questions/${q.id}`)).status).toBe(204);
      expect(
        (await g.call(g.officer, 'PATCH', `/applications/questions/${q1.id}`, { body: { prompt: 'x' } })).status,
      ).toBe(404);
      expect((await g.call(g.officer, 'DELETE', '/applications/questions/not-a-uuid')).status).toBe(400);
    });

    it('refuses a duplicate open application for the same character (any case), and a roster name', async () => {
      const name = charName('Dup');
      const { user: first, app } = await apply(undefined, { characterName: name.toLowerCase() });
      expect(app.characterName).toBe(name.charAt(0).toUpperCase() + name.slice(1).toLowerCase());
      const other = await registerUser(t, 'dup');
      const dup = await submit(other, { characterName: name.toUpperCase() });
      expect(dup.status).toBe(409);
      expect(dup.body.currentStatus).toBe('submitted');
      expect((await submit(other, { characterName: g.chars.member.name })).status).toBe(409);
      // Once withdrawn, the character may apply again.
      expect((await post(first, app.id, 'withdraw')).status).toBe(200);
      expect((await submit(other, { characterName: name })).status).toBe(201);
    });

    it('lets the applicant read and withdraw only their own application', async () => {
      const a = await apply();
      const b = await apply();
      expect((await g.ok(a.user, 'GET', `/applications/${a.app.id}`)).id).toBe(a.app.id);
      expect((await g.call(a.user, 'GET', `/applications/${b.app.id}`)).status).toBe(404);
      expect((await g.call(a.user, 'GET', `/applications/${randomUUID()}`)).status).toBe(404);
      expect((await post(a.user, b.app.id, 'withdraw')).status).toBe(404);
      expect((await post(g.officer, a.app.id, 'withdraw')).status).toBe(404);
      const w = await post(a.user, a.app.id, 'withdraw');
      expect(w.status).toBe(200);
      expect(w.body.status).toBe('withdrawn');
      const again = await post(a.user, a.app.id, 'withdraw');
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ status: 409, currentStatus: 'withdrawn' });
      expect((await events(a.app.id)).map((e) => e.type)).toEqual([
        'dkp.application.submitted',
        'dkp.application.withdrawn',
      ]);
    });

    it('keeps the tier of a member who applies (officer with an alt)', async () => {
      const res = await submit(g.officer);
      expect(res.status).toBe(201);
      expect(await tierOf(g.officer)).toBe('officer');
      expect(res.body.userId).toBe(g.officer.id);
    });
  });

  describe('workflow', () => {
    it('refuses every illegal transition with 409 and currentStatus', async () => {
      const { app } = await apply();
      const expect409 = async (action: string, status: string, b: unknown = {}) => {
        const res = await post(g.officer, app.id, action, b);
        expect({ action, status: res.status, currentStatus: res.body.currentStatus }).toEqual({
          action,
          status: 409,
          currentStatus: status,
        });
        expect(res.headers.get('content-type')).toMatch(/problem\+json/);
      };
      // submitted
      for (const a of ['start-voting', 'close-voting', 'approve', 'recycle', 'promote', 'remove-trial'])
        await expect409(a, 'submitted');
      expect((await vote(g.member, app.id, 'pass')).body.currentStatus).toBe('submitted');
      await g.ok(g.officer, 'POST', `/applications/${app.id}/trial-accept`);
      // trial_accepted
      for (const a of ['trial-accept', 'close-voting', 'approve', 'recycle', 'promote'])
        await expect409(a, 'trial_accepted');
      await g.ok(g.officer, 'POST', `/applications/${app.id}/start-voting`);
      // voting_active
      for (const a of ['trial-accept', 'start-voting', 'approve', 'recycle', 'promote', 'remove-trial'])
        await expect409(a, 'voting_active');
      expect(await closeVotes()).toBeGreaterThanOrEqual(1);
      // voting_complete (no votes: quorum 1 missed → recycle)
      expect((await g.ok(g.officer, 'GET', `/applications/${app.id}`)).decision).toBe('recycle');
      for (const a of ['trial-accept', 'start-voting', 'close-voting', 'promote'])
        await expect409(a, 'voting_complete');
      const notPassed = await post(g.officer, app.id, 'approve');
      expect(notPassed.status).toBe(409);
      expect(notPassed.body).toMatchObject({ currentStatus: 'voting_complete', decision: 'recycle' });
      expect((await vote(g.member, app.id, 'pass')).status).toBe(409);
      await g.ok(g.officer, 'POST', `/applications/${app.id}/recycle`, { body: { reason: 'try again in a month' } });
      // recycled: final
      for (const a of ['trial-accept', 'start-voting', 'close-voting', 'approve', 'recycle', 'promote', 'remove-trial'])
        await expect409(a, 'recycled');
      await expect409('reject', 'recycled', { reason: 'x' });
      // reject needs a reason; ids must be UUIDs
      const { app: other } = await apply();
      expect((await post(g.officer, other.id, 'reject', {})).status).toBe(400);
      expect((await post(g.officer, 'nope', 'reject', { reason: 'x' })).status).toBe(400);
      expect((await post(g.officer, randomUUID(), 'reject', { reason: 'x' })).status).toBe(404);
      const rejected = await g.ok(recruiter, 'POST', `/applications/${other.id}/reject`, {
        body: { reason: 'Not a fit' },
      });
      expect(rejected).toMatchObject({ status: 'rejected', rejectionReason: 'Not a fit' });
      for (const a of ['reject', 'trial-accept', 'start-voting', 'approve', 'recycle']) {
        const res = await post(g.officer, other.id, a, { reason: 'again' });
        expect({ a, status: res.status, currentStatus: res.body.currentStatus }).toEqual({
          a,
          status: 409,
          currentStatus: 'rejected',
        });
      }
      const ev = await events(other.id);
      expect(ev.map((e) => e.type)).toEqual(['dkp.application.submitted', 'dkp.application.rejected']);
      expect(ev[1].payload).toMatchObject({
        reason: 'Not a fit',
        actorUserId: recruiter.id,
        characterName: other.characterName,
      });
    });

    it('lists and filters applications for recruiters, paged', async () => {
      const { app } = await apply();
      const page1 = await g.ok(recruiter, 'GET', '/applications', { query: { status: 'submitted', limit: 1 } });
      expect(page1.items).toHaveLength(1);
      expect(page1.items[0].status).toBe('submitted');
      expect(page1.nextCursor).toBeTruthy();
      const page2 = await g.ok(recruiter, 'GET', '/applications', {
        query: { status: 'submitted', limit: 1, cursor: page1.nextCursor },
      });
      expect(page2.items[0].id).not.toBe(page1.items[0].id);
      expect(
        (await g.ok(g.officer, 'GET', '/applications', { query: { userId: app.userId } })).items.map((a: any) => a.id),
      ).toEqual([app.id]);
      expect((await g.call(g.officer, 'GET', '/applications', { query: { status: 'pending' } })).status).toBe(400);
      expect((await g.call(g.officer, 'GET', '/applications', { query: { cursor: 'garbage' } })).status).toBe(400);
      expect((await g.call(g.officer, 'GET', '/applications', { query: { limit: 1000 } })).status).toBe(400);
      expect((await g.call(g.member, 'GET', '/applications')).status).toBe(403);
    });
  });

  describe('voting', () => {
    it('runs the happy path: screening, vote with changes, close, approval, trial, promotion; with events', async () => {
      const { user, app } = await apply(undefined, { characterClass: 'Shaman', level: 58 });
      await g.ok(recruiter, 'POST', `/applications/${app.id}/comments`, { body: { body: 'Good references' } });
      const trial = await g.ok(recruiter, 'POST', `/applications/${app.id}/trial-accept`);
      expect(trial.status).toBe('trial_accepted');
      const started = await g.ok(recruiter, 'POST', `/applications/${app.id}/start-voting`);
      expect(started.status).toBe('voting_active');
      expect(new Date(started.votingEndsAt).getTime() - new Date(started.votingStartedAt).getTime()).toBe(48 * HOUR);
      expect(await closeVotes(1)).toBe(0); // not yet due

      expect((await vote(g.member, app.id, 'fail')).body.vote).toMatchObject({
        choice: 'fail',
        changeCount: 0,
        attendancePercent: 100,
        counted: true,
      });
      expect((await vote(g.member, app.id, 'recycle')).body.vote.changeCount).toBe(1);
      expect((await vote(g.member, app.id, 'pass')).body.vote.changeCount).toBe(2);
      expect((await vote(g.member, app.id, 'pass')).body.vote.changeCount).toBe(2); // same choice: not a change
      await vote(g.officer, app.id, 'pass');
      await vote(g.owner, app.id, 'fail');
      // A vote can be withdrawn while the window is open; the change log keeps both steps.
      expect((await vote(g.admin, app.id, 'fail')).status).toBe(200);
      expect((await g.call(g.admin, 'DELETE', `/applications/${app.id}/vote`)).status).toBe(204);
      expect((await g.call(g.admin, 'DELETE', `/applications/${app.id}/vote`)).status).toBe(404);
      expect((await g.call(g.readonly, 'DELETE', `/applications/${app.id}/vote`)).status).toBe(403);
      const low = await vote(lowVoter, app.id, 'fail');
      expect(low.status).toBe(200);
      expect(low.body.vote).toMatchObject({ attendancePercent: 0, counted: false });
      expect((await vote(user, app.id, 'pass')).status).toBe(403); // applicant is not a member voter
      expect((await vote(g.readonly, app.id, 'pass')).status).toBe(403);
      expect((await vote(g.member, app.id, 'maybe')).status).toBe(400);

      const summary = await g.ok(g.member, 'GET', `/applications/${app.id}/votes/summary`);
      expect(summary).toMatchObject({
        open: true,
        all: { pass: 2, fail: 2, recycle: 0 },
        counted: { pass: 2, fail: 1, recycle: 0 },
        totalVotes: 4,
        countedVotes: 3,
      });
      const details = await g.ok(recruiter, 'GET', `/applications/${app.id}/votes/details`);
      expect(details.votes.find((v: any) => v.userId === g.member.id)).toMatchObject({
        choice: 'pass',
        changeCount: 2,
        counted: true,
        attendancePercent: 100,
      });
      expect(details.notCounted).toEqual({ pass: 0, fail: 1, recycle: 0 });
      const changes = await g.ok(g.officer, 'GET', `/applications/${app.id}/vote-changes`);
      const mine = changes.items.filter((c: any) => c.userId === g.member.id).reverse();
      expect(mine.map((c: any) => [c.fromChoice, c.toChoice])).toEqual([
        [null, 'fail'],
        ['fail', 'recycle'],
        ['recycle', 'pass'],
      ]);
      const admins = changes.items.filter((c: any) => c.userId === g.admin.id).reverse();
      expect(admins.map((c: any) => [c.fromChoice, c.toChoice])).toEqual([
        [null, 'fail'],
        ['fail', null],
      ]);
      const elig = await g.ok(g.officer, 'GET', `/applications/${app.id}/voting-eligibility`);
      expect(elig.minAttendancePercent).toBe(15);
      expect(elig.voters.find((v: any) => v.userId === lowVoter.id)).toMatchObject({
        wouldCount: false,
        hasVoted: true,
        voteCounted: false,
      });
      expect(elig.voters.find((v: any) => v.userId === g.admin.id)).toMatchObject({
        hasVoted: false,
        voteCounted: null,
      });
      expect(elig.voters.map((v: any) => v.userId)).not.toContain(user.id);
      expect(elig.voters.map((v: any) => v.userId)).not.toContain(g.readonly.id);

      // Two instances close at once: one effect.
      const now = new Date(Date.now() + 49 * HOUR);
      const svc = t.app.get(ApplicationVotesService);
      const [c1, c2] = await Promise.all([svc.closeDueVotes(now), svc.closeDueVotes(now)]);
      expect(c1 + c2).toBeGreaterThanOrEqual(1);
      const closed = await g.ok(g.officer, 'GET', `/applications/${app.id}`);
      expect(closed).toMatchObject({ status: 'voting_complete', decision: 'pass' });
      expect((await events(app.id)).filter((e) => e.type === 'dkp.application.voting_closed')).toHaveLength(1);
      expect((await vote(g.member, app.id, 'fail')).body.currentStatus).toBe('voting_complete');
      expect((await g.call(g.member, 'DELETE', `/applications/${app.id}/vote`)).body.currentStatus).toBe(
        'voting_complete',
      );

      // Only officers approve.
      expect((await post(recruiter, app.id, 'approve')).status).toBe(403);
      const approved = await g.ok(g.officer, 'POST', `/applications/${app.id}/approve`, { body: {} });
      expect(approved).toMatchObject({ status: 'approved', trialStatus: 'active', decision: 'pass' });
      expect(new Date(approved.trialEndsAt).getTime() - new Date(approved.decidedAt).getTime()).toBe(14 * 24 * HOUR);
      const character = await g.ok(g.owner, 'GET', `/characters/${approved.characterId}`);
      expect(character).toMatchObject({
        name: app.characterName,
        userId: user.id,
        characterClass: 'Shaman',
        level: 58,
        status: 'active',
      });
      expect(await tierOf(user)).toBe('trial');
      const history = await g.ok(g.owner, 'GET', `/characters/${approved.characterId}/ownership-history`);
      expect(history.items).toHaveLength(1);

      const promoted = await g.ok(g.officer, 'POST', `/applications/${app.id}/promote`);
      expect(promoted.trialStatus).toBe('promoted');
      expect(await tierOf(user)).toBe('member');
      const again = await post(g.officer, app.id, 'promote');
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ currentStatus: 'approved', trialStatus: 'promoted' });
      expect((await post(g.officer, app.id, 'remove-trial')).status).toBe(409);

      const ev = await events(app.id);
      expect(ev.map((e) => e.type)).toEqual([
        'dkp.application.submitted',
        'dkp.application.trial_accepted',
        'dkp.application.voting_started',
        'dkp.application.voting_closed',
        'dkp.application.approved',
        'dkp.application.promoted',
      ]);
      expect(ev[1].payload).toMatchObject({
        applicationId: app.id,
        characterName: app.characterName,
        characterClass: 'Shaman',
        level: 58,
        discordUsername: 'some_player',
        username: user.username,
        server: 'Povar',
      });
      expect(ev[2].payload).toMatchObject({
        votingEndsAt: started.votingEndsAt,
        rules: { minAttendancePercent: 15, quorum: 1 },
      });
      expect(ev[3].payload).toMatchObject({
        decision: 'pass',
        countedVotes: { pass: 2, fail: 1, recycle: 0 },
        quorumMet: true,
      });
      expect(ev[4].payload).toMatchObject({ characterId: approved.characterId, tier: 'trial' });
      expect(ev[5].payload).toMatchObject({ tier: 'member' });
      // Comments stay with recruiters.
      expect((await g.ok(g.officer, 'GET', `/applications/${app.id}/comments`)).map((c: any) => c.body)).toEqual([
        'Good references',
      ]);
      expect((await g.call(g.member, 'GET', `/applications/${app.id}/comments`)).status).toBe(403);
      expect(JSON.stringify(await g.ok(user, 'GET', `/applications/${app.id}`))).not.toContain('Good references');
    });

    it('applies quorum and tie rules from the settings fixed when the vote opened', async () => {
      expect((await g.call(g.officer, 'PATCH', '/applications/settings', { body: { quorum: 2 } })).status).toBe(403);
      expect((await g.call(g.admin, 'PATCH', '/applications/settings', { body: { quorum: -1 } })).status).toBe(400);
      expect((await g.call(g.admin, 'PATCH', '/applications/settings', { body: { tieRule: 'coin' } })).status).toBe(
        400,
      );
      expect((await g.call(g.admin, 'PATCH', '/applications/settings', { body: { votingHours: '48' } })).status).toBe(
        400,
      );
      const s = await g.ok(g.admin, 'PATCH', '/applications/settings', {
        body: { quorum: 2, tieRule: 'fail', votingHours: 24 },
      });
      expect(s).toEqual({
        votingHours: 24,
        minAttendancePercent: 15,
        quorum: 2,
        tieRule: 'fail',
        passThresholdPercent: 50,
        trialDays: 14,
      });
      expect(await g.ok(recruiter, 'GET', '/applications/settings')).toEqual(s);

      const { app: tie } = await apply();
      const opened = await toVoting(tie.id);
      expect(new Date(opened.votingEndsAt).getTime() - new Date(opened.votingStartedAt).getTime()).toBe(24 * HOUR);
      await vote(g.member, tie.id, 'pass');
      await vote(g.officer, tie.id, 'fail');
      await vote(lowVoter, tie.id, 'pass'); // not counted: no tie-breaker
      const { app: few } = await apply();
      await toVoting(few.id);
      await vote(g.member, few.id, 'pass');
      await vote(lowVoter, few.id, 'pass');
      // Settings changed after opening do not apply to open votes.
      await g.ok(g.admin, 'PATCH', '/applications/settings', { body: { quorum: 1, tieRule: 'pass' } });
      await closeVotes(25);
      expect((await g.ok(g.officer, 'GET', `/applications/${tie.id}`)).decision).toBe('fail');
      const fewSummary = await g.ok(developer, 'GET', `/applications/${few.id}/votes/summary`);
      expect(fewSummary).toMatchObject({ decision: 'recycle', quorumMet: false, countedVotes: 1 });
      await g.ok(g.admin, 'PATCH', '/applications/settings', {
        body: { quorum: 1, tieRule: 'recycle', votingHours: 48 },
      });
    });
  });

  describe('visibility', () => {
    it('shows each tier what it may see', async () => {
      const { user: applicant, app } = await apply();
      const { user: otherApplicant } = await apply();
      await toVoting(app.id);
      await vote(g.member, app.id, 'pass');
      await vote(lowVoter, app.id, 'fail');
      const paths = [
        'votes/summary',
        'votes/member-view',
        'votes/officer-view',
        'votes/details',
        'voting-eligibility',
        'vote-changes',
        'comments',
      ];
      const statuses = async (who: TestUser, slug?: string) =>
        Object.fromEntries(
          await Promise.all(
            paths.map(async (p) => [p, (await g.call(who, 'GET', `/applications/${app.id}/${p}`, { slug })).status]),
          ),
        );
      const recruiterView = Object.fromEntries(paths.map((p) => [p, 200]));
      const aggregates = {
        ...Object.fromEntries(paths.map((p) => [p, 403])),
        'votes/summary': 200,
        'votes/member-view': 200,
      };
      const none = Object.fromEntries(paths.map((p) => [p, 403]));
      expect(await statuses(g.officer)).toEqual(recruiterView);
      expect(await statuses(recruiter)).toEqual(recruiterView);
      expect(await statuses(g.member)).toEqual(aggregates);
      expect(await statuses(developer)).toEqual(aggregates);
      expect(await statuses(applicant)).toEqual(none);
      expect(await statuses(otherApplicant)).toEqual(none);
      expect(await statuses(g.readonly)).toEqual(none);
      expect(Object.values(await statuses(g.outsider)).every((s) => s === 404)).toBe(true);

      // The application itself: own for applicants, any for members/developers/recruiters.
      expect((await g.call(otherApplicant, 'GET', `/applications/${app.id}`)).status).toBe(404);
      expect((await g.call(g.readonly, 'GET', `/applications/${app.id}`)).status).toBe(404);
      expect((await g.call(g.outsider, 'GET', `/applications/${app.id}`)).status).toBe(404);
      for (const who of [applicant, g.member, developer, recruiter, g.officer])
        expect((await g.call(who, 'GET', `/applications/${app.id}`)).status).toBe(200);
      expect((await g.call(g.member, 'GET', '/applications/voting')).body.items.map((a: any) => a.id)).toContain(
        app.id,
      );
      expect((await g.call(applicant, 'GET', '/applications/voting')).status).toBe(403);

      // Response contents: aggregates name no voter; member-view shows only the caller's vote.
      const summary = await g.ok(developer, 'GET', `/applications/${app.id}/votes/summary`);
      expect(JSON.stringify(summary)).not.toContain(g.member.id);
      expect(JSON.stringify(summary)).not.toContain(lowVoter.id);
      const mv = await g.ok(g.member, 'GET', `/applications/${app.id}/votes/member-view`);
      expect(mv.myVote).toMatchObject({ choice: 'pass', counted: true });
      expect(JSON.stringify(mv)).not.toContain(lowVoter.id);
      expect((await g.ok(developer, 'GET', `/applications/${app.id}/votes/member-view`)).myVote).toBeNull();
      const ov = await g.ok(recruiter, 'GET', `/applications/${app.id}/votes/officer-view`);
      expect(ov.voters.map((v: any) => [v.userId, v.counted])).toEqual(
        expect.arrayContaining([
          [g.member.id, true],
          [lowVoter.id, false],
        ]),
      );
      expect(
        (await g.call(developer, 'PUT', `/applications/${app.id}/vote`, { body: { choice: 'pass' } })).status,
      ).toBe(403);
      await post(g.officer, app.id, 'withdraw'); // not theirs → 404, keeps it open
      await post(applicant, app.id, 'withdraw');
    });
  });

  describe('outcome', () => {
    it('never lowers an officer who applied for an alt; removal makes a trial member guest and the character inactive', async () => {
      const alt = await submit(g.officer);
      const altApp = alt.body;
      await toVoting(altApp.id);
      await vote(g.member, altApp.id, 'pass');
      expect((await vote(g.officer, altApp.id, 'pass')).status).toBe(403); // own application
      const { user, app } = await apply();
      await toVoting(app.id);
      await vote(g.member, app.id, 'pass');
      await closeVotes();
      const approvedAlt = await g.ok(g.officer, 'POST', `/applications/${altApp.id}/approve`);
      expect(await tierOf(g.officer)).toBe('officer');
      expect((await g.ok(g.owner, 'GET', `/characters/${approvedAlt.characterId}`)).userId).toBe(g.officer.id);
      await g.ok(g.owner, 'POST', `/applications/${altApp.id}/promote`);
      expect(await tierOf(g.officer)).toBe('officer');

      const approved = await g.ok(g.officer, 'POST', `/applications/${app.id}/approve`);
      expect(await tierOf(user)).toBe('trial');
      expect((await g.call(g.member, 'POST', `/applications/${app.id}/remove-trial`)).status).toBe(403);
      const removed = await g.ok(g.officer, 'POST', `/applications/${app.id}/remove-trial`);
      expect(removed.trialStatus).toBe('removed');
      expect(await tierOf(user)).toBe('guest');
      expect((await g.ok(g.owner, 'GET', `/characters/${approved.characterId}`)).status).toBe('inactive');
      expect((await g.ok(user, 'GET', `/applications/${app.id}`)).trialStatus).toBe('removed');
      const ev = await events(app.id);
      expect(ev.at(-1)).toMatchObject({
        type: 'dkp.application.removed',
        payload: { tier: 'guest', characterId: approved.characterId },
      });
    });
  });

  describe('statistics', () => {
    it('counts by status and month, time to decision and approval rate', async () => {
      const guild = await createGuild(t);
      const mk = async () => {
        const u = await registerUser(t, 'st');
        return (await guild.ok(u, 'POST', '/applications', { body: body() })) as { id: string };
      };
      await guild.ok(guild.admin, 'PATCH', '/applications/settings', { body: { minAttendancePercent: 0 } });
      const a1 = await mk();
      const a2 = await mk();
      const a3 = await mk();
      await mk();
      await guild.ok(guild.officer, 'POST', `/applications/${a1.id}/reject`, { body: { reason: 'no' } });
      await guild.ok(guild.officer, 'POST', `/applications/${a2.id}/reject`, { body: { reason: 'no' } });
      await guild.ok(guild.officer, 'POST', `/applications/${a3.id}/trial-accept`);
      await guild.ok(guild.officer, 'POST', `/applications/${a3.id}/start-voting`);
      await guild.ok(guild.member, 'PUT', `/applications/${a3.id}/vote`, { body: { choice: 'pass' } });
      await closeVotes();
      await guild.ok(guild.officer, 'POST', `/applications/${a3.id}/approve`);
      // Make a1 look decided 10 hours after submission, a2 20 hours, a3 30 hours: submitted 40 hours
      // ago, so that every decision lies in the past (on the last day of a month, "now + 30 hours"
      // would fall in a month the statistics do not show yet).
      for (const [id, h] of [
        [a1.id, 10],
        [a2.id, 20],
        [a3.id, 30],
      ] as const) {
        await t.db.query(
          `UPDATE dkp_applications SET created_at = now() - interval '40 hours',
                  decided_at = now() - interval '40 hours' + make_interval(hours => $2) WHERE id = $1`,
          [id, h],
        );
      }
      expect((await guild.call(guild.member, 'GET', '/applications/statistics')).status).toBe(403);
      const stats = await guild.ok(guild.officer, 'GET', '/applications/statistics');
      expect(stats.total).toBe(4);
      expect(stats.byStatus).toEqual(
        expect.arrayContaining([
          { status: 'rejected', count: 2 },
          { status: 'approved', count: 1 },
          { status: 'submitted', count: 1 },
          { status: 'withdrawn', count: 0 },
        ]),
      );
      expect(stats.byStatus).toHaveLength(8);
      expect(stats.averageHoursToDecision).toBe(20);
      expect(stats.approvalRate).toBe(0.333);
      expect(stats.byMonth).toHaveLength(12);
      const thisMonth = new Date().toISOString().slice(0, 7);
      expect(stats.byMonth.at(-1).month <= thisMonth || stats.byMonth.at(-1).month === thisMonth).toBe(true);
      expect(stats.byMonth.reduce((s: number, m: any) => s + m.submitted, 0)).toBe(4);
      expect(stats.byMonth.reduce((s: number, m: any) => s + m.approved + m.rejected, 0)).toBe(3);
    });
  });
});
