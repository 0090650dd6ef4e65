import { unwrap } from '@quartermaster/sdk';
import { Client } from 'pg';
import { addMember, createOrg, problemOf, registerUser, startTestApp, TestApp, TestUser } from '../support/test-app';

/**
 * The per-request cost of the access guard (issue 11): the caller's user, their session or API
 * key, the org and their membership are read in one SQL statement, and a key's lastUsedAt is
 * written at most once a minute. Counted in the pg driver, so any extra lookup shows up.
 * GET /orgs/{org} answers from what the guard resolved, with no statement of its own.
 *
 * The caller cache is off here, so that every request shows the lookup it makes when the cache
 * cannot answer (a first request, or one after a change); caller-cache.e2e-spec.ts shows that a
 * cached request makes none.
 */
describe('caller lookup (e2e)', () => {
  let t: TestApp;
  let statements = 0;
  const original = Client.prototype.query;

  beforeAll(async () => {
    // Before the app starts: its pool's clients bind the query method when they are created.
    Client.prototype.query = function counted(this: Client, ...args: unknown[]) {
      statements++;
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as Client['query'];
    t = await startTestApp({ CALLER_CACHE_SECONDS: '0' });
  });
  afterAll(async () => {
    await t.close();
    Client.prototype.query = original;
  });

  const counted = async (call: () => Promise<unknown>): Promise<number> => {
    const before = statements;
    await call();
    return statements - before;
  };
  const getOrg = (api: TestUser['api'], org: string) =>
    unwrap(api.GET('/api/v1/orgs/{org}', { params: { path: { org } } }));

  it('resolves a login token, its session, the org and the membership in one statement', async () => {
    const owner = await registerUser(t);
    const member = await registerUser(t);
    const org = await createOrg(owner);
    await addMember(owner, org.slug, member, 'member');
    await getOrg(member.api, org.slug);
    expect(await counted(() => getOrg(member.api, org.slug))).toBe(1);
    // The slug is matched case-insensitively, as before.
    expect(await counted(() => getOrg(member.api, org.slug.toUpperCase()))).toBe(1);
    expect(await counted(() => unwrap(member.api.GET('/api/v1/me')))).toBeLessThanOrEqual(2);
  });

  it('still refuses at once what the one statement reads: a removed member, a lowered tier, an ended session', async () => {
    const owner = await registerUser(t);
    const officer = await registerUser(t);
    const org = await createOrg(owner);
    await addMember(owner, org.slug, officer, 'admin');
    const inviteList = () =>
      officer.api.GET('/api/v1/orgs/{org}/invitations', { params: { path: { org: org.slug }, query: { limit: 10 } } });
    await unwrap(inviteList());
    await unwrap(
      owner.api.PATCH('/api/v1/orgs/{org}/members/{userId}', {
        params: { path: { org: org.slug, userId: officer.id } },
        body: { tier: 'member' },
      }),
    );
    expect((await problemOf(inviteList())).status).toBe(403);
    await unwrap(
      owner.api.DELETE('/api/v1/orgs/{org}/members/{userId}', {
        params: { path: { org: org.slug, userId: officer.id } },
      }),
    );
    expect(
      (await problemOf(officer.api.GET('/api/v1/orgs/{org}', { params: { path: { org: org.slug } } }))).status,
    ).toBe(404);
    await unwrap(owner.api.POST('/api/v1/auth/logout', { body: { refreshToken: owner.refreshToken } }));
    const ended = await problemOf(owner.api.GET('/api/v1/orgs/{org}', { params: { path: { org: org.slug } } }));
    expect(ended.status).toBe(401);
    expect(ended.body.type).toMatch(/session-ended$/);
  });

  it('resolves an API key in one statement and writes its lastUsedAt once a minute at most', async () => {
    const owner = await registerUser(t);
    const org = await createOrg(owner);
    const { key } = await unwrap(owner.api.POST('/api/v1/me/api-keys', { body: { name: 'lookup' } }));
    const api = t.as({ apiKey: key });
    // First use: the lookup and the lastUsedAt write.
    expect(await counted(() => getOrg(api, org.slug))).toBe(2);
    expect(await counted(() => getOrg(api, org.slug))).toBe(1);
    expect(await counted(() => getOrg(t.as(key), org.slug))).toBe(1);
    const [listed] = (await unwrap(owner.api.GET('/api/v1/me/api-keys', { params: { query: { limit: 10 } } }))).items;
    expect(listed.lastUsedAt).not.toBeNull();
  });
});
