import { startAppWith } from '../support/app-with';
import { http } from '../support/http';
import { TestApp, TestUser, unique } from '../support/test-app';
import { createPeopleOrg, expectConflict, expectInvalid, PeopleOrg } from './people-kit';

const READ = ['starcorp:read'];
const WRITE = ['starcorp:write'];

describe('starcorp squadrons (e2e)', () => {
  let t: TestApp;
  let p: PeopleOrg;
  beforeAll(async () => ({ t, g: p } = await startAppWith(createPeopleOrg)));
  afterAll(() => t.close());

  const create = (body: Record<string, unknown> = {}) => {
    const name = unique('Wing');
    return p.ok(p.org.at('officer'), 'POST', '/squadrons', {
      body: { name, callsign: name.toUpperCase(), recruiting: true, ...body },
    });
  };
  const join = (who: TestUser, id: string) => p.call(who, 'POST', `/squadrons/${id}/join`);

  it('officers create and edit squadrons; duplicates are 409 naming the field; bad input 400', async () => {
    const officer = p.org.at('officer');
    const made = await p.ok(officer, 'POST', '/squadrons', {
      body: {
        name: 'Night Owls #2',
        callsign: 'OWL2',
        focus: 'combat',
        maxMembers: 12,
        colorCode: '#112233',
        motto: 'Hoot',
      },
    });
    expect(made).toMatchObject({
      name: 'Night Owls #2',
      slug: 'night-owls-2',
      callsign: 'OWL2',
      focus: 'combat',
      active: true,
      recruiting: false,
      maxMembers: 12,
      memberCount: 0,
      colorCode: '#112233',
      commanderUserId: null,
    });
    const dupCallsign = await p.call(officer, 'POST', '/squadrons', { body: { name: 'Other', callsign: 'OWL2' } });
    expectConflict(dupCallsign, 'squadron-name-taken');
    expect(dupCallsign.body.field).toBe('callsign');
    const dupSlug = await p.call(officer, 'PATCH', `/squadrons/${(await create()).id}`, {
      body: { slug: 'night-owls-2' },
    });
    expect(dupSlug.body.field).toBe('slug');
    const edited = await p.ok(officer, 'PATCH', `/squadrons/${made.id}`, {
      body: { recruiting: true, maxMembers: null },
    });
    expect(edited).toMatchObject({ recruiting: true, maxMembers: null });
    expectInvalid(
      await p.call(officer, 'POST', '/squadrons', {
        body: {
          name: '',
          callsign: 'x',
          focus: 'piracy',
          maxMembers: 0,
          colorCode: 'red',
          slug: 'Bad Slug',
          commanderUserId: 'me',
        },
      }),
      ['name', 'focus', 'maxMembers', 'colorCode', 'slug', 'commanderUserId'],
    );
    expectInvalid(await p.call(officer, 'PATCH', `/squadrons/${made.id}`, { body: { commanderUserId: officer.id } }), [
      'commanderUserId',
    ]);
    expect(
      (
        await p.call(officer, 'POST', '/squadrons', {
          body: { name: 'Ghosts', callsign: 'GHST', commanderUserId: p.org.outsider.id },
        })
      ).status,
    ).toBe(404);
  });

  it('refuses each route to the tiers below it', async () => {
    const s = await create();
    const member = p.org.at('member').id;
    await p.forbidden('GET', '/squadrons/all', 'readonly', READ, { allowed: true });
    await p.forbidden('GET', '/squadrons/mine', 'readonly', READ);
    await p.forbidden('GET', `/squadrons/${s.id}/members`, 'readonly', READ, { allowed: true });
    await p.forbidden('POST', '/squadrons', 'officer', WRITE, { body: { name: 'x', callsign: 'x' } });
    await p.forbidden('PATCH', `/squadrons/${s.id}`, 'officer', WRITE, { body: { motto: 'x' } });
    await p.forbidden('POST', `/squadrons/${s.id}/commander`, 'officer', WRITE, { body: { userId: null } });
    await p.forbidden('POST', `/squadrons/${s.id}/join`, 'member', WRITE);
    await p.forbidden('POST', `/squadrons/${s.id}/leave`, 'member', WRITE);
    await p.forbidden('POST', `/squadrons/${s.id}/members`, 'member', WRITE, { body: { userId: member } });
    await p.forbidden('PATCH', `/squadrons/${s.id}/members/${member}`, 'member', WRITE, { body: { role: 'lead' } });
    await p.forbidden('DELETE', `/squadrons/${s.id}/members/${member}`, 'member', WRITE);
  });

  it('the public list and page answer anonymous callers only when the public site is on', async () => {
    const open = await create();
    const closed = await create({ active: false });
    const base = `/api/v1/orgs/${p.org.slug}/starcorp/squadrons`;
    expect((await http(t, null, 'GET', base)).status).toBe(404);
    expect(
      (await http(t, p.org.owner, 'PATCH', `/api/v1/orgs/${p.org.slug}`, { body: { publicSite: true } })).status,
    ).toBe(200);
    const listed = await http(t, null, 'GET', base, { query: { limit: 200 } });
    expect(listed.status).toBe(200);
    const ids = listed.body.items.map((s: any) => s.id);
    expect(ids).toContain(open.id);
    expect(ids).not.toContain(closed.id);
    expect((await http(t, null, 'GET', `${base}/${open.id}`)).body.id).toBe(open.id);
    expect((await http(t, null, 'GET', `${base}/${closed.id}`)).status).toBe(404);
    expect((await http(t, null, 'GET', `/api/v1/orgs/${p.org.outsiderSlug}/starcorp/squadrons`)).status).toBe(404);
    const all = await p.ok(p.org.at('readonly'), 'GET', '/squadrons/all', { query: { active: false, limit: 200 } });
    expect(all.items.map((s: any) => s.id)).toContain(closed.id);
  });

  it('members join and leave; a closed, inactive or full squadron refuses with its 409', async () => {
    const joiner = await p.org.addUser('member');
    const s = await create({ maxMembers: 2 });
    const seat = await join(joiner, s.id);
    expect(seat.status).toBe(201);
    expect(seat.body).toMatchObject({ squadronId: s.id, userId: joiner.id, role: 'member', leftAt: null });
    expectConflict(await join(joiner, s.id), 'already-in-squadron');
    const other = await create();
    const second = await join(joiner, other.id);
    expectConflict(second, 'already-in-squadron');
    expect(second.body.squadronId).toBe(s.id);
    const mine = await p.ok(joiner, 'GET', '/squadrons/mine');
    expect(mine.items.map((m: any) => m.squadron.id)).toEqual([s.id]);

    expect((await join(p.org.at('member'), s.id)).status).toBe(201);
    const full = await join(await p.org.addUser('member'), s.id);
    expectConflict(full, 'squadron-full');
    expect(full.body.maxMembers).toBe(2);
    expectConflict(
      await join(p.org.at('officer'), (await create({ recruiting: false })).id),
      'squadron-not-recruiting',
    );
    expectConflict(await join(p.org.at('officer'), (await create({ active: false })).id), 'squadron-inactive');

    expect((await p.call(joiner, 'POST', `/squadrons/${s.id}/leave`)).status).toBe(204);
    expect((await p.call(joiner, 'POST', `/squadrons/${s.id}/leave`)).status).toBe(404);
    // A leaver may rejoin: the old row keeps its leftAt.
    expect((await join(joiner, s.id)).status).toBe(201);
    const history = await p.ok(p.org.at('readonly'), 'GET', `/squadrons/${s.id}/members`, {
      query: { includeFormer: true },
    });
    expect(
      history.items
        .filter((m: any) => m.userId === joiner.id)
        .map((m: any) => m.leftAt === null)
        .sort(),
    ).toEqual([false, true]);
    const active = await p.ok(p.org.at('readonly'), 'GET', `/squadrons/${s.id}/members`);
    expect(active.items).toHaveLength(2);
    const inSquadron = await p.ok(p.org.at('readonly'), 'GET', '/members', { query: { squadronId: s.id } });
    expect(inSquadron.items.map((m: any) => m.userId).sort()).toEqual([joiner.id, p.org.at('member').id].sort());

    const events = (type: string) => p.events(type).then((all) => all.filter((e) => e.subject_id === s.id));
    expect((await events('starcorp.squadron.member_joined')).map((e) => e.payload.userId)).toEqual([
      joiner.id,
      p.org.at('member').id,
      joiner.id,
    ]);
    expect((await events('starcorp.squadron.member_left')).map((e) => e.payload.userId)).toEqual([joiner.id]);
  });

  it('its commander and leads manage its members, only in their own squadron; officers change commanders', async () => {
    const commander = await p.org.addUser('member');
    const lead = await p.org.addUser('member');
    const recruit = await p.org.addUser('member');
    const s = await create({ recruiting: false, commanderUserId: commander.id });
    const elsewhere = await create();
    expect((await p.call(recruit, 'POST', `/squadrons/${s.id}/members`, { body: { userId: lead.id } })).status).toBe(
      403,
    );
    const added = await p.ok(commander, 'POST', `/squadrons/${s.id}/members`, {
      body: { userId: lead.id, role: 'lead' },
    });
    expect(added).toMatchObject({ userId: lead.id, role: 'lead' });
    // A closed squadron still takes the people its leads pick.
    await p.ok(lead, 'POST', `/squadrons/${s.id}/members`, { body: { userId: recruit.id, notes: 'Good pilot' } });
    const promoted = await p.ok(lead, 'PATCH', `/squadrons/${s.id}/members/${recruit.id}`, {
      body: { role: 'specialist' },
    });
    expect(promoted).toMatchObject({ role: 'specialist', notes: 'Good pilot' });
    // Not in another squadron.
    expect(
      (await p.call(commander, 'POST', `/squadrons/${elsewhere.id}/members`, { body: { userId: commander.id } }))
        .status,
    ).toBe(403);
    expect((await p.call(lead, 'DELETE', `/squadrons/${elsewhere.id}/members/${p.org.at('member').id}`)).status).toBe(
      403,
    );
    expect(
      (await p.call(commander, 'POST', `/squadrons/${s.id}/members`, { body: { userId: p.org.outsider.id } })).status,
    ).toBe(404);
    expect((await p.call(lead, 'DELETE', `/squadrons/${s.id}/members/${recruit.id}`)).status).toBe(204);
    expect(
      (await p.call(lead, 'PATCH', `/squadrons/${s.id}/members/${recruit.id}`, { body: { role: 'lead' } })).status,
    ).toBe(404);
    const left = (await p.events('starcorp.squadron.member_left')).filter((e) => e.subject_id === s.id);
    expect(left.map((e) => e.payload)).toEqual([expect.objectContaining({ userId: recruit.id, removedBy: lead.id })]);

    expect(
      (await p.call(commander, 'POST', `/squadrons/${s.id}/commander`, { body: { userId: lead.id } })).status,
    ).toBe(403);
    const handed = await p.ok(p.org.at('officer'), 'POST', `/squadrons/${s.id}/commander`, {
      body: { userId: lead.id },
    });
    expect(handed.commanderUserId).toBe(lead.id);
    const changes = (await p.events('starcorp.squadron.commander_changed')).filter((e) => e.subject_id === s.id);
    expect(changes.map((e) => e.payload)).toEqual([
      expect.objectContaining({ oldCommanderUserId: commander.id, newCommanderUserId: lead.id }),
    ]);
    expect(
      (
        await p.call(p.org.at('officer'), 'POST', `/squadrons/${s.id}/commander`, {
          body: { userId: p.org.outsider.id },
        })
      ).status,
    ).toBe(404);
    // The former commander manages nothing any more.
    expect(
      (await p.call(commander, 'POST', `/squadrons/${s.id}/members`, { body: { userId: recruit.id } })).status,
    ).toBe(403);
  });

  it('admins may let members be in more squadrons at once', async () => {
    await p.forbidden('GET', '/people-settings', 'readonly', READ, { allowed: true });
    await p.forbidden('PATCH', '/people-settings', 'admin', ['starcorp:admin'], { body: { squadronsPerMember: 2 } });
    const admin = p.org.at('admin');
    expect(await p.ok(admin, 'GET', '/people-settings')).toEqual({ squadronsPerMember: 1 });
    expectInvalid(await p.call(admin, 'PATCH', '/people-settings', { body: { squadronsPerMember: 0 } }), [
      'squadronsPerMember',
    ]);
    expect(await p.ok(admin, 'PATCH', '/people-settings', { body: { squadronsPerMember: 2 } })).toEqual({
      squadronsPerMember: 2,
    });
    const pilot = await p.org.addUser('member');
    const [a, b, c] = [await create(), await create(), await create()];
    expect((await join(pilot, a.id)).status).toBe(201);
    expect((await join(pilot, b.id)).status).toBe(201);
    expectConflict(await join(pilot, c.id), 'already-in-squadron');
    await p.ok(admin, 'PATCH', '/people-settings', { body: { squadronsPerMember: 1 } });
  });

  it("another org's squadron is a 404", async () => {
    const [theirs] = await t.db.query(
      `INSERT INTO starcorp_squadrons (org_id, name, slug, callsign, recruiting)
       SELECT id, 'Theirs', 'theirs', 'THEIRS', true FROM orgs WHERE slug = $1 RETURNING id`,
      [p.org.outsiderSlug],
    );
    const officer = p.org.at('admin');
    await p.expectNotFound(officer, [
      ['PATCH', `/squadrons/${theirs.id}`, { motto: 'x' }],
      ['POST', `/squadrons/${theirs.id}/join`],
      ['GET', `/squadrons/${theirs.id}/members`],
      ['POST', `/squadrons/${theirs.id}/commander`, { userId: null }],
    ]);
  });

  it('20 members racing for the last seat: exactly one gets it', async () => {
    const s = await create({ maxMembers: 1 });
    const racers = await Promise.all(Array.from({ length: 20 }, () => p.org.addUser('member')));
    const results = await Promise.all(racers.map((racer) => join(racer, s.id)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array(19).fill(409)]);
    expect(results.filter((r) => r.status === 409).every((r) => /squadron-full$/.test(r.body.type))).toBe(true);
    const seated = await p.ok(p.org.at('readonly'), 'GET', `/squadrons/${s.id}/members`);
    expect(seated.items).toHaveLength(1);
  });
});
