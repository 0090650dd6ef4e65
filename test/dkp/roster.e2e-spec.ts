import { randomUUID } from 'node:crypto';
import { charName, closeCheckingLedger, createGuild, expectForbiddenPaths, Guild } from '../support/dkp-fixtures';
import { startAppWith } from '../support/app-with';
import { registerUser, TestApp } from '../support/test-app';

describe('dkp roster (e2e)', () => {
  let t: TestApp;
  let g: Guild;
  beforeAll(async () => ({ t, g } = await startAppWith(createGuild)));
  afterAll(() => closeCheckingLedger(t));

  describe('characters CRUD', () => {
    it('officer creates, reads, updates and deletes; name is capitalized', async () => {
      const name = charName('zz').toLowerCase();
      const created = await g.ok(g.officer, 'POST', '/characters', {
        body: { name, characterClass: 'Shadow Knight', userId: g.member.id, level: 50 },
      });
      expect(created).toMatchObject({
        name: name[0].toUpperCase() + name.slice(1),
        characterClass: 'Shadow Knight',
        level: 50,
        status: 'active',
        userId: g.member.id,
        rankId: null,
        mainCharacterId: null,
      });
      expect(await g.ok(g.readonly, 'GET', `/characters/${created.id}`)).toMatchObject({ id: created.id });
      const updated = await g.ok(g.officer, 'PATCH', `/characters/${created.id}`, {
        body: { level: 60, status: 'inactive', name: 'RENAMED' + name.slice(0, 10) },
      });
      expect(updated).toMatchObject({ level: 60, status: 'inactive', name: 'Renamed' + name.slice(0, 10) });
      expect((await g.call(g.officer, 'DELETE', `/characters/${created.id}`)).status).toBe(204);
      expect((await g.call(g.officer, 'GET', `/characters/${created.id}`)).status).toBe(404);
    });

    it('defaults level to 1 and status to active', async () => {
      const c = await g.ok(g.officer, 'POST', '/characters', {
        body: { name: charName(), characterClass: 'Bard', userId: g.member.id },
      });
      expect(c).toMatchObject({ level: 1, status: 'active' });
    });

    it('forbidden paths', async () => {
      const body = { name: charName(), characterClass: 'Warrior', userId: g.member.id };
      await expectForbiddenPaths(g, { method: 'POST', path: '/characters', body, minTier: 'officer' });
      await expectForbiddenPaths(g, { method: 'GET', path: '/characters', minTier: 'readonly' });
      await expectForbiddenPaths(g, { method: 'GET', path: `/characters/${g.chars.member.id}`, minTier: 'readonly' });
      await expectForbiddenPaths(g, {
        method: 'PATCH',
        path: `/characters/${g.chars.member.id}`,
        body: { level: 2 },
        minTier: 'officer',
      });
      await expectForbiddenPaths(g, { method: 'DELETE', path: `/characters/${g.chars.member.id}`, minTier: 'officer' });
      await expectForbiddenPaths(g, {
        method: 'POST',
        path: `/characters/${g.chars.member.id}/reassign`,
        body: { userId: g.officer.id },
        minTier: 'officer',
      });
      await expectForbiddenPaths(g, {
        method: 'GET',
        path: `/characters/${g.chars.member.id}/ownership-history`,
        minTier: 'readonly',
      });
      await expectForbiddenPaths(g, {
        method: 'GET',
        path: `/characters/by-name/${g.chars.member.name}`,
        minTier: 'readonly',
      });
      await expectForbiddenPaths(g, { method: 'GET', path: '/ranks', minTier: 'readonly' });
      await expectForbiddenPaths(g, { method: 'POST', path: '/ranks', body: { name: 'Nope' }, minTier: 'officer' });
      // Nothing was created by the refused calls.
      expect((await g.call(g.owner, 'GET', `/characters/by-name/${body.name}`)).status).toBe(404);
      expect((await g.ok(g.member, 'GET', `/characters/${g.chars.member.id}`)).level).toBe(60);
    });

    it("another org's character id is a 404 everywhere", async () => {
      const other = await createGuild(t);
      const id = other.chars.member.id;
      expect((await g.call(g.owner, 'GET', `/characters/${id}`)).status).toBe(404);
      expect((await g.call(g.owner, 'PATCH', `/characters/${id}`, { body: { level: 2 } })).status).toBe(404);
      expect((await g.call(g.owner, 'DELETE', `/characters/${id}`)).status).toBe(404);
      expect(
        (await g.call(g.owner, 'POST', `/characters/${id}/reassign`, { body: { userId: g.member.id } })).status,
      ).toBe(404);
      expect((await g.call(g.owner, 'GET', `/characters/${id}/ownership-history`)).status).toBe(404);
      expect((await g.call(g.owner, 'GET', `/characters/by-name/${other.chars.member.name}`)).status).toBe(404);
      expect((await g.call(g.owner, 'GET', `/characters/${randomUUID()}`)).status).toBe(404);
      expect((await g.call(g.owner, 'GET', `/characters/not-a-uuid`)).status).toBe(400);
      // Main character of another org.
      expect(
        (
          await g.call(g.owner, 'POST', '/characters', {
            body: { name: charName(), characterClass: 'Monk', userId: g.member.id, mainCharacterId: id },
          })
        ).status,
      ).toBe(404);
      expect((await other.ok(other.owner, 'GET', `/characters/${id}`)).id).toBe(id);
    });
  });

  describe('names', () => {
    it('are unique per org case-insensitively; the same name is fine in another org', async () => {
      const name = charName('Dup');
      await g.character(g.member, name);
      for (const variant of [name, name.toUpperCase(), name.toLowerCase()]) {
        const res = await g.call(g.officer, 'POST', '/characters', {
          body: { name: variant, characterClass: 'Cleric', userId: g.officer.id },
        });
        expect(res.status).toBe(409);
        expect(res.body.type).toMatch(/character-name-taken$/);
      }
      // Renaming onto a taken name is a 409 too.
      const res = await g.call(g.officer, 'PATCH', `/characters/${g.chars.officer.id}`, {
        body: { name: name.toLowerCase() },
      });
      expect(res.status).toBe(409);
      expect(res.body.type).toMatch(/character-name-taken$/);
      const other = await createGuild(t);
      expect((await other.character(other.member, name.toUpperCase())).name).toBe(
        name[0].toUpperCase() + name.slice(1).toLowerCase(),
      );
    });

    it('by-name lookup works in any case', async () => {
      const c = g.chars.member;
      for (const variant of [c.name, c.name.toUpperCase(), c.name.toLowerCase()]) {
        expect((await g.ok(g.readonly, 'GET', `/characters/by-name/${variant}`)).id).toBe(c.id);
      }
      expect((await g.call(g.readonly, 'GET', '/characters/by-name/Nobodyhere')).status).toBe(404);
    });

    it('invalid names and classes are 400', async () => {
      for (const name of ['a', 'has space', 'Dash-ed', 'Num1', 'x'.repeat(33), '']) {
        const res = await g.call(g.officer, 'POST', '/characters', {
          body: { name, characterClass: 'Warrior', userId: g.member.id },
        });
        expect({ name, status: res.status }).toEqual({ name, status: 400 });
        expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      }
      expect(
        (
          await g.call(g.officer, 'POST', '/characters', {
            body: { name: charName(), characterClass: '', userId: g.member.id },
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await g.call(g.officer, 'POST', '/characters', {
            body: { name: charName(), characterClass: 'Warrior', userId: g.member.id, level: 0 },
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await g.call(g.officer, 'POST', '/characters', {
            body: { name: charName(), characterClass: 'Warrior', userId: g.member.id, status: 'dead' },
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await g.call(g.officer, 'POST', '/characters', {
            body: { name: charName(), characterClass: 'Warrior', userId: g.member.id, extra: 1 },
          })
        ).status,
      ).toBe(400);
    });
  });

  describe('listing', () => {
    let f: Guild;
    let rank: { id: string };
    beforeAll(async () => {
      f = await createGuild(t);
      rank = await f.ok(f.officer, 'POST', '/ranks', { body: { name: 'Raider', sortOrder: 1 } });
      // fixture chars: 4 Warriors level 60, named Char...
      await f.character(f.member, 'Alpha', { characterClass: 'Cleric', level: 10, rankId: rank.id });
      await f.character(f.member, 'Bravo', { characterClass: 'cleric', level: 20, status: 'inactive' });
      await f.character(f.officer, 'Charlie', { characterClass: 'Wizard', level: 30, rankId: rank.id });
      await f.character(f.officer, 'Alphonse', { characterClass: 'Wizard', level: 40, status: 'retired' });
    });

    const list = (query: Record<string, unknown>) => f.ok(f.readonly, 'GET', '/characters', { query });

    it('filters by class (any case), rank, status and owner', async () => {
      expect((await list({ characterClass: 'CLERIC' })).items.map((c: any) => c.name)).toEqual(['Alpha', 'Bravo']);
      expect((await list({ rankId: rank.id })).items.map((c: any) => c.name)).toEqual(['Alpha', 'Charlie']);
      expect((await list({ status: 'inactive' })).items.map((c: any) => c.name)).toEqual(['Bravo']);
      expect((await list({ status: 'retired' })).items.map((c: any) => c.name)).toEqual(['Alphonse']);
      const mine = await list({ userId: f.member.id });
      expect(mine.items.map((c: any) => c.name).sort()).toEqual(['Alpha', 'Bravo', f.chars.member.name].sort());
      expect(mine.total).toBe(3);
      expect((await list({ characterClass: 'Wizard', status: 'active' })).items.map((c: any) => c.name)).toEqual([
        'Charlie',
      ]);
    });

    it('searches by name substring, any case, with LIKE wildcards taken literally', async () => {
      expect((await list({ search: 'ALPH' })).items.map((c: any) => c.name)).toEqual(['Alpha', 'Alphonse']);
      expect((await list({ search: 'ph' })).total).toBe(2);
      expect((await list({ search: '%' })).total).toBe(0);
      expect((await list({ search: '_' })).total).toBe(0);
    });

    it('orders by name, level, class and joinedAt in both directions', async () => {
      const all = await list({ limit: 200 });
      expect(all.total).toBe(8);
      const names = all.items.map((c: any) => c.name);
      expect(names).toEqual([...names].sort((a: string, b: string) => a.toLowerCase().localeCompare(b.toLowerCase())));
      const byLevelDesc = (await list({ orderBy: 'level', order: 'desc', search: 'a' })).items.map((c: any) => c.level);
      expect(byLevelDesc).toEqual([...byLevelDesc].sort((a: number, b: number) => b - a));
      const levels = (await list({ orderBy: 'level', characterClass: 'wizard' })).items.map((c: any) => c.name);
      expect(levels).toEqual(['Charlie', 'Alphonse']);
      const desc = (await list({ orderBy: 'name', order: 'desc', characterClass: 'cleric' })).items.map(
        (c: any) => c.name,
      );
      expect(desc).toEqual(['Bravo', 'Alpha']);
      expect((await list({ orderBy: 'characterClass', search: 'alph' })).items.map((c: any) => c.name)).toEqual([
        'Alpha',
        'Alphonse',
      ]);
      expect((await list({ orderBy: 'joinedAt', order: 'desc', limit: 1 })).items[0].name).toBe('Alphonse');
      expect((await f.call(f.readonly, 'GET', '/characters', { query: { orderBy: 'password' } })).status).toBe(400);
      expect((await f.call(f.readonly, 'GET', '/characters', { query: { order: 'sideways' } })).status).toBe(400);
    });

    it('pages by offset with a total', async () => {
      const all = (await list({ limit: 200 })).items.map((c: any) => c.id);
      const seen: string[] = [];
      for (let offset = 0; offset < 8; offset += 3) {
        const page = await list({ limit: 3, offset });
        expect(page.total).toBe(8);
        seen.push(...page.items.map((c: any) => c.id));
      }
      expect(seen).toEqual(all);
      expect((await list({ limit: 3, offset: 100 })).items).toEqual([]);
      expect((await f.call(f.readonly, 'GET', '/characters', { query: { limit: 0 } })).status).toBe(400);
      expect((await f.call(f.readonly, 'GET', '/characters', { query: { limit: 201 } })).status).toBe(400);
      expect((await f.call(f.readonly, 'GET', '/characters', { query: { offset: -1 } })).status).toBe(400);
    });
  });

  describe('main and alt', () => {
    it('links an alt to a main of the same user only, never to an alt', async () => {
      const main = await g.character(g.member);
      const alt = await g.ok(g.officer, 'POST', '/characters', {
        body: { name: charName(), characterClass: 'Rogue', userId: g.member.id, mainCharacterId: main.id },
      });
      expect(alt.mainCharacterId).toBe(main.id);
      // Alt of another user's character.
      const foreign = await g.call(g.officer, 'POST', '/characters', {
        body: { name: charName(), characterClass: 'Rogue', userId: g.officer.id, mainCharacterId: main.id },
      });
      expect(foreign.status).toBe(400);
      expect(foreign.body.errors).toEqual([expect.objectContaining({ path: 'mainCharacterId' })]);
      // Alt of an alt.
      const chained = await g.call(g.officer, 'POST', '/characters', {
        body: { name: charName(), characterClass: 'Rogue', userId: g.member.id, mainCharacterId: alt.id },
      });
      expect(chained.status).toBe(400);
      // Own main.
      expect(
        (await g.call(g.officer, 'PATCH', `/characters/${main.id}`, { body: { mainCharacterId: main.id } })).status,
      ).toBe(400);
      // Via PATCH too.
      const second = await g.character(g.member);
      expect(
        (await g.call(g.officer, 'PATCH', `/characters/${second.id}`, { body: { mainCharacterId: alt.id } })).status,
      ).toBe(400);
      expect(
        (await g.call(g.officer, 'PATCH', `/characters/${g.chars.officer.id}`, { body: { mainCharacterId: main.id } }))
          .status,
      ).toBe(400);
      expect(
        (await g.ok(g.officer, 'PATCH', `/characters/${second.id}`, { body: { mainCharacterId: main.id } }))
          .mainCharacterId,
      ).toBe(main.id);
      expect(
        (await g.ok(g.officer, 'PATCH', `/characters/${second.id}`, { body: { mainCharacterId: null } }))
          .mainCharacterId,
      ).toBeNull();
      // Deleting the main unlinks its alts.
      expect((await g.call(g.officer, 'DELETE', `/characters/${main.id}`)).status).toBe(204);
      expect((await g.ok(g.member, 'GET', `/characters/${alt.id}`)).mainCharacterId).toBeNull();
    });
  });

  describe('owner', () => {
    it('must be a member of the org (404 otherwise)', async () => {
      const stranger = await registerUser(t, 'str');
      expect(
        (
          await g.call(g.officer, 'POST', '/characters', {
            body: { name: charName(), characterClass: 'Monk', userId: stranger.id },
          })
        ).status,
      ).toBe(404);
      expect(
        (
          await g.call(g.officer, 'POST', '/characters', {
            body: { name: charName(), characterClass: 'Monk', userId: randomUUID() },
          })
        ).status,
      ).toBe(404);
      expect(
        (
          await g.call(g.officer, 'POST', `/characters/${g.chars.member.id}/reassign`, {
            body: { userId: stranger.id },
          })
        ).status,
      ).toBe(404);
      expect(
        (
          await g.call(g.officer, 'POST', `/characters/${g.chars.member.id}/reassign`, {
            body: { userId: g.outsider.id },
          })
        ).status,
      ).toBe(404);
    });

    it('reassign moves the character, records two ownership periods and undoes alt links', async () => {
      const from = await g.newMember();
      const to = await g.newMember();
      const main = await g.character(from);
      const alt = await g.character(from, charName(), { mainCharacterId: main.id });
      const moved = await g.ok(g.officer, 'POST', `/characters/${alt.id}/reassign`, {
        body: { userId: to.id, reason: 'sold to guildmate' },
      });
      expect(moved).toMatchObject({ id: alt.id, userId: to.id, mainCharacterId: null });
      const history = (await g.ok(g.readonly, 'GET', `/characters/${alt.id}/ownership-history`)).items;
      expect(history).toHaveLength(2);
      expect(history[0]).toMatchObject({ userId: from.id, username: from.username, reason: 'created' });
      expect(history[0].ownedUntil).not.toBeNull();
      expect(history[1]).toMatchObject({
        userId: to.id,
        username: to.username,
        ownedUntil: null,
        reason: 'sold to guildmate',
        actorUserId: g.officer.id,
      });
      expect(history[1].ownedFrom).toBe(history[0].ownedUntil);
      // Same owner again: 409.
      const again = await g.call(g.officer, 'POST', `/characters/${alt.id}/reassign`, { body: { userId: to.id } });
      expect(again.status).toBe(409);
      expect(again.body.type).toMatch(/already-owner$/);
      expect((await g.ok(g.readonly, 'GET', `/characters/${alt.id}/ownership-history`)).items).toHaveLength(2);
      // Reassigning a main unlinks its alts.
      const alt2 = await g.character(from, charName(), { mainCharacterId: main.id });
      await g.ok(g.officer, 'POST', `/characters/${main.id}/reassign`, { body: { userId: to.id } });
      expect((await g.ok(g.member, 'GET', `/characters/${alt2.id}`)).mainCharacterId).toBeNull();
      expect((await g.call(g.officer, 'POST', `/characters/${main.id}/reassign`, { body: {} })).status).toBe(400);
    });
  });

  describe('ranks', () => {
    it('CRUD with order and Discord role id validation', async () => {
      const f = await createGuild(t);
      const officer = await f.ok(f.officer, 'POST', '/ranks', {
        body: { name: 'Officer', sortOrder: 0, discordRoleId: '123456789012345678' },
      });
      const raider = await f.ok(f.officer, 'POST', '/ranks', { body: { name: 'Raider', sortOrder: 2 } });
      const recruit = await f.ok(f.officer, 'POST', '/ranks', { body: { name: 'Recruit', sortOrder: 1 } });
      expect(officer).toMatchObject({ name: 'Officer', sortOrder: 0, discordRoleId: '123456789012345678' });
      expect(raider.discordRoleId).toBeNull();
      expect((await f.ok(f.readonly, 'GET', '/ranks')).items.map((r: any) => r.name)).toEqual([
        'Officer',
        'Recruit',
        'Raider',
      ]);
      for (const discordRoleId of ['abc', '123', '1'.repeat(21), 1234567890123]) {
        expect((await f.call(f.officer, 'POST', '/ranks', { body: { name: 'Bad', discordRoleId } })).status).toBe(400);
        expect((await f.call(f.officer, 'PATCH', `/ranks/${raider.id}`, { body: { discordRoleId } })).status).toBe(400);
      }
      expect((await f.call(f.officer, 'POST', '/ranks', { body: { name: 'Bad', sortOrder: -1 } })).status).toBe(400);
      expect((await f.call(f.officer, 'POST', '/ranks', { body: { name: '' } })).status).toBe(400);
      const dup = await f.call(f.officer, 'POST', '/ranks', { body: { name: 'Raider' } });
      expect(dup.status).toBe(409);
      const patched = await f.ok(f.officer, 'PATCH', `/ranks/${raider.id}`, {
        body: { discordRoleId: '98765432109876543', sortOrder: 5 },
      });
      expect(patched).toMatchObject({ discordRoleId: '98765432109876543', sortOrder: 5 });
      expect(
        (await f.ok(f.officer, 'PATCH', `/ranks/${raider.id}`, { body: { discordRoleId: null } })).discordRoleId,
      ).toBeNull();
      expect((await f.call(f.member, 'PATCH', `/ranks/${raider.id}`, { body: { sortOrder: 1 } })).status).toBe(403);
      expect((await f.call(f.member, 'DELETE', `/ranks/${raider.id}`)).status).toBe(403);
      expect((await g.call(g.owner, 'PATCH', `/ranks/${raider.id}`, { body: { sortOrder: 1 } })).status).toBe(404);
      expect((await g.call(g.owner, 'DELETE', `/ranks/${raider.id}`)).status).toBe(404);
      // A rank of another org cannot be given to a character.
      expect(
        (await g.call(g.officer, 'PATCH', `/characters/${g.chars.member.id}`, { body: { rankId: raider.id } })).status,
      ).toBe(404);
      // Deleting a rank keeps its characters, without a rank.
      const c = await f.character(f.member, charName(), { rankId: recruit.id });
      expect((await f.call(f.officer, 'DELETE', `/ranks/${recruit.id}`)).status).toBe(204);
      expect((await f.ok(f.member, 'GET', `/characters/${c.id}`)).rankId).toBeNull();
      expect((await f.ok(f.readonly, 'GET', '/ranks')).items.map((r: any) => r.name)).toEqual(['Officer', 'Raider']);
    });
  });
});
