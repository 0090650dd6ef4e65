import { paginate, unwrap } from '@quartermaster/sdk';
import { addMember, createOrg, problemOf, registerUser, startTestApp, TestApp, unique } from '../support/test-app';

describe('orgs (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('creates an org whose creator is its owner', async () => {
    const owner = await registerUser(t);
    const slug = unique('org');
    const org = await unwrap(owner.api.POST('/api/v1/orgs', { body: { slug, name: 'Fleet One' } }));
    expect(org).toEqual(expect.objectContaining({ id: expect.any(String), slug, name: 'Fleet One', contexts: [] }));
    const members = await unwrap(owner.api.GET('/api/v1/orgs/{org}/members', { params: { path: { org: slug } } }));
    expect(members.items).toEqual([expect.objectContaining({ userId: owner.id, tier: 'owner', grants: [] })]);
  });

  it('refuses a taken slug with 409', async () => {
    const owner = await registerUser(t);
    const other = await registerUser(t);
    const org = await createOrg(owner);
    const taken = await problemOf(other.api.POST('/api/v1/orgs', { body: { slug: org.slug, name: 'Copycat' } }));
    expect(taken.status).toBe(409);
    expect(taken.body.type).toMatch(/slug-taken$/);
  });

  it.each(['ab', 'UPPER-case', '-leading', 'trailing-', 'has space', 'x'.repeat(49), 'ünïcode'])(
    'refuses the bad slug %j with 400 on slug',
    async (slug) => {
      const owner = await registerUser(t);
      const bad = await problemOf(owner.api.POST('/api/v1/orgs', { body: { slug, name: 'Bad' } }));
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { path: string }) => e.path)).toContain('slug');
    },
  );

  it('refuses an unknown context with 400', async () => {
    const owner = await registerUser(t);
    const bad = await problemOf(
      owner.api.POST('/api/v1/orgs', { body: { slug: unique('org'), name: 'Ctx', contexts: ['no-such-context'] } }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'contexts' })]);
    const patch = await problemOf(
      owner.api.PATCH('/api/v1/orgs/{org}', {
        params: { path: { org: (await createOrg(owner)).slug } },
        body: { contexts: ['nope'] },
      }),
    );
    expect(patch.status).toBe(400);
  });

  it('lists only my orgs with my tier, page by page', async () => {
    const me = await registerUser(t);
    const other = await registerUser(t);
    const mine = [await createOrg(me), await createOrg(me), await createOrg(me)];
    const theirs = await createOrg(other);
    await addMember(other, theirs.slug, me, 'officer');
    const notMine = await createOrg(other);

    const first = await unwrap(me.api.GET('/api/v1/orgs', { params: { query: { limit: 2 } } }));
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));

    const all = [];
    for await (const org of paginate((cursor) =>
      me.api.GET('/api/v1/orgs', { params: { query: { limit: 2, cursor } } }),
    ))
      all.push(org);
    const bySlug = Object.fromEntries(all.map((o) => [o.slug, o.tier]));
    expect(Object.keys(bySlug).sort()).toEqual([...mine.map((o) => o.slug), theirs.slug].sort());
    expect(bySlug[theirs.slug]).toBe('officer');
    for (const o of mine) expect(bySlug[o.slug]).toBe('owner');
    expect(bySlug[notMine.slug]).toBeUndefined();
    // Slug order, no duplicates across pages.
    expect(all.map((o) => o.slug)).toEqual([...all.map((o) => o.slug)].sort());
  });

  it('lets a member read the org, and only an admin change it', async () => {
    const owner = await registerUser(t);
    const member = await registerUser(t);
    const admin = await registerUser(t);
    const org = await createOrg(owner);
    await addMember(owner, org.slug, member, 'member');
    await addMember(owner, org.slug, admin, 'admin');
    const path = { org: org.slug };

    expect(await unwrap(member.api.GET('/api/v1/orgs/{org}', { params: { path } }))).toEqual(
      expect.objectContaining({ id: org.id, slug: org.slug }),
    );
    const denied = await problemOf(
      member.api.PATCH('/api/v1/orgs/{org}', { params: { path }, body: { name: 'Hijacked' } }),
    );
    expect(denied.status).toBe(403);
    expect(denied.body.type).toMatch(/insufficient-tier$/);

    const renamed = await unwrap(
      admin.api.PATCH('/api/v1/orgs/{org}', { params: { path }, body: { name: 'Renamed' } }),
    );
    expect(renamed.name).toBe('Renamed');
    expect((await unwrap(member.api.GET('/api/v1/orgs/{org}', { params: { path } }))).name).toBe('Renamed');
  });

  it('answers 404 to a non-member, identical to a missing org', async () => {
    const owner = await registerUser(t);
    const stranger = await registerUser(t);
    const org = await createOrg(owner);

    const get = await problemOf(stranger.api.GET('/api/v1/orgs/{org}', { params: { path: { org: org.slug } } }));
    const patch = await problemOf(
      stranger.api.PATCH('/api/v1/orgs/{org}', { params: { path: { org: org.slug } }, body: { name: 'Mine now' } }),
    );
    const missingSlug = unique('nope');
    const missing = await problemOf(stranger.api.GET('/api/v1/orgs/{org}', { params: { path: { org: missingSlug } } }));
    for (const p of [get, patch, missing]) expect(p.status).toBe(404);

    const shape = (b: Record<string, unknown>) => ({ ...b, instance: undefined, requestId: undefined });
    expect(shape(get.body)).toEqual(shape(missing.body));
    expect(shape(patch.body)).toEqual(shape(missing.body));
    expect(Object.keys(get.body).sort()).toEqual(Object.keys(missing.body).sort());
    // Nothing changed.
    expect((await unwrap(owner.api.GET('/api/v1/orgs/{org}', { params: { path: { org: org.slug } } }))).name).toBe(
      'Test Org',
    );
  });

  it('lets a platform admin read an org they are not a member of', async () => {
    const owner = await registerUser(t);
    const operator = await registerUser(t);
    const org = await createOrg(owner);
    expect(
      (await problemOf(operator.api.GET('/api/v1/orgs/{org}', { params: { path: { org: org.slug } } }))).status,
    ).toBe(404);
    await t.db.query('UPDATE users SET is_platform_admin = true WHERE id = $1', [operator.id]);
    const read = await unwrap(operator.api.GET('/api/v1/orgs/{org}', { params: { path: { org: org.slug } } }));
    expect(read.id).toBe(org.id);
  });

  it('lists every org to platform admins only, with search and pages', async () => {
    const owner = await registerUser(t);
    const operator = await registerUser(t);
    const marker = unique('zeta');
    const orgs = [];
    for (let i = 0; i < 3; i++)
      orgs.push(
        await unwrap(owner.api.POST('/api/v1/orgs', { body: { slug: `${marker}-${i}`, name: `Tenant ${i}` } })),
      );
    const list = (api: typeof operator.api) =>
      api.GET('/api/v1/admin/orgs', { params: { query: { search: marker.toUpperCase(), limit: 2 } } });
    expect((await problemOf(owner.api.GET('/api/v1/admin/orgs'))).status).toBe(403);
    const { key } = await unwrap(
      owner.api.POST('/api/v1/orgs/{org}/bot-keys', {
        params: { path: { org: orgs[0].slug } },
        body: { name: 'bot', scopes: ['org:read'] },
      }),
    );
    expect((await problemOf(t.as({ apiKey: key }).GET('/api/v1/admin/orgs'))).status).toBe(403);
    await t.db.query('UPDATE users SET is_platform_admin = true WHERE id = $1', [operator.id]);
    const first = await unwrap(list(operator.api));
    expect(first.items.map((o) => o.slug)).toEqual([`${marker}-0`, `${marker}-1`]);
    const all = [];
    for await (const org of paginate((cursor) =>
      operator.api.GET('/api/v1/admin/orgs', { params: { query: { search: marker, limit: 2, cursor } } }),
    ))
      all.push(org.slug);
    expect(all).toEqual(orgs.map((o) => o.slug));
    expect(
      (await unwrap(operator.api.GET('/api/v1/admin/orgs', { params: { query: { search: '%' } } }))).items,
    ).toEqual([]);
  });
});
