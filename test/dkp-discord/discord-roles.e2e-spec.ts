import { randomInt } from 'node:crypto';
import { charName, createGuild, Guild, http } from '../support/dkp-fixtures';
import { addMember, registerUser, startTestApp, TestApp, TestUser, unique } from '../support/test-app';

interface MemberState {
  userId: string;
  discordId: string;
  roles: string[];
}

/** A random 18-digit Discord snowflake. */
const snowflake = () => String(randomInt(1, 9)) + Array.from({ length: 17 }, () => randomInt(0, 10)).join('');

describe('dkp discord role authority (e2e)', () => {
  let t: TestApp;
  let g: Guild;
  let syncBot: { apiKey: string };
  let writeBot: { apiKey: string };
  const roles = {
    officerRank: snowflake(),
    raiderRank: snowflake(),
    raiderExtra: snowflake(),
    member: snowflake(),
    trial: snowflake(),
  };
  let ranks: { officer: { id: string }; raider: { id: string }; alt: { id: string } };

  const botKey = async (scopes: string[]) => {
    const res = await http(t, g.owner, 'POST', `/api/v1/orgs/${g.slug}/bot-keys`, {
      body: { name: unique('bot'), scopes, rateLimitTier: 'standard' },
    });
    expect(res.status).toBe(201);
    return { apiKey: res.body.key as string };
  };
  const outbox = (
    type: string,
    where: { key: string; value: string },
  ): Promise<{ payload: Record<string, unknown> }[]> =>
    t.db.query(
      `SELECT payload FROM outbox_events WHERE org_id = $1 AND type = $2 AND payload->>'${where.key}' = $3 ORDER BY created_at`,
      [g.orgId, type, where.value],
    );
  const link = (who: TestUser, userId: string, discordId: string) =>
    g.call(who, 'POST', '/discord/link-member', { body: { userId, discordId } });

  beforeAll(async () => {
    t = await startTestApp();
    g = await createGuild(t);
    syncBot = await botKey(['roster:sync']);
    writeBot = await botKey(['dkp:write']);
    ranks = {
      officer: await g.ok(g.owner, 'POST', '/ranks', {
        body: { name: 'Officer', sortOrder: 1, discordRoleId: roles.officerRank },
      }),
      raider: await g.ok(g.owner, 'POST', '/ranks', {
        body: { name: 'Raider', sortOrder: 5, discordRoleId: roles.raiderRank },
      }),
      alt: await g.ok(g.owner, 'POST', '/ranks', { body: { name: 'Alt', sortOrder: 9 } }),
    };
  });
  afterAll(() => t.close());

  describe('role mappings', () => {
    it('lists rank roles and mappings; officers manage mappings', async () => {
      const memberRole = await g.ok(g.officer, 'POST', '/discord/role-mappings', {
        body: { kind: 'tier', tier: 'member', andAbove: true, discordRoleId: roles.member, label: 'Member' },
      });
      expect(memberRole).toMatchObject({
        kind: 'tier',
        tier: 'member',
        andAbove: true,
        rankId: null,
        discordRoleId: roles.member,
        label: 'Member',
      });
      await g.ok(g.officer, 'POST', '/discord/role-mappings', {
        body: { kind: 'tier', tier: 'trial', discordRoleId: roles.trial },
      });
      const extra = await g.ok(g.officer, 'POST', '/discord/role-mappings', {
        body: { kind: 'rank', rankId: ranks.raider.id, discordRoleId: roles.raiderExtra },
      });
      expect(extra).toMatchObject({ kind: 'rank', rankId: ranks.raider.id, rankName: 'Raider', tier: null });

      const all = await g.ok(syncBot, 'GET', '/discord/roles');
      expect(all.managedRoleIds).toEqual(Object.values(roles).sort());
      expect(all.ranks.map((r: { rankName: string; discordRoleId: string }) => [r.rankName, r.discordRoleId])).toEqual([
        ['Officer', roles.officerRank],
        ['Raider', roles.raiderRank],
      ]);
      expect(all.mappings).toHaveLength(3);
      expect(await g.ok(g.officer, 'GET', '/discord/role-mappings')).toHaveLength(3);
    });

    it('refuses duplicates and inconsistent mappings; updates and deletes', async () => {
      const dup = await g.call(g.officer, 'POST', '/discord/role-mappings', {
        body: { kind: 'tier', tier: 'member', discordRoleId: roles.member },
      });
      expect(dup.status).toBe(409);
      expect(dup.body.type).toMatch(/discord-role-mapping-exists$/);
      expect(dup.body.field).toBe('discordRoleId');
      expect(
        (
          await g.call(g.officer, 'POST', '/discord/role-mappings', {
            body: { kind: 'rank', discordRoleId: snowflake() },
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await g.call(g.officer, 'POST', '/discord/role-mappings', {
            body: { kind: 'rank', rankId: ranks.alt.id, tier: 'member', discordRoleId: snowflake() },
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await g.call(g.officer, 'POST', '/discord/role-mappings', {
            body: { kind: 'tier', tier: 'member', discordRoleId: 'not-a-role' },
          })
        ).status,
      ).toBe(400);
      const temp = await g.ok(g.officer, 'POST', '/discord/role-mappings', {
        body: { kind: 'tier', tier: 'readonly', discordRoleId: snowflake() },
      });
      expect(
        await g.ok(g.officer, 'PATCH', `/discord/role-mappings/${temp.id}`, {
          body: { label: 'Lurker', andAbove: true },
        }),
      ).toMatchObject({ label: 'Lurker', andAbove: true });
      expect((await g.call(g.officer, 'DELETE', `/discord/role-mappings/${temp.id}`)).status).toBe(204);
      expect((await g.call(g.officer, 'DELETE', `/discord/role-mappings/${temp.id}`)).status).toBe(404);
      const other = await createGuild(t);
      expect(
        (
          await g.call(g.owner, 'PATCH', `/discord/role-mappings/${temp.id}`, {
            body: { label: 'x' },
            slug: other.slug,
          })
        ).status,
      ).toBe(404);
    });

    it('forbidden paths', async () => {
      const body = { kind: 'tier', tier: 'member', discordRoleId: snowflake() };
      expect((await g.call(g.member, 'POST', '/discord/role-mappings', { body })).status).toBe(403);
      expect((await g.call(syncBot, 'POST', '/discord/role-mappings', { body })).status).toBe(403);
      expect((await g.call(g.member, 'GET', '/discord/roles')).status).toBe(403);
      expect((await g.call({ apiKey: g.readBotKey }, 'GET', '/discord/roles')).status).toBe(403);
      expect((await g.call(g.outsider, 'GET', '/discord/roles')).status).toBe(404);
      expect((await g.call(g.owner, 'GET', '/discord/roles', { slug: g.noDkpSlug })).status).toBe(404);
      expect((await g.call(null, 'GET', '/discord/roles')).status).toBe(401);
      expect(
        (await g.ok(g.owner, 'GET', '/discord/role-mappings')).map((m: { discordRoleId: string }) => m.discordRoleId),
      ).not.toContain(body.discordRoleId);
    });
  });

  describe('desired-state roster', () => {
    const ids = { member: snowflake(), officer: snowflake(), trial: snowflake() };
    let trial: TestUser;
    let roster: { rosterVersion: string; managedRoleIds: string[]; members: MemberState[] };

    beforeAll(async () => {
      // member: Raider on the main; an inactive Officer-rank alt must not count; an active Alt-rank alt ranks lower.
      await g.ok(g.officer, 'PATCH', `/characters/${g.chars.member.id}`, { body: { rankId: ranks.raider.id } });
      await g.character(g.member, charName('Alt'), {
        rankId: ranks.officer.id,
        status: 'inactive',
        mainCharacterId: g.chars.member.id,
      });
      await g.character(g.member, charName('Alt'), { rankId: ranks.alt.id, mainCharacterId: g.chars.member.id });
      await g.ok(g.owner, 'PATCH', `/characters/${g.chars.officer.id}`, { body: { rankId: ranks.officer.id } });
      trial = await g.newMember('trial');
      expect((await link(g.owner, g.member.id, ids.member)).status).toBe(200);
      expect((await link(g.owner, g.officer.id, ids.officer)).status).toBe(200);
      expect((await link(g.officer, trial.id, ids.trial)).status).toBe(200);
      roster = await g.ok(syncBot, 'GET', '/discord/roster');
    });

    it('gives each linked member the roles of their highest active rank and their tier', async () => {
      const byDiscord = Object.fromEntries(roster.members.map((m) => [m.discordId, m]));
      expect(byDiscord[ids.member]).toEqual({
        userId: g.member.id,
        discordId: ids.member,
        username: g.member.username,
        tier: 'member',
        mainCharacterName: g.chars.member.name,
        rankId: ranks.raider.id,
        rankName: 'Raider',
        roles: [roles.member, roles.raiderExtra, roles.raiderRank].sort(),
      });
      expect(byDiscord[ids.officer]).toMatchObject({
        userId: g.officer.id,
        rankName: 'Officer',
        mainCharacterName: g.chars.officer.name,
        roles: [roles.member, roles.officerRank].sort(),
      });
      expect(byDiscord[ids.trial]).toMatchObject({
        userId: trial.id,
        tier: 'trial',
        rankId: null,
        mainCharacterName: null,
        roles: [roles.trial],
      });
      expect(roster.managedRoleIds).toEqual(Object.values(roles).sort());
      expect(roster.rosterVersion).toEqual(expect.any(String));
    });

    it('leaves out members without a Discord link', () => {
      const userIds = roster.members.map((m) => m.userId);
      expect(userIds).not.toContain(g.readonly.id);
      expect(userIds).not.toContain(g.admin.id);
      expect(roster.members).toHaveLength(3);
    });

    it('looks one member up by Discord id', async () => {
      const one = await g.ok(g.officer, 'GET', `/discord/members/${ids.member}`);
      expect(one).toMatchObject({
        userId: g.member.id,
        roles: [roles.member, roles.raiderExtra, roles.raiderRank].sort(),
        managedRoleIds: Object.values(roles).sort(),
      });
      expect((await g.call(syncBot, 'GET', `/discord/members/${snowflake()}`)).status).toBe(404);
      // A member of another org, linked there: not found here.
      const other = await createGuild(t);
      const stranger = snowflake();
      expect(
        (
          await other.call(other.owner, 'POST', '/discord/link-member', {
            body: { userId: other.member.id, discordId: stranger },
          })
        ).status,
      ).toBe(200);
      expect((await other.ok(other.owner, 'GET', `/discord/members/${stranger}`)).userId).toBe(other.member.id);
      expect((await g.call(g.owner, 'GET', `/discord/members/${stranger}`)).status).toBe(404);
    });

    it('changes the version (ETag) when a rank changes, and answers 304 while it does not', async () => {
      const first = await g.call(syncBot, 'GET', '/discord/roster');
      const etag = first.headers.get('etag')!;
      expect(etag).toBe(`"${first.body.rosterVersion}"`);
      const again = await g.call(syncBot, 'GET', '/discord/roster', { headers: { 'if-none-match': etag } });
      expect(again.status).toBe(304);
      expect(again.body).toBeUndefined();

      await g.ok(g.officer, 'PATCH', `/characters/${g.chars.member.id}`, { body: { rankId: ranks.officer.id } });
      const changed = await g.call(syncBot, 'GET', '/discord/roster', { headers: { 'if-none-match': etag } });
      expect(changed.status).toBe(200);
      expect(changed.body.rosterVersion).not.toBe(first.body.rosterVersion);
      expect((changed.body.members as MemberState[]).find((m) => m.discordId === ids.member)!.roles).toEqual(
        [roles.member, roles.officerRank].sort(),
      );

      const events = await outbox('dkp.character.rank_changed', { key: 'characterId', value: g.chars.member.id });
      expect(events.at(-1)!.payload).toMatchObject({
        userId: g.member.id,
        discordId: ids.member,
        oldRankId: ranks.raider.id,
        newRankId: ranks.officer.id,
      });

      // A rank's own role changing is a roster change too (and announced).
      const newRole = snowflake();
      await g.ok(g.owner, 'PATCH', `/ranks/${ranks.officer.id}`, { body: { discordRoleId: newRole } });
      const afterRankRole = await g.ok(syncBot, 'GET', '/discord/roster');
      expect(afterRankRole.rosterVersion).not.toBe(changed.body.rosterVersion);
      expect(afterRankRole.managedRoleIds).toContain(newRole);
      expect(
        (await outbox('dkp.rank.discord_role_changed', { key: 'rankId', value: ranks.officer.id })).at(-1)!.payload,
      ).toMatchObject({ oldDiscordRoleId: roles.officerRank, newDiscordRoleId: newRole });
      await g.ok(g.owner, 'PATCH', `/ranks/${ranks.officer.id}`, { body: { discordRoleId: roles.officerRank } });
      await g.ok(g.officer, 'PATCH', `/characters/${g.chars.member.id}`, { body: { rankId: ranks.raider.id } });
    });

    it('drops rank roles when the character goes inactive, and announces the status change', async () => {
      await g.ok(g.officer, 'PATCH', `/characters/${g.chars.officer.id}`, { body: { status: 'inactive' } });
      const officer = await g.ok(syncBot, 'GET', `/discord/members/${ids.officer}`);
      expect(officer).toMatchObject({ rankId: null, roles: [roles.member] });
      const [event] = await outbox('dkp.character.status_changed', { key: 'characterId', value: g.chars.officer.id });
      expect(event.payload).toMatchObject({
        userId: g.officer.id,
        discordId: ids.officer,
        oldStatus: 'active',
        newStatus: 'inactive',
      });
      await g.ok(g.officer, 'PATCH', `/characters/${g.chars.officer.id}`, { body: { status: 'active' } });
    });

    it('records no event when the update fails', async () => {
      const before = await outbox('dkp.character.rank_changed', { key: 'characterId', value: g.chars.member.id });
      const other = await createGuild(t);
      const otherRank = await other.ok(other.owner, 'POST', '/ranks', { body: { name: 'Foreign' } });
      expect(
        (await g.call(g.officer, 'PATCH', `/characters/${g.chars.member.id}`, { body: { rankId: otherRank.id } }))
          .status,
      ).toBe(404);
      expect(
        (
          await g.call(g.officer, 'PATCH', `/characters/${g.chars.member.id}`, {
            body: { rankId: ranks.alt.id, mainCharacterId: g.chars.member.id },
          })
        ).status,
      ).toBe(400);
      expect(await outbox('dkp.character.rank_changed', { key: 'characterId', value: g.chars.member.id })).toHaveLength(
        before.length,
      );
      // A PATCH that changes neither rank nor status announces nothing either.
      await g.ok(g.officer, 'PATCH', `/characters/${g.chars.member.id}`, {
        body: { level: 61, rankId: ranks.raider.id },
      });
      expect(await outbox('dkp.character.rank_changed', { key: 'characterId', value: g.chars.member.id })).toHaveLength(
        before.length,
      );
    });

    it('announces a reassignment in its transaction (and nothing when it fails)', async () => {
      const c = await g.character(g.member, charName('Moved'), { rankId: ranks.raider.id });
      expect(
        (await g.call(g.officer, 'POST', `/characters/${c.id}/reassign`, { body: { userId: g.member.id } })).status,
      ).toBe(409);
      expect(await outbox('dkp.character.reassigned', { key: 'characterId', value: c.id })).toHaveLength(0);
      await g.ok(g.officer, 'POST', `/characters/${c.id}/reassign`, { body: { userId: g.officer.id, reason: 'sold' } });
      const events = await outbox('dkp.character.reassigned', { key: 'characterId', value: c.id });
      expect(events).toHaveLength(1);
      expect(events[0].payload).toMatchObject({
        fromUserId: g.member.id,
        fromDiscordId: ids.member,
        toUserId: g.officer.id,
        toDiscordId: ids.officer,
        reason: 'sold',
        rankId: ranks.raider.id,
      });
    });

    it('forbidden paths', async () => {
      for (const path of ['/discord/roster', `/discord/members/${ids.member}`, '/discord/audit-log']) {
        expect({ path, status: (await g.call(g.member, 'GET', path)).status }).toEqual({ path, status: 403 });
        expect({ path, status: (await g.call(g.readonly, 'GET', path)).status }).toEqual({ path, status: 403 });
        const noScope = await g.call({ apiKey: g.readBotKey }, 'GET', path);
        expect({ path, status: noScope.status, type: noScope.body.type }).toEqual({
          path,
          status: 403,
          type: expect.stringMatching(/insufficient-scope$/),
        });
        expect({ path, status: (await g.call(g.outsider, 'GET', path)).status }).toEqual({ path, status: 404 });
        expect({ path, status: (await g.call(g.owner, 'GET', path, { slug: g.noDkpSlug })).status }).toEqual({
          path,
          status: 404,
        });
        expect({ path, status: (await g.call(null, 'GET', path)).status }).toEqual({ path, status: 401 });
        expect({ path, status: (await g.call(syncBot, 'GET', path)).status }).toEqual({ path, status: 200 });
        expect({ path, status: (await g.call(g.officer, 'GET', path)).status }).toEqual({ path, status: 200 });
      }
      // Another org's bot key is a stranger here.
      const other = await createGuild(t);
      const otherBot = await http(t, other.owner, 'POST', `/api/v1/orgs/${other.slug}/bot-keys`, {
        body: { name: 'x', scopes: ['roster:sync'], rateLimitTier: 'standard' },
      });
      expect((await g.call({ apiKey: otherBot.body.key }, 'GET', '/discord/roster')).status).toBe(404);
    });
  });

  describe('sync reports and the audit log', () => {
    const a = snowflake();
    const b = snowflake();
    const unknown = snowflake();

    it('records what the bot applied, once per Idempotency-Key', async () => {
      await link(g.owner, g.readonly.id, a);
      const body = {
        results: [
          { discordId: a, added: [roles.member], removed: [], ok: true },
          { discordId: unknown, added: [], removed: [roles.trial], ok: false, error: 'Missing Permissions' },
        ],
      };
      const headers = { 'idempotency-key': unique('sync') };
      const first = await g.call(syncBot, 'POST', '/discord/sync-roles', { body, headers });
      expect(first.status).toBe(201);
      expect(first.body).toEqual({ recorded: 2, failed: 1, unknownDiscordIds: [unknown] });
      const replay = await g.call(syncBot, 'POST', '/discord/sync-roles', { body, headers });
      expect(replay.status).toBe(201);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(replay.body).toEqual(first.body);
      const changedBody = await g.call(syncBot, 'POST', '/discord/sync-roles', {
        body: { results: [body.results[0]] },
        headers,
      });
      expect(changedBody.status).toBe(422);

      const logA = await g.ok(g.officer, 'GET', '/discord/audit-log', { query: { discordId: a, action: 'sync' } });
      expect(logA.items).toHaveLength(1);
      expect(logA.items[0]).toMatchObject({
        action: 'sync',
        discordId: a,
        userId: g.readonly.id,
        added: [roles.member],
        removed: [],
        ok: true,
        error: null,
        actorUserId: null,
        apiKeyId: expect.any(String),
      });
      const logUnknown = await g.ok(g.officer, 'GET', '/discord/audit-log', { query: { discordId: unknown } });
      expect(logUnknown.items).toEqual([
        expect.objectContaining({ userId: null, ok: false, error: 'Missing Permissions', removed: [roles.trial] }),
      ]);

      const [reported] = await t.db.query(
        `SELECT payload FROM outbox_events WHERE org_id = $1 AND type = 'dkp.roles.sync_reported' AND payload->'results'->0->>'discordId' = $2`,
        [g.orgId, a],
      );
      expect(reported.payload).toMatchObject({
        failed: 1,
        results: [
          expect.objectContaining({ discordId: a, userId: g.readonly.id }),
          expect.objectContaining({ discordId: unknown, userId: null }),
        ],
      });
      expect(
        await t.db.query(
          `SELECT 1 FROM outbox_events WHERE org_id = $1 AND type = 'dkp.roles.sync_reported' AND payload->'results'->0->>'discordId' = $2`,
          [g.orgId, a],
        ),
      ).toHaveLength(1);
    });

    it('validates reports', async () => {
      const bad = async (body: unknown) => (await g.call(syncBot, 'POST', '/discord/sync-roles', { body })).status;
      expect(await bad({ results: [] })).toBe(400);
      expect(await bad({ results: [{ discordId: 'abc', added: [], removed: [], ok: true }] })).toBe(400);
      expect(await bad({ results: [{ discordId: b, added: ['x'], removed: [], ok: true }] })).toBe(400);
      expect(await bad({ results: [{ discordId: b, added: [], removed: [], ok: true, extra: 1 }] })).toBe(400);
      expect((await g.ok(g.officer, 'GET', '/discord/audit-log', { query: { discordId: b } })).items).toEqual([]);
      expect(
        (
          await g.call(g.member, 'POST', '/discord/sync-roles', {
            body: { results: [{ discordId: b, added: [], removed: [], ok: true }] },
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await g.call({ apiKey: g.readBotKey }, 'POST', '/discord/sync-roles', {
            body: { results: [{ discordId: b, added: [], removed: [], ok: true }] },
          })
        ).status,
      ).toBe(403);
    });

    it('pages the audit log by cursor, newest first', async () => {
      for (let i = 0; i < 5; i++) {
        await g.ok(g.officer, 'POST', '/discord/sync-roles', {
          body: { results: [{ discordId: b, added: [String(100000000000000 + i)], removed: [], ok: true }] },
        });
      }
      const seen: { added: string[]; actorUserId: string | null; apiKeyId: string | null }[] = [];
      let cursor: string | undefined;
      do {
        const page = await g.ok(syncBot, 'GET', '/discord/audit-log', { query: { discordId: b, limit: 2, cursor } });
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen.map((e) => e.added[0])).toEqual([4, 3, 2, 1, 0].map((i) => String(100000000000000 + i)));
      expect(seen.every((e) => e.actorUserId === g.officer.id && e.apiKeyId === null)).toBe(true);
      expect((await g.call(syncBot, 'GET', '/discord/audit-log', { query: { cursor: 'garbage' } })).status).toBe(400);
      // Other orgs' entries never show.
      const other = await createGuild(t);
      expect((await other.ok(other.owner, 'GET', '/discord/audit-log', { query: { discordId: b } })).items).toEqual([]);
    });
  });

  describe('linking members', () => {
    it('links and unlinks, logging and announcing both', async () => {
      const u = await g.newMember('member');
      const id = snowflake();
      const linked = await link(g.officer, u.id, id);
      expect(linked.status).toBe(200);
      expect(linked.body).toMatchObject({ userId: u.id, discordId: id, roles: [roles.member] });
      expect((await link(g.officer, u.id, id)).status).toBe(200); // same link again: no change
      expect(await outbox('dkp.member.linked', { key: 'userId', value: u.id })).toEqual([
        { payload: expect.objectContaining({ discordId: id, actorUserId: g.officer.id }) },
      ]);

      expect((await g.call(g.officer, 'DELETE', `/discord/unlink-member/${u.id}`)).status).toBe(204);
      expect((await g.call(syncBot, 'GET', `/discord/members/${id}`)).status).toBe(404);
      expect((await g.call(g.officer, 'DELETE', `/discord/unlink-member/${u.id}`)).status).toBe(404);
      expect(await outbox('dkp.member.unlinked', { key: 'userId', value: u.id })).toEqual([
        { payload: expect.objectContaining({ discordId: id }) },
      ]);
      const log = await g.ok(g.officer, 'GET', '/discord/audit-log', { query: { userId: u.id } });
      expect(log.items.map((e: { action: string }) => e.action)).toEqual(['unlink', 'link']);
      const [row] = await t.db.query('SELECT discord_id FROM users WHERE id = $1', [u.id]);
      expect(row.discord_id).toBeNull();
    });

    it('409 when the Discord id belongs to another user or the member is linked elsewhere; 404 for non-members', async () => {
      const u = await g.newMember('member');
      const taken = await registerUser(t, 'taken');
      const takenId = snowflake();
      await t.db.query('UPDATE users SET discord_id = $1 WHERE id = $2', [takenId, taken.id]);
      const conflict = await link(g.officer, u.id, takenId);
      expect(conflict.status).toBe(409);
      expect(conflict.body.type).toMatch(/discord-id-taken$/);

      const mine = snowflake();
      expect((await link(g.officer, u.id, mine)).status).toBe(200);
      const relink = await link(g.officer, u.id, snowflake());
      expect(relink.status).toBe(409);
      expect(relink.body.type).toMatch(/already-linked$/);

      expect((await link(g.officer, g.outsider.id, snowflake())).status).toBe(404);
      expect((await link(g.officer, taken.id, snowflake())).status).toBe(404);
      expect((await g.call(g.officer, 'DELETE', `/discord/unlink-member/${taken.id}`)).status).toBe(404);
      // Nothing announced for the refused calls.
      expect(await outbox('dkp.member.linked', { key: 'userId', value: u.id })).toHaveLength(1);
      expect(await outbox('dkp.member.linked', { key: 'discordId', value: takenId })).toHaveLength(0);
    });

    it('refuses to unlink a Discord-only user, who could no longer log in', async () => {
      const discordId = snowflake();
      const [user] = await t.db.query('INSERT INTO users (username, discord_id) VALUES ($1, $2) RETURNING id', [
        unique('disc').slice(0, 32),
        discordId,
      ]);
      await addMember(g.owner, g.slug, { id: user.id } as TestUser, 'member');
      const refused = await g.call(g.officer, 'DELETE', `/discord/unlink-member/${user.id}`);
      expect(refused.status).toBe(409);
      expect(refused.body.type).toMatch(/would-lock-out$/);
      expect((await g.ok(syncBot, 'GET', `/discord/members/${discordId}`)).userId).toBe(user.id);
      expect(await outbox('dkp.member.unlinked', { key: 'userId', value: user.id })).toHaveLength(0);
    });

    it('guards account takeover: only members not above the caller, and only members of this org alone', async () => {
      // The platform's one tier rule: an officer cannot link (or unlink) anyone above officer,
      // but may link a peer officer (equal tier allowed, as for every other member change).
      expect((await link(g.officer, g.admin.id, snowflake())).status).toBe(403);
      const peer = await g.newMember('officer');
      expect((await link(g.officer, peer.id, snowflake())).status).toBe(200);
      expect((await g.call(g.officer, 'DELETE', `/discord/unlink-member/${g.member.id}`)).status).toBe(204);
      // A member who belongs to another org too links themselves (OAuth), not through an officer.
      const shared = await g.newMember('member');
      const other = await createGuild(t);
      await addMember(other.owner, other.slug, shared, 'member');
      const refused = await link(g.officer, shared.id, snowflake());
      expect(refused.status).toBe(409);
      expect(refused.body.type).toMatch(/link-needs-owner-consent$/);
      // Owners may link an admin of this org only.
      expect((await link(g.owner, g.admin.id, snowflake())).status).toBe(200);
    });

    it('forbidden paths', async () => {
      const u = await g.newMember('member');
      const body = { userId: u.id, discordId: snowflake() };
      expect((await g.call(g.member, 'POST', '/discord/link-member', { body })).status).toBe(403);
      expect((await g.call(syncBot, 'POST', '/discord/link-member', { body })).status).toBe(403);
      expect((await g.call({ apiKey: g.readBotKey }, 'POST', '/discord/link-member', { body })).status).toBe(403);
      expect((await g.call(g.outsider, 'POST', '/discord/link-member', { body })).status).toBe(404);
      expect((await g.call(g.member, 'DELETE', `/discord/unlink-member/${u.id}`)).status).toBe(403);
      expect((await g.call(null, 'POST', '/discord/link-member', { body })).status).toBe(401);
      expect(await outbox('dkp.member.linked', { key: 'userId', value: u.id })).toHaveLength(0);
      // A bot key with dkp:write acts as an officer.
      const byBot = await g.call(writeBot, 'POST', '/discord/link-member', { body });
      expect(byBot.status).toBe(200);
      expect((await g.ok(g.officer, 'GET', '/discord/audit-log', { query: { userId: u.id } })).items[0]).toMatchObject({
        action: 'link',
        actorUserId: null,
        apiKeyId: expect.any(String),
      });
    });
  });
});
