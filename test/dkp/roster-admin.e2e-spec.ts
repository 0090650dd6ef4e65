import { randomUUID } from 'node:crypto';
import { paginate, unwrap } from '@quartermaster/sdk';
import { startAppWith } from '../support/app-with';
import { charName, closeCheckingLedger, createGuild, expectForbiddenPaths, Guild } from '../support/dkp-fixtures';
import { http } from '../support/http';
import { TestApp } from '../support/test-app';

/**
 * Roster administration: characters with history are retired, not deleted; the roster audit; the
 * bulk rank update; and the lists that used to be bare arrays (pools, ranks, ownership history,
 * raid attendance) paged like every other list.
 */
describe('dkp roster administration (e2e)', () => {
  let t: TestApp;
  let g: Guild;
  beforeAll(async () => ({ t, g } = await startAppWith(createGuild)));
  afterAll(() => closeCheckingLedger(t));

  const outbox = (type: string, characterId: string): Promise<{ payload: Record<string, unknown> }[]> =>
    t.db.query(`SELECT payload FROM outbox_events WHERE org_id = $1 AND type = $2 AND payload->>'characterId' = $3`, [
      g.orgId,
      type,
      characterId,
    ]);

  describe('deleting a character', () => {
    const expectRefused = async (id: string) => {
      const res = await g.call(g.officer, 'DELETE', `/characters/${id}`);
      expect(res.status).toBe(409);
      expect(res.body.type).toMatch(/character-has-history$/);
      expect(res.body.detail).toMatch(/retired/);
      expect(res.body.retireWith).toEqual({ status: 'retired' });
      expect((await g.ok(g.readonly, 'GET', `/characters/${id}`)).id).toBe(id);
    };

    it('with attendance (and its ledger rows) is refused with a 409; retiring it keeps its history', async () => {
      const user = await g.newMember();
      const c = await g.character(user);
      const raid = await g.raid();
      await g.ok(g.officer, 'POST', `/raids/${raid.id}/attendance`, { body: { attendees: [{ name: c.name }] } });
      await expectRefused(c.id);
      const retired = await g.ok(g.officer, 'PATCH', `/characters/${c.id}`, { body: { status: 'retired' } });
      expect(retired.status).toBe('retired');
      // Still refused once retired, and the history stays readable.
      await expectRefused(c.id);
      const history = await g.ok(g.readonly, 'GET', `/characters/${c.id}/ownership-history`);
      expect(history.items).toEqual([expect.objectContaining({ userId: user.id, reason: 'created' })]);
      const attribution = await g.ok(g.readonly, 'GET', `/points/character-attribution/${c.name}`);
      expect(attribution.items).toHaveLength(1);
    });

    it('named by a points adjustment or loot, or reassigned, is refused too', async () => {
      const adjusted = await g.character(g.member);
      await g.ok(g.officer, 'POST', '/points/adjustments', {
        body: { poolId: g.pool.id, userId: g.member.id, amount: '5', reason: 'bonus', characterName: adjusted.name },
      });
      await expectRefused(adjusted.id);
      const moved = await g.character(g.member);
      await g.ok(g.officer, 'POST', `/characters/${moved.id}/reassign`, { body: { userId: g.officer.id } });
      await expectRefused(moved.id);
    });

    it('without any history is deleted (204, then 404)', async () => {
      const c = await g.character(g.member);
      expect((await g.call(g.officer, 'DELETE', `/characters/${c.id}`)).status).toBe(204);
      expect((await g.call(g.officer, 'GET', `/characters/${c.id}`)).status).toBe(404);
    });
  });

  describe('bulk rank update', () => {
    it('gives many characters one rank, announces each change, and is audited', async () => {
      const rank = await g.ok(g.officer, 'POST', '/ranks', { body: { name: charName('Raider') } });
      const taken = await g.call(g.officer, 'POST', '/ranks', { body: { name: rank.name } });
      expect(taken.status).toBe(409);
      expect(taken.body).toMatchObject({ type: expect.stringMatching(/rank-name-taken$/), field: 'name' });
      const [a, b] = [await g.character(g.member), await g.character(g.officer)];
      const already = await g.character(g.member, charName(), { rankId: rank.id });
      const res = await unwrap(
        g.officer.api.POST('/api/v1/orgs/{org}/dkp/characters/bulk-rank', {
          params: { path: { org: g.slug } },
          body: { characterIds: [a.id, already.id, b.id.toUpperCase()], rankId: rank.id },
        }),
      );
      expect(res).toMatchObject({ rankId: rank.id, changed: 2, unchanged: 1 });
      expect(res.characters.map((c) => [c.id, c.rankId])).toEqual([
        [a.id, rank.id],
        [already.id, rank.id],
        [b.id, rank.id],
      ]);
      expect((await g.ok(g.readonly, 'GET', `/characters/${b.id}`)).rankId).toBe(rank.id);
      const [event] = await outbox('dkp.character.rank_changed', a.id);
      expect(event.payload).toMatchObject({
        characterId: a.id,
        userId: g.member.id,
        oldRankId: null,
        newRankId: rank.id,
      });
      expect(await outbox('dkp.character.rank_changed', already.id)).toEqual([]);
      // rankId null takes the rank away.
      const cleared = await g.ok(g.officer, 'POST', '/characters/bulk-rank', {
        body: { characterIds: [a.id], rankId: null },
      });
      expect(cleared.characters[0].rankId).toBeNull();
      const audit = await unwrap(
        g.owner.api.GET('/api/v1/orgs/{org}/audit-log', { params: { path: { org: g.slug }, query: { limit: 200 } } }),
      );
      expect(audit.items.filter((e) => e.action === 'bulkUpdateCharacterRanks')).toEqual(
        expect.arrayContaining([expect.objectContaining({ actorUserId: g.officer.id, status: 200 })]),
      );
    });

    it('is all or nothing: unknown or foreign ids are a 404 naming them, and nothing changes', async () => {
      const rank = await g.ok(g.officer, 'POST', '/ranks', { body: { name: charName('Bulk') } });
      const mine = await g.character(g.member);
      const other = await createGuild(t);
      const [foreign, missing] = [other.chars.member.id, randomUUID()];
      const res = await g.call(g.officer, 'POST', '/characters/bulk-rank', {
        body: { characterIds: [mine.id, foreign, missing], rankId: rank.id },
      });
      expect(res.status).toBe(404);
      expect(res.body.missingIds).toEqual([foreign, missing]);
      expect(res.body.detail).toContain(foreign);
      expect((await g.ok(g.readonly, 'GET', `/characters/${mine.id}`)).rankId).toBeNull();
      expect((await other.ok(other.owner, 'GET', `/characters/${foreign}`)).rankId).toBeNull();
      expect(await outbox('dkp.character.rank_changed', mine.id)).toEqual([]);
      // Another org's rank.
      const foreignRank = await other.ok(other.owner, 'POST', '/ranks', { body: { name: 'Theirs' } });
      expect(
        (
          await g.call(g.officer, 'POST', '/characters/bulk-rank', {
            body: { characterIds: [mine.id], rankId: foreignRank.id },
          })
        ).status,
      ).toBe(404);
      // Bad input.
      for (const body of [
        { characterIds: [], rankId: rank.id },
        { characterIds: ['not-a-uuid'], rankId: rank.id },
        { characterIds: [mine.id, mine.id], rankId: rank.id },
        { characterIds: [mine.id] },
        { characterIds: [mine.id], rankId: rank.id, extra: 1 },
        { characterIds: Array.from({ length: 501 }, () => randomUUID()), rankId: rank.id },
      ]) {
        expect((await g.call(g.officer, 'POST', '/characters/bulk-rank', { body })).status).toBe(400);
      }
    });

    it('forbidden paths', async () => {
      const rank = await g.ok(g.officer, 'POST', '/ranks', { body: { name: charName('Nope') } });
      await expectForbiddenPaths(g, {
        method: 'POST',
        path: '/characters/bulk-rank',
        body: { characterIds: [g.chars.member.id], rankId: rank.id },
        minTier: 'officer',
      });
      expect((await g.ok(g.readonly, 'GET', `/characters/${g.chars.member.id}`)).rankId).not.toBe(rank.id);
    });
  });

  describe('roster audit', () => {
    it('reports ownerless characters, members without characters, name clashes and inactive ranked characters', async () => {
      const f = await createGuild(t);
      const rank = await f.ok(f.officer, 'POST', '/ranks', { body: { name: 'Raider' } });
      const leaver = await f.newMember();
      const orphan = await f.character(leaver, charName('Orphan'));
      await f.character(leaver, charName('Retiredorphan'), { status: 'retired' });
      const idle = await f.character(f.member, charName('Idle'), { status: 'inactive', rankId: rank.id });
      const trident = await f.character(f.member, 'Trident');
      const tridnet = await f.character(f.officer, 'Tridnet');
      await f.character(f.admin); // the fixture gives every tier but admin a character
      const lonely = await f.newMember('trial');
      await f.newMember('applicant');
      expect((await http(t, f.owner, 'DELETE', `/api/v1/orgs/${f.slug}/members/${leaver.id}`)).status).toBe(204);

      const audit = await unwrap(
        f.officer.api.GET('/api/v1/orgs/{org}/dkp/roster-audit', { params: { path: { org: f.slug } } }),
      );
      expect(audit.charactersWithoutOwner).toEqual([
        expect.objectContaining({ id: orphan.id, userId: leaver.id, username: leaver.username, status: 'active' }),
      ]);
      expect(audit.membersWithoutCharacters).toEqual([{ userId: lonely.id, username: lonely.username, tier: 'trial' }]);
      expect(audit.nameClashes).toEqual([
        { characters: [expect.objectContaining({ id: trident.id }), expect.objectContaining({ id: tridnet.id })] },
      ]);
      expect(audit.inactiveStillRanked).toEqual([
        expect.objectContaining({ id: idle.id, rankId: rank.id, reason: 'character_inactive' }),
      ]);
      expect(Date.parse(audit.generatedAt)).not.toBeNaN();
    });

    it('forbidden paths', async () => {
      await expectForbiddenPaths(g, { method: 'GET', path: '/roster-audit', minTier: 'officer' });
    });
  });

  describe('lists are pages', () => {
    let f: Guild;
    beforeAll(async () => {
      f = await createGuild(t);
    });

    /** Walks every page with the SDK's paginator, two items at a time. */
    const walk = async <T>(fetchPage: (cursor?: string) => Promise<any>): Promise<T[]> => {
      const items: T[] = [];
      for await (const item of paginate<T>(fetchPage)) items.push(item);
      return items;
    };

    it('pools, by name', async () => {
      for (const name of ['Delta', 'Alpha', 'Charlie', 'Bravo'])
        await f.ok(f.owner, 'POST', '/pools', { body: { name } });
      const pools = await walk<{ name: string }>((cursor) =>
        f.readonly.api.GET('/api/v1/orgs/{org}/dkp/pools', {
          params: { path: { org: f.slug }, query: { limit: 2, cursor } },
        }),
      );
      expect(pools.map((p) => p.name)).toEqual(['Alpha', 'Bravo', 'Charlie', 'Delta', f.pool.name].sort());
      const first = await f.ok(f.readonly, 'GET', '/pools', { query: { limit: 2 } });
      expect(first.items).toHaveLength(2);
      expect(typeof first.nextCursor).toBe('string');
    });

    it('ranks, highest first', async () => {
      for (const [name, sortOrder] of [
        ['Recruit', 3],
        ['Officer', 0],
        ['Member', 2],
        ['Alt', 2],
        ['Leader', 0],
      ] as const)
        await f.ok(f.owner, 'POST', '/ranks', { body: { name, sortOrder } });
      const ranks = await walk<{ name: string }>((cursor) =>
        f.readonly.api.GET('/api/v1/orgs/{org}/dkp/ranks', {
          params: { path: { org: f.slug }, query: { limit: 2, cursor } },
        }),
      );
      expect(ranks.map((r) => r.name)).toEqual(['Leader', 'Officer', 'Alt', 'Member', 'Recruit']);
    });

    it('ownership history, oldest first', async () => {
      const owners = [await f.newMember(), await f.newMember(), await f.newMember()];
      const c = await f.character(f.member);
      for (const owner of [...owners, f.member])
        await f.ok(f.officer, 'POST', `/characters/${c.id}/reassign`, { body: { userId: owner.id } });
      const periods = await walk<{ userId: string }>((cursor) =>
        f.readonly.api.GET('/api/v1/orgs/{org}/dkp/characters/{id}/ownership-history', {
          params: { path: { org: f.slug, id: c.id }, query: { limit: 2, cursor } },
        }),
      );
      expect(periods.map((p) => p.userId)).toEqual([f.member.id, ...owners.map((o) => o.id), f.member.id]);
    });

    it('raid attendance, by character name', async () => {
      const users = [await f.newMember(), await f.newMember(), await f.newMember()];
      const names = ['Zulu', 'Mike', 'Alfa'].map((prefix) => charName(prefix));
      for (let i = 0; i < users.length; i++) await f.character(users[i], names[i]);
      const raid = await f.raid();
      await f.ok(f.officer, 'POST', `/raids/${raid.id}/attendance`, {
        body: { attendees: [...names, f.chars.member.name].map((name) => ({ name })) },
      });
      const rows = await walk<{ characterName: string }>((cursor) =>
        f.readonly.api.GET('/api/v1/orgs/{org}/dkp/raids/{id}/attendance', {
          params: { path: { org: f.slug, id: raid.id }, query: { limit: 2, cursor } },
        }),
      );
      expect(rows.map((r) => r.characterName)).toEqual([...names, f.chars.member.name].sort());
    });

    it('take the same limit and cursor checks as every list', async () => {
      const c = f.chars.member;
      const raid = await f.raid();
      for (const path of [
        '/pools',
        '/ranks',
        `/characters/${c.id}/ownership-history`,
        `/raids/${raid.id}/attendance`,
      ]) {
        for (const query of [{ limit: 0 }, { limit: 201 }, { cursor: 'garbage' }, { cursor: 'W1tdXQ' }]) {
          const res = await f.call(f.readonly, 'GET', path, { query });
          expect({ path, query, status: res.status }).toEqual({ path, query, status: 400 });
        }
      }
      // A cursor of the right arity but the wrong types is a 400, not a SQL error.
      const wrongTypes = Buffer.from(JSON.stringify(['x', 'not-a-uuid'])).toString('base64url');
      expect((await f.call(f.readonly, 'GET', '/pools', { query: { cursor: wrongTypes } })).status).toBe(400);
      const rankCursor = Buffer.from(JSON.stringify(['1', 'x', randomUUID()])).toString('base64url');
      expect((await f.call(f.readonly, 'GET', '/ranks', { query: { cursor: rankCursor } })).status).toBe(400);
    });
  });
});
