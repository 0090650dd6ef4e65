import { startAppWith } from '../support/app-with';
import { expectEachInvalid } from '../support/context-kit';
import { http } from '../support/http';
import { TestApp, TestUser } from '../support/test-app';
import { expectConflict } from '../starcorp-people/people-kit';
import { StarcorpMissionRemindersService } from '../../src/contexts/starcorp/missions/mission-reminders.service';
import { createMissionsOrg, IN_A_WEEK, MissionsOrg } from './missions-kit';

const READ = ['starcorp:read'];
const WRITE = ['starcorp:write'];
const SOME_ID = '00000000-0000-4000-8000-000000000000';

describe('starcorp missions (e2e)', () => {
  let t: TestApp;
  let m: MissionsOrg;
  beforeAll(async () => ({ t, g: m } = await startAppWith(createMissionsOrg)));
  afterAll(() => t.close());

  const officer = () => m.org.at('officer');
  const signUp = (who: TestUser, id: string, body: Record<string, unknown> = {}) =>
    m.call(who, 'POST', `/missions/${id}/participants`, { body });
  const setStatus = (who: TestUser, id: string, userId: string, status: string) =>
    m.call(who, 'PATCH', `/missions/${id}/participants/${userId}`, { body: { status } });
  const move = (who: TestUser, id: string, action: string) => m.call(who, 'POST', `/missions/${id}/${action}`);
  const missionCount = async () => (await t.db.query('SELECT count(*)::int AS n FROM starcorp_missions'))[0].n;

  it('refuses each route to the tiers below it', async () => {
    const mission = await m.scheduled();
    const member = m.org.at('member').id;
    await m.forbidden('GET', '/missions', 'readonly', READ, { allowed: true });
    await m.forbidden('GET', `/missions/${mission.id}`, 'readonly', READ, { allowed: true });
    await m.forbidden('POST', '/missions', 'member', WRITE, {
      body: { title: 'x', type: 'combat', scheduledAt: IN_A_WEEK() },
    });
    await m.forbidden('PATCH', `/missions/${mission.id}`, 'member', WRITE, { body: { title: 'x' } });
    for (const action of ['schedule', 'start', 'complete', 'cancel']) {
      await m.forbidden('POST', `/missions/${mission.id}/${action}`, 'member', WRITE);
    }
    await m.forbidden('POST', `/missions/${mission.id}/participants`, 'member', WRITE, { body: {} });
    await m.forbidden('DELETE', `/missions/${mission.id}/participants/me`, 'member', WRITE);
    await m.forbidden('PATCH', `/missions/${mission.id}/participants/${member}`, 'member', WRITE, {
      body: { status: 'confirmed' },
    });
  });

  it('officers create and edit missions; members may not run them; bad input is 400 with nothing written', async () => {
    const made = await m.mission({
      title: 'Operation Pyro Sweep',
      description: 'Clear the belt',
      type: 'security',
      requiredShipIds: [m.ship['Cutlass Black'], m.ship['Avenger Titan']],
      maxParticipants: 6,
    });
    expect(made).toMatchObject({
      title: 'Operation Pyro Sweep',
      type: 'security',
      status: 'draft',
      maxParticipants: 6,
      participantCount: 0,
      squadronId: null,
      createdByUserId: officer().id,
      participants: [],
    });
    expect(made.requiredShipIds.sort()).toEqual([m.ship['Cutlass Black'], m.ship['Avenger Titan']].sort());
    const edited = await m.ok(officer(), 'PATCH', `/missions/${made.id}`, {
      body: { maxParticipants: null, requiredShipIds: [], description: null },
    });
    expect(edited).toMatchObject({ maxParticipants: null, requiredShipIds: [], description: null });
    expect((await m.ok(m.org.at('readonly'), 'GET', `/missions/${made.id}`)).title).toBe('Operation Pyro Sweep');

    const member = m.org.at('member');
    await m.fails(member, 403, 'POST', '/missions', {
      body: { title: 'Mine', type: 'mining', scheduledAt: IN_A_WEEK() },
    });
    await m.fails(member, 403, 'PATCH', `/missions/${made.id}`, { body: { title: 'Mine' } });
    await m.fails(member, 403, 'POST', `/missions/${made.id}/schedule`);

    const before = await missionCount();
    const valid = { title: 'Op', type: 'combat', scheduledAt: IN_A_WEEK() };
    await expectEachInvalid(
      [
        [{ ...valid, title: '' }, 'title'],
        [{ ...valid, type: 'piracy' }, 'type'],
        [{ ...valid, scheduledAt: 'soon' }, 'scheduledAt'],
        [{ ...valid, scheduledAt: '-100000-01-01T00:00:00Z' }, 'scheduledAt'],
        [{ title: 'Op', type: 'combat' }, 'scheduledAt'],
        [{ ...valid, maxParticipants: 0 }, 'maxParticipants'],
        [{ ...valid, requiredShipIds: ['nope'] }, 'requiredShipIds'],
        [{ ...valid, requiredShipIds: [m.ship.Carrack, SOME_ID] }, 'requiredShipIds.1'],
        [{ ...valid, squadronId: 'x' }, 'squadronId'],
        [{ ...valid, status: 'completed' }, 'status'],
        [{ ...valid, title: null }, 'title'],
      ],
      (body) => m.call(officer(), 'POST', '/missions', { body }),
    );
    await expectEachInvalid(
      [
        [{ requiredShipIds: null }, 'requiredShipIds'],
        [{ scheduledAt: null }, 'scheduledAt'],
        [{ requiredShipIds: [SOME_ID] }, 'requiredShipIds.0'],
      ],
      (body) => m.call(officer(), 'PATCH', `/missions/${made.id}`, { body }),
    );
    expect(await missionCount()).toBe(before);
    // An unknown squadron is a 404, nothing written.
    await m.fails(officer(), 404, 'POST', '/missions', { body: { ...valid, squadronId: SOME_ID } });
    expect(await missionCount()).toBe(before);
  });

  it('moves along its lifecycle; every illegal move is 409 invalid-transition with currentState', async () => {
    const a = await m.mission();
    const b = await m.mission();
    const illegal = async (id: string, actions: string[], currentState: string) => {
      for (const action of actions) {
        const res = await move(officer(), id, action);
        expect({ action, status: res.status, slug: res.body.slug, currentState: res.body.currentState }).toEqual({
          action,
          status: 409,
          slug: 'invalid-transition',
          currentState,
        });
      }
    };
    await illegal(a.id, ['start', 'complete'], 'draft');
    expect((await m.ok(officer(), 'POST', `/missions/${a.id}/schedule`)).status).toBe('scheduled');
    await illegal(a.id, ['schedule', 'complete'], 'scheduled');
    const started = await m.ok(officer(), 'POST', `/missions/${a.id}/start`);
    expect(started).toMatchObject({ status: 'in_progress', startedAt: expect.any(String) });
    await illegal(a.id, ['schedule', 'start', 'cancel'], 'in_progress');
    const patched = await m.call(officer(), 'PATCH', `/missions/${a.id}`, { body: { title: 'Late' } });
    expectConflict(patched, 'mission-not-editable');
    expect(patched.body.currentState).toBe('in_progress');
    const done = await m.ok(officer(), 'POST', `/missions/${a.id}/complete`);
    expect(done).toMatchObject({ status: 'completed', completedAt: expect.any(String) });
    await illegal(a.id, ['schedule', 'start', 'complete', 'cancel'], 'completed');

    const cancelled = await m.ok(officer(), 'POST', `/missions/${b.id}/cancel`);
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelledAt: expect.any(String) });
    await illegal(b.id, ['schedule', 'start', 'complete', 'cancel'], 'cancelled');
    expect((await m.ok(officer(), 'POST', `/missions/${(await m.scheduled()).id}/cancel`)).status).toBe('cancelled');

    const subjects = async (type: string) => (await m.events(type)).map((e) => e.subject_id);
    expect(await subjects('starcorp.mission.scheduled')).toContain(a.id);
    expect(await subjects('starcorp.mission.completed')).toContain(a.id);
    expect(await subjects('starcorp.mission.cancelled')).toContain(b.id);
    expect((await m.audits('completeStarcorpMission')).map((e) => e.target_id)).toContain(a.id);
  });

  it('members sign up with their own available hull of a required model; each refusal has its problem', async () => {
    const pilot = await m.org.addUser('member');
    const other = await m.org.addUser('member');
    const titan = await m.hull(pilot, 'Avenger Titan');
    const cutlass = await m.hull(pilot, 'Cutlass Black');
    const parked = await m.hull(pilot, 'Cutlass Black', { availableForMissions: false });
    const pledged = await m.hull(pilot, 'Cutlass Black', { status: 'pledged' });
    const later = await m.hull(pilot, 'Cutlass Black', { availableFrom: new Date(Date.now() + 30 * 86_400_000) });
    const theirs = await m.hull(other, 'Cutlass Black');
    const draft = await m.mission({ requiredShipIds: [m.ship['Cutlass Black']] });
    const notOpen = await signUp(pilot, draft.id, { fleetShipId: cutlass.id });
    expectConflict(notOpen, 'mission-not-open');
    expect(notOpen.body.currentState).toBe('draft');

    const mission = await m.ok(officer(), 'POST', `/missions/${draft.id}/schedule`);
    const reasons: [string | undefined, string][] = [
      [undefined, 'required'],
      [theirs.id, 'not-yours'],
      [parked.id, 'not-available'],
      [pledged.id, 'not-available'],
      [later.id, 'not-available'],
      [titan.id, 'not-required-model'],
    ];
    for (const [fleetShipId, reason] of reasons) {
      const res = await signUp(pilot, mission.id, fleetShipId ? { fleetShipId } : {});
      expect({ reason, status: res.status, slug: res.body.slug, got: res.body.reason }).toEqual({
        reason,
        status: 409,
        slug: 'mission-ship-unavailable',
        got: reason,
      });
    }
    await m.fails(pilot, 404, 'POST', `/missions/${mission.id}/participants`, { body: { fleetShipId: SOME_ID } });
    expect((await m.ok(m.org.at('readonly'), 'GET', `/missions/${mission.id}`)).participants).toEqual([]);

    const seat = await signUp(pilot, mission.id, { fleetShipId: cutlass.id });
    expect(seat.status).toBe(201);
    expect(seat.body).toMatchObject({
      missionId: mission.id,
      userId: pilot.id,
      fleetShipId: cutlass.id,
      status: 'signed_up',
    });
    const again = await signUp(pilot, mission.id, { fleetShipId: cutlass.id });
    expectConflict(again, 'already-signed-up');
    expect(again.body.participantStatus).toBe('signed_up');

    // Withdrawing keeps the row as declined and frees the seat; signing up again reuses it.
    expect((await m.call(pilot, 'DELETE', `/missions/${mission.id}/participants/me`)).status).toBe(204);
    let detail = await m.ok(m.org.at('readonly'), 'GET', `/missions/${mission.id}`);
    expect(detail).toMatchObject({ participantCount: 0, participants: [{ userId: pilot.id, status: 'declined' }] });
    expect((await signUp(pilot, mission.id, { fleetShipId: cutlass.id })).status).toBe(201);
    detail = await m.ok(m.org.at('readonly'), 'GET', `/missions/${mission.id}`);
    expect(detail).toMatchObject({ participantCount: 1, participants: [{ userId: pilot.id, status: 'signed_up' }] });

    // Without required ships, a hull is optional.
    const open = await m.scheduled();
    expect((await signUp(other, open.id)).body).toMatchObject({ fleetShipId: null, status: 'signed_up' });
    // A bot has no one to sign up.
    const bot = await m.org.botKeyWith(WRITE);
    expect((await m.call({ apiKey: bot.key }, 'POST', `/missions/${open.id}/participants`, { body: {} })).status).toBe(
      403,
    );
    await expectEachInvalid(
      [
        [{ fleetShipId: 'x' }, 'fleetShipId'],
        [{ extra: 1 }, 'extra'],
      ],
      (body) => signUp(other, open.id, body),
    );
  });

  it('a retried sign-up or creation with the same Idempotency-Key has one effect; both are audited', async () => {
    const pilot = await m.org.addUser('member');
    const mission = await m.scheduled();
    const send = (path: string, body: unknown, key: string, who: TestUser) =>
      m.call(who, 'POST', path, { body, headers: { 'idempotency-key': key } });
    const [first, again] = [
      await send(`/missions/${mission.id}/participants`, {}, `signup-${pilot.id}`, pilot),
      await send(`/missions/${mission.id}/participants`, {}, `signup-${pilot.id}`, pilot),
    ];
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body.id).toBe(first.body.id);
    expect((await m.audits('signUpForStarcorpMission')).filter((a) => a.target_id === mission.id)).toHaveLength(1);
    const body = { title: 'Retried op', type: 'social', scheduledAt: IN_A_WEEK() };
    const made = await send('/missions', body, `mission-${pilot.id}`, officer());
    const retried = await send('/missions', body, `mission-${pilot.id}`, officer());
    expect(retried.body.id).toBe(made.body.id);
    expect((await m.audits('createStarcorpMission')).filter((a) => a.target_id === made.body.id)).toHaveLength(1);
  });

  it('a full mission refuses with mission-full; maxParticipants cannot drop below the seats taken', async () => {
    const mission = await m.scheduled({ maxParticipants: 2 });
    const [a, b, c] = [await m.org.addUser('member'), await m.org.addUser('member'), await m.org.addUser('member')];
    expect((await signUp(a, mission.id)).status).toBe(201);
    expect((await signUp(b, mission.id)).status).toBe(201);
    const full = await signUp(c, mission.id);
    expectConflict(full, 'mission-full');
    expect(full.body.maxParticipants).toBe(2);
    const lower = await m.call(officer(), 'PATCH', `/missions/${mission.id}`, { body: { maxParticipants: 1 } });
    expect(lower.status).toBe(400);
    expect(lower.body.errors[0].path).toBe('maxParticipants');
    // A declined sign-up frees its seat.
    expect((await setStatus(officer(), mission.id, b.id, 'declined')).status).toBe(200);
    expect((await signUp(c, mission.id)).status).toBe(201);
  });

  it('members withdraw only themselves; runners confirm, decline and take attendance; completion writes records', async () => {
    const mission = await m.scheduled({ title: 'Operation Night Owl' });
    const [a, b, c, d] = await Promise.all([1, 2, 3, 4].map(() => m.org.addUser('member')));
    for (const who of [a, b, c, d]) expect((await signUp(who, mission.id)).status).toBe(201);

    // A member moves nobody else, and cannot confirm themself.
    expect((await setStatus(a, mission.id, b.id, 'declined')).status).toBe(403);
    const selfConfirm = await setStatus(a, mission.id, a.id, 'confirmed');
    expectConflict(selfConfirm, 'invalid-transition');
    expect(selfConfirm.body.currentState).toBe('signed_up');
    await m.fails(officer(), 404, 'PATCH', `/missions/${mission.id}/participants/${m.org.outsider.id}`, {
      body: { status: 'confirmed' },
    });
    expectConflict(await setStatus(officer(), mission.id, a.id, 'attended'), 'invalid-transition');
    for (const who of [a, b, c]) {
      expect((await setStatus(officer(), mission.id, who.id, 'confirmed')).body.status).toBe('confirmed');
    }
    await m.ok(officer(), 'POST', `/missions/${mission.id}/start`);
    // Sign-ups and withdrawals close when it starts.
    expectConflict(await signUp(await m.org.addUser('member'), mission.id), 'mission-not-open');
    expectConflict(await m.call(a, 'DELETE', `/missions/${mission.id}/participants/me`), 'invalid-transition');
    expect((await setStatus(officer(), mission.id, a.id, 'attended')).body.status).toBe('attended');
    expect((await setStatus(officer(), mission.id, b.id, 'no_show')).body.status).toBe('no_show');
    const done = await m.ok(officer(), 'POST', `/missions/${mission.id}/complete`);
    const statusOf = (userId: string) => done.participants.find((p: any) => p.userId === userId).status;
    // Unconfirmed sign-ups become no-shows; confirmed ones wait for the runner's word.
    expect([a, b, c, d].map((u) => statusOf(u.id))).toEqual(['attended', 'no_show', 'confirmed', 'no_show']);
    const recordsOf = async (u: TestUser) =>
      (await m.ok(m.org.at('readonly'), 'GET', `/members/${u.id}/records`)).items.filter(
        (r: any) => r.title === 'Operation Night Owl',
      );
    expect(await recordsOf(a)).toEqual([
      expect.objectContaining({
        kind: 'mission',
        title: 'Operation Night Owl',
        awardedBy: officer().id,
        completedAt: done.completedAt,
      }),
    ]);
    expect(await recordsOf(b)).toEqual([]);
    const [completed] = (await m.events('starcorp.mission.completed')).filter((e) => e.subject_id === mission.id);
    expect(completed.payload).toMatchObject({ missionId: mission.id, attendeeUserIds: [a.id], by: officer().id });

    // Late attendance after completion adds the record; attendance is final then.
    expect((await setStatus(officer(), mission.id, c.id, 'attended')).body.status).toBe('attended');
    expect(await recordsOf(c)).toHaveLength(1);
    expectConflict(await setStatus(officer(), mission.id, a.id, 'no_show'), 'invalid-transition');
    expect((await m.ok(m.org.at('readonly'), 'GET', `/members/${a.id}`)).stats.missionsCompleted).toBe(1);
  });

  it("a squadron's commander runs its missions, only its members sign up, and nobody else's missions", async () => {
    const commander = await m.org.addUser('member');
    const squadron = await m.squadron(commander);
    const elsewhere = await m.squadron(await m.org.addUser('member'));
    const inside = await m.org.addUser('member');
    const outside = await m.org.addUser('member');
    expect((await m.call(inside, 'POST', `/squadrons/${squadron.id}/join`)).status).toBe(201);

    const ours = await m.mission({ squadronId: squadron.id }, commander);
    expect(ours).toMatchObject({ squadronId: squadron.id, createdByUserId: commander.id });
    await m.fails(commander, 403, 'POST', '/missions', {
      body: { title: 'x', type: 'combat', scheduledAt: IN_A_WEEK(), squadronId: elsewhere.id },
    });
    await m.fails(commander, 403, 'POST', '/missions', {
      body: { title: 'x', type: 'combat', scheduledAt: IN_A_WEEK() },
    });
    // Moving it to another squadron would hand it away: refused.
    await m.fails(commander, 403, 'PATCH', `/missions/${ours.id}`, { body: { squadronId: elsewhere.id } });
    await m.ok(commander, 'POST', `/missions/${ours.id}/schedule`);

    const forbidden = await signUp(outside, ours.id);
    expect(forbidden.status).toBe(403);
    expect((await signUp(inside, ours.id)).status).toBe(201);
    expect((await signUp(commander, ours.id)).status).toBe(201);
    expect((await setStatus(commander, ours.id, inside.id, 'confirmed')).status).toBe(200);

    const theirs = await m.scheduled({ squadronId: elsewhere.id });
    const notOurs = await m.scheduled();
    for (const id of [theirs.id, notOurs.id]) {
      await m.fails(commander, 403, 'POST', `/missions/${id}/start`);
      await m.fails(commander, 403, 'PATCH', `/missions/${id}`, { body: { title: 'x' } });
    }
    expect((await signUp(outside, notOurs.id)).status).toBe(201);
    expect((await setStatus(commander, notOurs.id, outside.id, 'confirmed')).status).toBe(403);
    // Officers run squadron missions too.
    await m.ok(officer(), 'POST', `/missions/${theirs.id}/cancel`);
  });

  it('lists by keyset with declared filters; upcoming missions soonest first', async () => {
    const squadron = await m.squadron(null);
    const base = Date.now() + 400 * 86_400_000;
    const at = (days: number) => new Date(base + days * 86_400_000).toISOString();
    const made = [];
    for (const [days, type] of [
      [1, 'racing'],
      [2, 'racing'],
      [3, 'mining'],
      [4, 'racing'],
    ] as const) {
      made.push(await m.mission({ type, scheduledAt: at(days), squadronId: squadron.id }));
    }
    await m.ok(officer(), 'POST', `/missions/${made[0].id}/schedule`);
    await m.ok(officer(), 'POST', `/missions/${made[3].id}/schedule`);
    const reader = m.org.at('readonly');
    const ids = async (query: Record<string, unknown>) =>
      (await m.ok(reader, 'GET', '/missions', { query: { squadronId: squadron.id, ...query } })).items.map(
        (x: any) => x.id,
      );
    expect(await ids({})).toEqual([made[3].id, made[2].id, made[1].id, made[0].id]);
    expect(await ids({ type: 'racing' })).toEqual([made[3].id, made[1].id, made[0].id]);
    expect(await ids({ status: 'scheduled' })).toEqual([made[3].id, made[0].id]);
    expect(await ids({ from: at(2), to: at(4) })).toEqual([made[2].id, made[1].id]);
    expect(await ids({ upcoming: true })).toEqual([made[0].id, made[3].id]);

    const first = await m.ok(reader, 'GET', '/missions', { query: { squadronId: squadron.id, limit: 3 } });
    expect(first.items).toHaveLength(3);
    const rest = await m.ok(reader, 'GET', '/missions', {
      query: { squadronId: squadron.id, limit: 3, cursor: first.nextCursor },
    });
    expect(rest).toMatchObject({ items: [{ id: made[0].id }], nextCursor: null });
    const up1 = await m.ok(reader, 'GET', '/missions', {
      query: { squadronId: squadron.id, upcoming: true, limit: 1 },
    });
    const up2 = await m.ok(reader, 'GET', '/missions', {
      query: { squadronId: squadron.id, upcoming: true, limit: 1, cursor: up1.nextCursor },
    });
    expect([up1.items[0].id, up2.items[0].id]).toEqual([made[0].id, made[3].id]);

    await expectEachInvalid(
      [
        [{ status: 'flying' }, 'status'],
        [{ type: 'piracy' }, 'type'],
        [{ squadronId: 'x' }, 'squadronId'],
        [{ from: 'yesterday' }, 'from'],
        [{ upcoming: 'maybe' }, 'upcoming'],
        [{ cursor: 'garbage' }, 'cursor'],
      ],
      (query) => m.call(reader, 'GET', '/missions', { query }),
    );
  });

  it("another org's missions and ids are 404", async () => {
    const [theirs] = await t.db.query(
      `INSERT INTO starcorp_missions (org_id, title, type, required_ship_ids, scheduled_at, status)
       SELECT id, 'Theirs', 'combat', '{}', now() + interval '1 day', 'scheduled' FROM orgs WHERE slug = $1 RETURNING id`,
      [m.org.outsiderSlug],
    );
    const admin = m.org.at('admin');
    await m.expectNotFound(admin, [
      ['GET', `/missions/${theirs.id}`],
      ['PATCH', `/missions/${theirs.id}`, { title: 'x' }],
      ['POST', `/missions/${theirs.id}/start`],
      ['POST', `/missions/${theirs.id}/cancel`],
      ['POST', `/missions/${theirs.id}/participants`, {}],
      ['DELETE', `/missions/${theirs.id}/participants/me`],
      ['PATCH', `/missions/${theirs.id}/participants/${admin.id}`, { status: 'declined' }],
    ]);
    const listed = await m.ok(admin, 'GET', '/missions', { query: { limit: 200 } });
    expect(listed.items.map((x: any) => x.id)).not.toContain(theirs.id);
    // Their hull cannot be brought either.
    const outsiderHull = await http(t, m.org.outsider, 'POST', `/api/v1/orgs/${m.org.outsiderSlug}/starcorp/fleet`, {
      body: { shipId: m.ship.Carrack, acquiredVia: 'pledge', availableForMissions: true },
    });
    expect(outsiderHull.status).toBe(201);
    const ours = await m.scheduled();
    await m.fails(m.org.at('member'), 404, 'POST', `/missions/${ours.id}/participants`, {
      body: { fleetShipId: outsiderHull.body.id },
    });
  });

  it('the reminder job announces each scheduled mission once, within a day of its start, again when rescheduled', async () => {
    const reminders = t.app.get(StarcorpMissionRemindersService);
    const now = new Date(Date.now() + 900 * 86_400_000);
    const soon = (hours: number) => new Date(now.getTime() + hours * 3_600_000).toISOString();
    const due = await m.scheduled({ scheduledAt: soon(5) });
    const draft = await m.mission({ scheduledAt: soon(6) });
    const later = await m.scheduled({ scheduledAt: soon(30) });
    const pilot = await m.org.addUser('member');
    const quitter = await m.org.addUser('member');
    expect((await signUp(pilot, due.id)).status).toBe(201);
    expect((await signUp(quitter, due.id)).status).toBe(201);
    expect((await m.call(quitter, 'DELETE', `/missions/${due.id}/participants/me`)).status).toBe(204);

    const sent = async (id: string) =>
      (await m.events('starcorp.mission.reminder')).filter((e) => e.subject_id === id).map((e) => e.payload);
    await reminders.remind(now);
    expect(await sent(due.id)).toEqual([expect.objectContaining({ missionId: due.id, userIds: [pilot.id] })]);
    expect(await sent(draft.id)).toEqual([]);
    expect(await sent(later.id)).toEqual([]);
    await reminders.remind(now);
    expect(await sent(due.id)).toHaveLength(1);

    await m.ok(officer(), 'PATCH', `/missions/${due.id}`, { body: { scheduledAt: soon(7) } });
    await reminders.remind(now);
    expect(await sent(due.id)).toHaveLength(2);
    await reminders.remind(new Date(now.getTime() + 10 * 3_600_000));
    expect(await sent(later.id)).toHaveLength(1);
  });

  it('20 members racing for the last seat: exactly one gets it', async () => {
    const mission = await m.scheduled({ maxParticipants: 1 });
    const racers = await Promise.all(Array.from({ length: 20 }, () => m.org.addUser('member')));
    const results = await Promise.all(racers.map((racer) => signUp(racer, mission.id)));
    expect(results.map((r) => r.status).sort()).toEqual([201, ...Array(19).fill(409)]);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.slug === 'mission-full')).toBe(true);
    const detail = await m.ok(m.org.at('readonly'), 'GET', `/missions/${mission.id}`);
    expect(detail).toMatchObject({ participantCount: 1 });
    expect(detail.participants).toHaveLength(1);
  });
});
