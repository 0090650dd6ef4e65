import { startAppWith } from '../support/app-with';
import { TestApp } from '../support/test-app';
import { createPeopleOrg, expectConflict, expectInvalid, PeopleOrg } from './people-kit';

const READ = ['starcorp:read'];
const WRITE = ['starcorp:write'];
const ADMIN = ['starcorp:admin'];
const SOME_ID = '00000000-0000-4000-8000-000000000000';

describe('starcorp ranks and member profiles (e2e)', () => {
  let t: TestApp;
  let p: PeopleOrg;
  beforeAll(async () => ({ t, g: p } = await startAppWith(createPeopleOrg)));
  afterAll(() => t.close());

  describe('ranks', () => {
    it('are seeded once with the ten default ranks, lowest first', async () => {
      const [first, again] = await Promise.all([
        p.ok(p.org.at('readonly'), 'GET', '/ranks'),
        p.ok(p.org.at('member'), 'GET', '/ranks'),
      ]);
      expect(first.items.map((r: any) => r.name)).toEqual([
        'Private',
        'Corporal',
        'Sergeant',
        'Lieutenant',
        'Captain',
        'Major',
        'Colonel',
        'Commander',
        'Admiral',
        'Fleet Admiral',
      ]);
      expect(again.items).toHaveLength(10);
      const page = await p.ok(p.org.at('readonly'), 'GET', '/ranks', { query: { limit: 4 } });
      const next = await p.ok(p.org.at('readonly'), 'GET', '/ranks', { query: { limit: 4, cursor: page.nextCursor } });
      expect(next.items[0].name).toBe('Captain');
    });

    it('are refused to lower tiers, strangers and bots without the scope', async () => {
      await p.forbidden('GET', '/ranks', 'readonly', READ, { allowed: true });
      await p.forbidden('POST', '/ranks', 'admin', ADMIN, { body: { name: 'Cadet', level: 1 } });
      await p.forbidden('PATCH', `/ranks/${SOME_ID}`, 'admin', ADMIN, { body: { name: 'Cadet' } });
      await p.forbidden('DELETE', `/ranks/${SOME_ID}`, 'admin', ADMIN);
    });

    it('admins create, edit and delete them; a duplicate name is a 409 naming the field', async () => {
      const admin = p.org.at('admin');
      const cadet = await p.ok(admin, 'POST', '/ranks', {
        body: { name: 'Cadet', level: 1, imageUrl: 'https://example.com/cadet.png' },
      });
      expect(cadet).toEqual({
        id: expect.any(String),
        name: 'Cadet',
        level: 1,
        imageUrl: 'https://example.com/cadet.png',
      });
      const dup = await p.call(admin, 'POST', '/ranks', { body: { name: 'Cadet', level: 2 } });
      expectConflict(dup, 'starcorp-rank-taken');
      expect(dup.body.field).toBe('name');
      const renamed = await p.ok(admin, 'PATCH', `/ranks/${cadet.id}`, { body: { name: 'Recruit', imageUrl: null } });
      expect(renamed).toMatchObject({ name: 'Recruit', imageUrl: null, level: 1 });
      expectConflict(
        await p.call(admin, 'PATCH', `/ranks/${cadet.id}`, { body: { name: 'Private' } }),
        'starcorp-rank-taken',
      );
      expect((await p.call(admin, 'DELETE', `/ranks/${cadet.id}`)).status).toBe(204);
      expect((await p.call(admin, 'PATCH', `/ranks/${cadet.id}`, { body: { name: 'X' } })).status).toBe(404);
    });

    it('refuses bad input with field paths and writes nothing', async () => {
      const admin = p.org.at('admin');
      expectInvalid(await p.call(admin, 'POST', '/ranks', { body: { name: '', level: 0, imageUrl: 'ftp://x' } }), [
        'name',
        'level',
        'imageUrl',
      ]);
      expectInvalid(await p.call(admin, 'POST', '/ranks', { body: { name: 'X', level: 3, extra: 1 } }), ['extra']);
      expectInvalid(await p.call(admin, 'PATCH', `/ranks/${SOME_ID}`, { body: { name: null } }), ['name']);
      expect((await p.call(admin, 'PATCH', '/ranks/not-a-uuid', { body: {} })).status).toBe(400);
      const ranks = await p.ok(admin, 'GET', '/ranks');
      expect(ranks.items.map((r: any) => r.name)).not.toContain('X');
    });

    it("another org's rank is a 404", async () => {
      const outsiderRank = await t.db.query(
        `INSERT INTO starcorp_ranks (org_id, name, level) SELECT id, 'Theirs', 1 FROM orgs WHERE slug = $1 RETURNING id`,
        [p.org.outsiderSlug],
      );
      const admin = p.org.at('admin');
      expect((await p.call(admin, 'PATCH', `/ranks/${outsiderRank[0].id}`, { body: { name: 'Mine' } })).status).toBe(
        404,
      );
      expect((await p.call(admin, 'DELETE', `/ranks/${outsiderRank[0].id}`)).status).toBe(404);
      expect(
        (
          await p.call(p.org.at('officer'), 'PATCH', `/members/${p.org.at('member').id}`, {
            body: { rankId: outsiderRank[0].id },
          })
        ).status,
      ).toBe(404);
    });
  });

  describe('members', () => {
    const rankNamed = async (name: string) =>
      (await p.ok(p.org.at('readonly'), 'GET', '/ranks')).items.find((r: any) => r.name === name);

    it('lists the org members through the platform with tier and search filters', async () => {
      const all = await p.ok(p.org.at('readonly'), 'GET', '/members', { query: { limit: 200 } });
      expect(all.items.map((m: any) => m.userId).sort()).toEqual(
        Object.values(p.org.users)
          .map((u) => u!.id)
          .sort(),
      );
      const officers = await p.ok(p.org.at('readonly'), 'GET', '/members', { query: { tier: 'officer' } });
      expect(officers.items.map((m: any) => m.userId)).toEqual([p.org.at('officer').id]);
      const found = await p.ok(p.org.at('readonly'), 'GET', '/members', {
        query: { search: p.org.at('trial').username.toUpperCase() },
      });
      expect(found.items.map((m: any) => m.userId)).toEqual([p.org.at('trial').id]);
      const first = await p.ok(p.org.at('readonly'), 'GET', '/members', { query: { limit: 3 } });
      const second = await p.ok(p.org.at('readonly'), 'GET', '/members', {
        query: { limit: 3, cursor: first.nextCursor },
      });
      expect(first.items).toHaveLength(3);
      expect(second.items[0].username > first.items[2].username).toBe(true);
      expectInvalid(await p.call(p.org.at('readonly'), 'GET', '/members', { query: { tier: 'boss', rankId: 'x' } }), [
        'tier',
        'rankId',
      ]);
      expect((await p.call(p.org.at('readonly'), 'GET', '/members', { query: { cursor: 'garbage' } })).status).toBe(
        400,
      );
    });

    it('refuses each route to the tiers below it', async () => {
      const member = p.org.at('member').id;
      await p.forbidden('GET', '/members', 'readonly', READ, { allowed: true });
      await p.forbidden('GET', `/members/${member}`, 'readonly', READ, { allowed: true });
      await p.forbidden('GET', `/members/${member}/records`, 'readonly', READ, { allowed: true });
      await p.forbidden('PATCH', '/members/me', 'member', WRITE, { body: { bio: 'x' } });
      await p.forbidden('PATCH', `/members/${member}`, 'officer', WRITE, { body: { rankId: null } });
      await p.forbidden('POST', `/members/${member}/records`, 'officer', WRITE, {
        body: { kind: 'mission', title: 'x', completedAt: '2026-01-01T00:00:00Z' },
      });
    });

    it('a member edits their own profile; bad input is a 400 and changes nothing', async () => {
      const member = p.org.at('member');
      const me = await p.ok(member, 'PATCH', '/members/me', { body: { displayName: 'Star Runner', bio: 'Hauler.' } });
      expect(me).toMatchObject({ userId: member.id, displayName: 'Star Runner', bio: 'Hauler.', rank: null });
      expectInvalid(await p.call(member, 'PATCH', '/members/me', { body: { displayName: 'a\u202Eb', bio: 5 } }), [
        'displayName',
        'bio',
      ]);
      const found = await p.ok(p.org.at('readonly'), 'GET', '/members', { query: { search: 'star run' } });
      expect(found.items.map((m: any) => m.displayName)).toEqual(['Star Runner']);
      const cleared = await p.ok(member, 'PATCH', '/members/me', { body: { displayName: null } });
      expect(cleared.displayName).toBe(member.username);
      expect(cleared.bio).toBe('Hauler.');
    });

    it('an officer sets a rank: filterable, announced once, and the rank cannot be deleted while held', async () => {
      const officer = p.org.at('officer');
      const member = p.org.at('member');
      const captain = await rankNamed('Captain');
      const ranked = await p.ok(officer, 'PATCH', `/members/${member.id}`, { body: { rankId: captain.id } });
      expect(ranked.rank).toEqual(captain);
      await p.ok(officer, 'PATCH', `/members/${member.id}`, { body: { rankId: captain.id } });
      const events = await p.events('starcorp.member.rank_changed');
      expect(events).toEqual([
        {
          subject_id: member.id,
          payload: expect.objectContaining({
            userId: member.id,
            oldRankId: null,
            newRankId: captain.id,
            newRankName: 'Captain',
            changedBy: officer.id,
          }),
        },
      ]);
      const captains = await p.ok(p.org.at('readonly'), 'GET', '/members', { query: { rankId: captain.id } });
      expect(captains.items.map((m: any) => m.userId)).toEqual([member.id]);
      expectConflict(await p.call(p.org.at('admin'), 'DELETE', `/ranks/${captain.id}`), 'rank-in-use');
      // An officer cannot rank someone above their own tier.
      const refused = await p.call(officer, 'PATCH', `/members/${p.org.at('admin').id}`, {
        body: { rankId: captain.id },
      });
      expect(refused.status).toBe(403);
      expect((await p.call(officer, 'PATCH', `/members/${p.org.outsider.id}`, { body: { rankId: null } })).status).toBe(
        404,
      );
      expectInvalid(await p.call(officer, 'PATCH', `/members/${member.id}`, { body: {} }), ['rankId']);
      const unranked = await p.ok(officer, 'PATCH', `/members/${member.id}`, { body: { rankId: null } });
      expect(unranked.rank).toBeNull();
      expect((await p.call(p.org.at('admin'), 'GET', `/members/${p.org.outsider.id}`)).status).toBe(404);
    });

    it('officers add service records; stats are derived from them', async () => {
      const officer = p.org.at('officer');
      const trial = p.org.at('trial');
      const add = (kind: string, title: string, completedAt: string) =>
        p.ok(officer, 'POST', `/members/${trial.id}/records`, { body: { kind, title, completedAt } });
      const first = await add('mission', 'Operation Pyro', '2026-03-01T20:00:00Z');
      expect(first).toEqual({
        id: expect.any(String),
        userId: trial.id,
        kind: 'mission',
        title: 'Operation Pyro',
        completedAt: '2026-03-01T20:00:00.000Z',
        awardedBy: officer.id,
      });
      await add('mission', 'Escort run', '2026-04-01T20:00:00Z');
      await add('training', 'Basic flight', '2026-02-01T20:00:00Z');
      const detail = await p.ok(p.org.at('readonly'), 'GET', `/members/${trial.id}`);
      expect(detail.stats).toEqual({ missionsCompleted: 2, trainingsCompleted: 1, shipsOwned: 0 });
      expect(detail.recentRecords.map((r: any) => r.title)).toEqual(['Escort run', 'Operation Pyro', 'Basic flight']);
      const page = await p.ok(p.org.at('readonly'), 'GET', `/members/${trial.id}/records`, { query: { limit: 2 } });
      const rest = await p.ok(p.org.at('readonly'), 'GET', `/members/${trial.id}/records`, {
        query: { cursor: page.nextCursor },
      });
      expect(rest.items.map((r: any) => r.title)).toEqual(['Basic flight']);
      expectInvalid(
        await p.call(officer, 'POST', `/members/${trial.id}/records`, {
          body: { kind: 'raid', title: '', completedAt: 'soon' },
        }),
        ['kind', 'title', 'completedAt'],
      );
      expect(
        (
          await p.call(officer, 'POST', `/members/${p.org.outsider.id}/records`, {
            body: { kind: 'mission', title: 'x', completedAt: '2026-01-01T00:00:00Z' },
          })
        ).status,
      ).toBe(404);
      expect((await p.ok(p.org.at('readonly'), 'GET', `/members/${trial.id}`)).stats.missionsCompleted).toBe(2);
    });
  });
});
