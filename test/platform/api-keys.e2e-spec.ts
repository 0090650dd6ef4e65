import { randomUUID } from 'node:crypto';
import { unwrap } from '@quartermaster/sdk';
import { addMember, createOrg, problemOf, registerUser, startTestApp, TestApp, TestUser } from '../support/test-app';

/** The SDK types `limit` as required (see report); pass it explicitly. */
const PAGE = { limit: 200 };

const KEY_PATTERN = /^qm_[0-9a-f]{10}_[A-Za-z0-9_-]{20,}$/;

describe('API keys (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const createPersonal = (user: TestUser, body: { name: string; scopes?: string[]; expiresAt?: string }) =>
    unwrap(user.api.POST('/api/v1/me/api-keys', { body }));
  const listPersonal = async (user: TestUser) =>
    (await unwrap(user.api.GET('/api/v1/me/api-keys', { params: { query: PAGE } }))).items;
  const createBot = (user: TestUser, org: string, scopes: string[], name = 'bot') =>
    unwrap(
      user.api.POST('/api/v1/orgs/{org}/bot-keys', {
        params: { path: { org } },
        body: { name, scopes, rateLimitTier: 'standard' },
      }),
    );
  const listBot = async (user: TestUser, org: string) =>
    (await unwrap(user.api.GET('/api/v1/orgs/{org}/bot-keys', { params: { path: { org }, query: PAGE } }))).items;
  const revokeBot = (user: TestUser, org: string, id: string) =>
    user.api.DELETE('/api/v1/orgs/{org}/bot-keys/{id}', { params: { path: { org, id } } });
  const rotateBot = (user: TestUser, org: string, id: string) =>
    user.api.POST('/api/v1/orgs/{org}/bot-keys/{id}/rotate', { params: { path: { org, id } } });
  const members = (key: string, org: string) =>
    t.as({ apiKey: key }).GET('/api/v1/orgs/{org}/members', { params: { path: { org }, query: PAGE } });

  describe('personal keys', () => {
    it('shows the key once at creation and never in the list', async () => {
      const user = await registerUser(t);
      const created = await createPersonal(user, { name: 'ci script' });
      expect(created).toMatchObject({
        kind: 'personal',
        name: 'ci script',
        scopes: [],
        orgId: null,
        expiresAt: null,
        lastUsedAt: null,
        revokedAt: null,
        rateLimitTier: 'standard',
      });
      expect(created.key).toMatch(KEY_PATTERN);
      expect(created.key.startsWith(`${created.prefix}_`)).toBe(true);

      const items = await listPersonal(user);
      expect(items.map((k) => k.id)).toEqual([created.id]);
      expect(items[0]).not.toHaveProperty('key');
      expect(items[0]).not.toHaveProperty('secretHash');
      expect(JSON.stringify(items)).not.toContain(created.key.slice(14));
      expect(items[0].prefix).toBe(created.prefix);
    });

    it('lists only the caller’s own keys, newest first', async () => {
      const a = await registerUser(t);
      const b = await registerUser(t);
      const k1 = await createPersonal(a, { name: 'one' });
      const k2 = await createPersonal(a, { name: 'two' });
      await createPersonal(b, { name: 'theirs' });
      expect((await listPersonal(a)).map((k) => k.id)).toEqual([k2.id, k1.id]);
      const page = await unwrap(a.api.GET('/api/v1/me/api-keys', { params: { query: { limit: 1 } } }));
      expect(page.items.map((k) => k.id)).toEqual([k2.id]);
      const next = await unwrap(
        a.api.GET('/api/v1/me/api-keys', { params: { query: { limit: 1, cursor: page.nextCursor! } } }),
      );
      expect(next.items.map((k) => k.id)).toEqual([k1.id]);
    });

    it('authenticates as its user via Authorization: Bearer and via X-API-Key, and records lastUsedAt', async () => {
      const user = await registerUser(t);
      const { key, id } = await createPersonal(user, { name: 'both headers' });
      expect((await unwrap(t.as(key).GET('/api/v1/me'))).id).toBe(user.id);
      expect((await unwrap(t.as({ apiKey: key }).GET('/api/v1/me'))).id).toBe(user.id);
      const listed = (await listPersonal(user)).find((k) => k.id === id)!;
      expect(listed.lastUsedAt).not.toBeNull();
      expect(Date.now() - new Date(listed.lastUsedAt!).getTime()).toBeLessThan(60_000);
    });

    it('an unscoped key acts with all of its user’s powers', async () => {
      const owner = await registerUser(t);
      const org = await createOrg(owner);
      const { key } = await createPersonal(owner, { name: 'full' });
      const updated = await unwrap(
        t
          .as({ apiKey: key })
          .PATCH('/api/v1/orgs/{org}', { params: { path: { org: org.slug } }, body: { name: 'Renamed by key' } }),
      );
      expect(updated.name).toBe('Renamed by key');
    });

    it('refuses unknown keys, a wrong secret with a real prefix, and malformed keys', async () => {
      const user = await registerUser(t);
      const { key, prefix } = await createPersonal(user, { name: 'real' });
      const forged = `${prefix}_${'A'.repeat(43)}`;
      for (const candidate of [
        forged,
        'qm_0000000000_abc',
        'qm_',
        `${key}x`,
        key.slice(0, -1),
        `${prefix}`,
        'not-a-key',
      ]) {
        const res = await problemOf(t.as({ apiKey: candidate }).GET('/api/v1/me'));
        expect(res.status).toBe(401);
      }
      // The real key is unaffected by the failed attempts.
      await unwrap(t.as({ apiKey: key }).GET('/api/v1/me'));
    });

    it('stops working once revoked; revoking is idempotent and shows revokedAt', async () => {
      const user = await registerUser(t);
      const { key, id } = await createPersonal(user, { name: 'to revoke' });
      await unwrap(t.as(key).GET('/api/v1/me'));
      expect((await user.api.DELETE('/api/v1/me/api-keys/{id}', { params: { path: { id } } })).response.status).toBe(
        204,
      );
      const refused = await problemOf(t.as(key).GET('/api/v1/me'));
      expect(refused.status).toBe(401);
      expect(refused.body.type).toMatch(/invalid-api-key$/);
      expect((await problemOf(t.as({ apiKey: key }).GET('/api/v1/me'))).status).toBe(401);
      expect((await user.api.DELETE('/api/v1/me/api-keys/{id}', { params: { path: { id } } })).response.status).toBe(
        204,
      );
      expect((await listPersonal(user)).find((k) => k.id === id)!.revokedAt).not.toBeNull();
      const rotate = await problemOf(user.api.POST('/api/v1/me/api-keys/{id}/rotate', { params: { path: { id } } }));
      expect(rotate.status).toBe(409);
      expect(rotate.body.type).toMatch(/api-key-revoked$/);
    });

    it('rotates: the old key stops at once, the new one works with the same settings', async () => {
      const user = await registerUser(t);
      const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
      const old = await createPersonal(user, { name: 'rotating', scopes: ['members:read'], expiresAt });
      const fresh = await unwrap(
        user.api.POST('/api/v1/me/api-keys/{id}/rotate', { params: { path: { id: old.id } } }),
      );
      expect(fresh.id).not.toBe(old.id);
      expect(fresh.key).toMatch(KEY_PATTERN);
      expect(fresh.key).not.toBe(old.key);
      expect(fresh).toMatchObject({
        kind: 'personal',
        name: 'rotating',
        scopes: ['members:read'],
        expiresAt,
        revokedAt: null,
      });
      expect(
        (await problemOf(t.as({ apiKey: old.key }).GET('/api/v1/me/api-keys', { params: { query: PAGE } }))).status,
      ).toBe(401);
      const owner = await registerUser(t);
      const org = await createOrg(owner);
      await addMember(owner, org.slug, user, 'member');
      await unwrap(members(fresh.key, org.slug));
      expect((await problemOf(members(old.key, org.slug))).status).toBe(401);
    });

    it('refuses an expired key', async () => {
      const user = await registerUser(t);
      const { key, id } = await createPersonal(user, {
        name: 'short lived',
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      });
      await unwrap(t.as(key).GET('/api/v1/me'));
      await t.db.query(`UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1`, [id]);
      const res = await problemOf(t.as(key).GET('/api/v1/me'));
      expect(res.status).toBe(401);
      expect(res.body.type).toMatch(/invalid-api-key$/);
    });

    it('refuses an expiry in the past at creation', async () => {
      const user = await registerUser(t);
      const res = await problemOf(
        user.api.POST('/api/v1/me/api-keys', {
          body: { name: 'past', expiresAt: new Date(Date.now() - 60_000).toISOString() },
        }),
      );
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ path: 'expiresAt' })]);
      const garbage = await problemOf(
        user.api.POST('/api/v1/me/api-keys', { body: { name: 'bad date', expiresAt: 'tomorrow-ish' } }),
      );
      expect(garbage.status).toBe(400);
      expect(garbage.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'expiresAt' })]));
      expect(await listPersonal(user)).toEqual([]);
    });

    it('rejects unknown and malformed scopes, unknown fields and a missing name with 400', async () => {
      const user = await registerUser(t);
      const unknownScope = await problemOf(
        user.api.POST('/api/v1/me/api-keys', { body: { name: 'x', scopes: ['members:read', 'nuclear:launch'] } }),
      );
      expect(unknownScope.status).toBe(400);
      expect(unknownScope.body.errors).toEqual([
        expect.objectContaining({ path: 'scopes', message: expect.stringContaining('nuclear:launch') }),
      ]);
      const malformed = await problemOf(
        user.api.POST('/api/v1/me/api-keys', { body: { name: 'x', scopes: ['Everything!'] } }),
      );
      expect(malformed.status).toBe(400);
      expect(malformed.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'scopes' })]));
      const extra = await problemOf(
        user.api.POST('/api/v1/me/api-keys', { body: { name: 'x', kind: 'bot', orgId: randomUUID() } as never }),
      );
      expect(extra.status).toBe(400);
      expect(extra.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['kind', 'orgId']));
      const noName = await problemOf(user.api.POST('/api/v1/me/api-keys', { body: {} as never }));
      expect(noName.status).toBe(400);
      expect(noName.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'name' })]));
      expect(await listPersonal(user)).toEqual([]);
    });

    it('a key restricted to members:read reads members but nothing else', async () => {
      const owner = await registerUser(t);
      const org = await createOrg(owner);
      const { key } = await createPersonal(owner, { name: 'reader', scopes: ['members:read'] });
      const api = t.as({ apiKey: key });

      const list = await unwrap(members(key, org.slug));
      expect(list.items.map((m) => m.userId)).toContain(owner.id);
      await unwrap(
        api.GET('/api/v1/orgs/{org}/members/{userId}', { params: { path: { org: org.slug, userId: owner.id } } }),
      );

      const patch = await problemOf(
        api.PATCH('/api/v1/orgs/{org}', { params: { path: { org: org.slug } }, body: { name: 'nope' } }),
      );
      expect(patch.status).toBe(403);
      expect(patch.body.type).toMatch(/insufficient-scope$/);
      const getOrg = await problemOf(api.GET('/api/v1/orgs/{org}', { params: { path: { org: org.slug } } }));
      expect(getOrg.status).toBe(403);
      // Routes without scopes (user routes) are closed to a scope-limited key.
      expect((await problemOf(api.GET('/api/v1/me'))).status).toBe(403);
      expect((await problemOf(api.PATCH('/api/v1/me', { body: { displayName: 'x' } }))).status).toBe(403);
      expect((await problemOf(api.GET('/api/v1/orgs', { params: { query: PAGE } }))).status).toBe(403);
      // It cannot mint itself a broader key, personal or bot.
      expect((await problemOf(api.POST('/api/v1/me/api-keys', { body: { name: 'escalate' } }))).status).toBe(403);
      expect((await problemOf(api.GET('/api/v1/me/api-keys', { params: { query: PAGE } }))).status).toBe(403);
      expect(
        (
          await problemOf(
            api.POST('/api/v1/orgs/{org}/bot-keys', {
              params: { path: { org: org.slug } },
              body: { name: 'b', scopes: ['org:write'], rateLimitTier: 'standard' },
            }),
          )
        ).status,
      ).toBe(403);
      // The refused PATCH changed nothing.
      expect((await unwrap(owner.api.GET('/api/v1/orgs/{org}', { params: { path: { org: org.slug } } }))).name).toBe(
        org.name,
      );
    });

    it('a scoped key never exceeds its user: tier and membership still apply', async () => {
      const owner = await registerUser(t);
      const org = await createOrg(owner);
      const user = await registerUser(t);
      await addMember(owner, org.slug, user, 'member');
      const { key } = await createPersonal(user, { name: 'wishful', scopes: ['org:write', 'members:read'] });
      const api = t.as({ apiKey: key });
      const patch = await problemOf(
        api.PATCH('/api/v1/orgs/{org}', { params: { path: { org: org.slug } }, body: { name: 'hijacked' } }),
      );
      expect(patch.status).toBe(403);
      expect(patch.body.type).toMatch(/insufficient-tier$/);
      const stranger = await registerUser(t);
      const otherOrg = await createOrg(stranger);
      expect((await problemOf(members(key, otherOrg.slug))).status).toBe(404);
      expect((await problemOf(members(key, 'no-such-org-anywhere'))).status).toBe(404);
    });

    it('cannot revoke or rotate another user’s key (404), nor use a bot key id', async () => {
      const a = await registerUser(t);
      const b = await registerUser(t);
      const theirs = await createPersonal(b, { name: 'b key' });
      expect(
        (await problemOf(a.api.DELETE('/api/v1/me/api-keys/{id}', { params: { path: { id: theirs.id } } }))).status,
      ).toBe(404);
      expect(
        (await problemOf(a.api.POST('/api/v1/me/api-keys/{id}/rotate', { params: { path: { id: theirs.id } } })))
          .status,
      ).toBe(404);
      expect(
        (await problemOf(a.api.DELETE('/api/v1/me/api-keys/{id}', { params: { path: { id: randomUUID() } } }))).status,
      ).toBe(404);
      expect(
        (await problemOf(a.api.DELETE('/api/v1/me/api-keys/{id}', { params: { path: { id: 'not-a-uuid' } } }))).status,
      ).toBe(400);
      await unwrap(t.as(theirs.key).GET('/api/v1/me'));

      const org = await createOrg(a);
      const bot = await createBot(a, org.slug, ['members:read']);
      expect(
        (await problemOf(a.api.DELETE('/api/v1/me/api-keys/{id}', { params: { path: { id: bot.id } } }))).status,
      ).toBe(404);
      expect((await listPersonal(a)).map((k) => k.id)).not.toContain(bot.id);
      await unwrap(members(bot.key, org.slug));
    });

    it('stops working when its user is disabled', async () => {
      const user = await registerUser(t);
      const { key } = await createPersonal(user, { name: 'x' });
      await unwrap(t.as(key).GET('/api/v1/me'));
      await t.db.query('UPDATE users SET disabled_at = now() WHERE id = $1', [user.id]);
      expect((await problemOf(t.as(key).GET('/api/v1/me'))).status).toBe(401);
    });

    it('needs a login to manage keys', async () => {
      expect((await problemOf(t.anonymous.GET('/api/v1/me/api-keys', { params: { query: PAGE } }))).status).toBe(401);
      expect((await problemOf(t.anonymous.POST('/api/v1/me/api-keys', { body: { name: 'x' } }))).status).toBe(401);
    });
  });

  describe('bot keys', () => {
    let owner: TestUser;
    let admin: TestUser;
    let officer: TestUser;
    let member: TestUser;
    let outsider: TestUser;
    let org: string;
    let otherOrg: string;

    beforeAll(async () => {
      [owner, admin, officer, member, outsider] = await Promise.all(
        ['owner', 'admin', 'officer', 'member', 'outsider'].map((p) => registerUser(t, p)),
      );
      org = (await createOrg(owner)).slug;
      otherOrg = (await createOrg(outsider)).slug;
      await addMember(owner, org, admin, 'admin');
      await addMember(owner, org, officer, 'officer');
      await addMember(owner, org, member, 'member');
    });

    it('can be created by the owner and by an admin, with the secret shown once', async () => {
      const byOwner = await createBot(owner, org, ['members:read'], 'owner bot');
      expect(byOwner).toMatchObject({
        kind: 'bot',
        name: 'owner bot',
        scopes: ['members:read'],
        rateLimitTier: 'standard',
        revokedAt: null,
      });
      expect(byOwner.key).toMatch(KEY_PATTERN);
      const byAdmin = await unwrap(
        admin.api.POST('/api/v1/orgs/{org}/bot-keys', {
          params: { path: { org } },
          body: { name: 'admin bot', scopes: ['members:read'], rateLimitTier: 'high' },
        }),
      );
      expect(byAdmin.rateLimitTier).toBe('high');
      expect(byAdmin.orgId).toBe(byOwner.orgId);
      const listed = await listBot(admin, org);
      expect(listed.map((k) => k.id)).toEqual(expect.arrayContaining([byOwner.id, byAdmin.id]));
      for (const k of listed) expect(k).not.toHaveProperty('key');
      // Bot keys are not the creator's personal keys.
      expect((await listPersonal(owner)).map((k) => k.id)).not.toContain(byOwner.id);
    });

    it('are refused below the admin tier (403) and to non-members (404)', async () => {
      const body = { name: 'sneaky', scopes: ['members:read'], rateLimitTier: 'standard' as const };
      for (const who of [officer, member]) {
        const create = await problemOf(
          who.api.POST('/api/v1/orgs/{org}/bot-keys', { params: { path: { org } }, body }),
        );
        expect(create.status).toBe(403);
        expect(create.body.type).toMatch(/insufficient-tier$/);
        expect(
          (await problemOf(who.api.GET('/api/v1/orgs/{org}/bot-keys', { params: { path: { org }, query: PAGE } })))
            .status,
        ).toBe(403);
      }
      expect(
        (await problemOf(outsider.api.POST('/api/v1/orgs/{org}/bot-keys', { params: { path: { org } }, body }))).status,
      ).toBe(404);
      expect(
        (await problemOf(outsider.api.GET('/api/v1/orgs/{org}/bot-keys', { params: { path: { org }, query: PAGE } })))
          .status,
      ).toBe(404);
      expect(
        (await problemOf(t.anonymous.GET('/api/v1/orgs/{org}/bot-keys', { params: { path: { org }, query: PAGE } })))
          .status,
      ).toBe(401);
      expect(
        (
          await problemOf(
            owner.api.GET('/api/v1/orgs/{org}/bot-keys', {
              params: { path: { org: 'no-such-org-here' }, query: PAGE },
            }),
          )
        ).status,
      ).toBe(404);
      expect((await listBot(owner, org)).map((k) => k.name)).not.toContain('sneaky');
    });

    it('need at least one known scope', async () => {
      const post = (body: object) =>
        problemOf(owner.api.POST('/api/v1/orgs/{org}/bot-keys', { params: { path: { org } }, body: body as never }));
      for (const body of [
        { name: 'none', scopes: [] },
        { name: 'missing' },
        { name: 'unknown', scopes: ['members:read', 'root:all'] },
        { name: 'tier', scopes: ['members:read'], rateLimitTier: 'unlimited' },
      ]) {
        const res = await post(body);
        expect(res.status).toBe(400);
        expect(res.body.errors.length).toBeGreaterThan(0);
      }
      const empty = await post({ name: 'none', scopes: [] });
      expect(empty.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'scopes' })]));
      const extra = await post({ name: 'other org', scopes: ['members:read'], orgId: randomUUID() });
      expect(extra.status).toBe(400);
      expect(extra.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'orgId' })]));
    });

    it('act for their own org only, within their scopes, and record lastUsedAt', async () => {
      const bot = await createBot(owner, org, ['members:read']);
      expect(bot.lastUsedAt).toBeNull();
      const page = await unwrap(members(bot.key, org));
      expect(page.items.map((m) => m.userId)).toEqual(expect.arrayContaining([owner.id, admin.id, member.id]));
      await unwrap(t.as(bot.key).GET('/api/v1/orgs/{org}/members', { params: { path: { org }, query: PAGE } }));
      await unwrap(
        t.as(bot.key).GET('/api/v1/orgs/{org}/members/{userId}', { params: { path: { org, userId: member.id } } }),
      );
      expect((await listBot(owner, org)).find((k) => k.id === bot.id)!.lastUsedAt).not.toBeNull();

      // Another org (which exists) looks exactly like a missing one.
      const other = await problemOf(members(bot.key, otherOrg));
      expect(other.status).toBe(404);
      const missing = await problemOf(members(bot.key, 'no-such-org-here'));
      expect(missing.status).toBe(404);
      expect(other.body.type).toBe(missing.body.type);

      const api = t.as({ apiKey: bot.key });
      const patch = await problemOf(
        api.PATCH('/api/v1/orgs/{org}', { params: { path: { org } }, body: { name: 'bot was here' } }),
      );
      expect(patch.status).toBe(403);
      expect(patch.body.type).toMatch(/insufficient-scope$/);
      expect((await problemOf(api.GET('/api/v1/orgs/{org}', { params: { path: { org } } }))).status).toBe(403);
      expect(
        (
          await problemOf(
            api.POST('/api/v1/orgs/{org}/members', {
              params: { path: { org } },
              body: { userId: outsider.id, tier: 'owner' },
            }),
          )
        ).status,
      ).toBe(403);
    });

    it('cannot call user routes or manage keys', async () => {
      const bot = await createBot(owner, org, ['members:read', 'org:read']);
      const api = t.as({ apiKey: bot.key });
      expect((await problemOf(api.GET('/api/v1/me'))).status).toBe(403);
      expect((await problemOf(t.as(bot.key).GET('/api/v1/me'))).status).toBe(403);
      expect((await problemOf(api.PATCH('/api/v1/me', { body: { displayName: 'bot' } }))).status).toBe(403);
      expect((await problemOf(api.GET('/api/v1/orgs', { params: { query: PAGE } }))).status).toBe(403);
      expect(
        (await problemOf(api.POST('/api/v1/orgs', { body: { slug: 'bot-made-org', name: 'Bot org' } }))).status,
      ).toBe(403);
      expect((await problemOf(api.GET('/api/v1/me/api-keys', { params: { query: PAGE } }))).status).toBe(403);
      expect((await problemOf(api.POST('/api/v1/me/api-keys', { body: { name: 'escalate' } }))).status).toBe(403);
      expect(
        (
          await problemOf(
            api.POST('/api/v1/orgs/{org}/bot-keys', {
              params: { path: { org } },
              body: { name: 'b2', scopes: ['org:write'], rateLimitTier: 'standard' },
            }),
          )
        ).status,
      ).toBe(403);
      expect(
        (await problemOf(api.GET('/api/v1/orgs/{org}/bot-keys', { params: { path: { org }, query: PAGE } }))).status,
      ).toBe(403);
      expect(
        (await problemOf(api.DELETE('/api/v1/orgs/{org}/bot-keys/{id}', { params: { path: { org, id: bot.id } } })))
          .status,
      ).toBe(403);
      // Its own scopes still work.
      expect((await unwrap(api.GET('/api/v1/orgs/{org}', { params: { path: { org } } }))).slug).toBe(org);
    });

    it('a bot key with org:write may change its own org only', async () => {
      const bot = await createBot(owner, org, ['org:write']);
      const api = t.as({ apiKey: bot.key });
      await unwrap(api.PATCH('/api/v1/orgs/{org}', { params: { path: { org } }, body: { name: 'Renamed by bot' } }));
      expect(
        (
          await problemOf(
            api.PATCH('/api/v1/orgs/{org}', { params: { path: { org: otherOrg } }, body: { name: 'Hijacked' } }),
          )
        ).status,
      ).toBe(404);
      expect(
        (await unwrap(outsider.api.GET('/api/v1/orgs/{org}', { params: { path: { org: otherOrg } } }))).name,
      ).not.toBe('Hijacked');
    });

    it('stop working when revoked; admins may revoke', async () => {
      const bot = await createBot(owner, org, ['members:read']);
      await unwrap(members(bot.key, org));
      expect((await revokeBot(admin, org, bot.id)).response.status).toBe(204);
      const res = await problemOf(members(bot.key, org));
      expect(res.status).toBe(401);
      expect(res.body.type).toMatch(/invalid-api-key$/);
      expect((await listBot(owner, org)).find((k) => k.id === bot.id)!.revokedAt).not.toBeNull();
      expect((await revokeBot(owner, org, bot.id)).response.status).toBe(204);
    });

    it('cannot be revoked or rotated below admin tier', async () => {
      const bot = await createBot(owner, org, ['members:read']);
      expect((await problemOf(revokeBot(member, org, bot.id))).status).toBe(403);
      expect((await problemOf(rotateBot(officer, org, bot.id))).status).toBe(403);
      await unwrap(members(bot.key, org));
    });

    it('rotate: old key refused at once, new key has the same scopes', async () => {
      const old = await createBot(owner, org, ['members:read'], 'rotating bot');
      const fresh = await unwrap(rotateBot(admin, org, old.id));
      expect(fresh).toMatchObject({ kind: 'bot', name: 'rotating bot', scopes: ['members:read'], orgId: old.orgId });
      expect(fresh.key).not.toBe(old.key);
      expect((await problemOf(members(old.key, org))).status).toBe(401);
      await unwrap(members(fresh.key, org));
      expect((await problemOf(t.as({ apiKey: fresh.key }).GET('/api/v1/me'))).status).toBe(403);
      const again = await problemOf(rotateBot(owner, org, old.id));
      expect(again.status).toBe(409);
    });

    it('refuses an expired bot key', async () => {
      const bot = await createBot(owner, org, ['members:read']);
      await t.db.query(`UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1`, [bot.id]);
      expect((await problemOf(members(bot.key, org))).status).toBe(401);
    });

    it('an admin of org A cannot touch a bot key of org B by id (404)', async () => {
      const theirs = await createBot(outsider, otherOrg, ['members:read']);
      // Through the admin's own org: not a key of that org.
      expect((await problemOf(revokeBot(owner, org, theirs.id))).status).toBe(404);
      expect((await problemOf(rotateBot(admin, org, theirs.id))).status).toBe(404);
      // Through org B: not a member.
      expect((await problemOf(revokeBot(owner, otherOrg, theirs.id))).status).toBe(404);
      // Nor through the personal-keys routes.
      expect(
        (await problemOf(owner.api.DELETE('/api/v1/me/api-keys/{id}', { params: { path: { id: theirs.id } } }))).status,
      ).toBe(404);
      expect(
        (await problemOf(outsider.api.DELETE('/api/v1/me/api-keys/{id}', { params: { path: { id: theirs.id } } })))
          .status,
      ).toBe(404);
      // Still alive, still not in org A's list.
      await unwrap(members(theirs.key, otherOrg));
      expect((await listBot(owner, org)).map((k) => k.id)).not.toContain(theirs.id);
      expect((await problemOf(revokeBot(owner, org, randomUUID()))).status).toBe(404);
    });

    it('a personal key id cannot be revoked through the bot-keys route', async () => {
      const personal = await createPersonal(owner, { name: 'mine' });
      expect((await problemOf(revokeBot(owner, org, personal.id))).status).toBe(404);
      await unwrap(t.as(personal.key).GET('/api/v1/me'));
    });
  });
});
