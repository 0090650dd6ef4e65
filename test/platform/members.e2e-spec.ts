import { paginate, unwrap } from '@quartermaster/sdk';
import { addMember, createOrg, problemOf, registerUser, startTestApp, TestApp, TestUser } from '../support/test-app';

describe('members (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const members = (as: TestUser, org: string, query: Record<string, unknown> = {}) =>
    unwrap(as.api.GET('/api/v1/orgs/{org}/members', { params: { path: { org }, query } }));
  const update = (as: TestUser, org: string, userId: string, body: { tier?: string; grants?: string[] }) =>
    as.api.PATCH('/api/v1/orgs/{org}/members/{userId}', { params: { path: { org, userId } }, body: body as never });
  const tierOf = async (org: string, userId: string) =>
    (
      (await t.db.query(
        'SELECT m.tier FROM memberships m JOIN orgs o ON o.id = m.org_id WHERE o.slug = $1 AND m.user_id = $2',
        [org, userId],
      )) as { tier: string }[]
    )[0]?.tier;

  async function orgWith(...tiers: string[]) {
    const owner = await registerUser(t, 'owner');
    const org = await createOrg(owner);
    const users: TestUser[] = [];
    for (const tier of tiers) {
      const u = await registerUser(t, tier);
      await addMember(owner, org.slug, u, tier);
      users.push(u);
    }
    return { owner, org: org.slug, users };
  }

  it('lists members with tier and search filters and cursor pages', async () => {
    const { owner, org, users } = await orgWith('member', 'member', 'officer', 'trial');
    const all = await members(owner, org);
    expect(all.items).toHaveLength(5);
    expect(all.items.map((m) => m.username)).toEqual([...all.items.map((m) => m.username)].sort());

    const plain = await members(owner, org, { tier: 'member' });
    expect(plain.items.map((m) => m.userId).sort()).toEqual([users[0].id, users[1].id].sort());

    const found = await members(owner, org, { search: users[2].username.slice(0, 14).toUpperCase() });
    expect(found.items.map((m) => m.userId)).toEqual([users[2].id]);
    expect((await members(owner, org, { search: '%' })).items).toEqual([]);

    const paged = [];
    for await (const m of paginate((cursor) =>
      owner.api.GET('/api/v1/orgs/{org}/members', { params: { path: { org }, query: { limit: 2, cursor } } }),
    ))
      paged.push(m.userId);
    expect(paged).toEqual(all.items.map((m) => m.userId));

    const badTier = await problemOf(
      owner.api.GET('/api/v1/orgs/{org}/members', { params: { path: { org }, query: { tier: 'king' as never } } }),
    );
    expect(badTier.status).toBe(400);
  });

  it('adds by userId and by username, with grants', async () => {
    const { owner, org } = await orgWith();
    const a = await registerUser(t);
    const b = await registerUser(t);
    const byId = await unwrap(
      owner.api.POST('/api/v1/orgs/{org}/members', {
        params: { path: { org } },
        body: { userId: a.id, tier: 'member', grants: ['recruiter'] },
      }),
    );
    expect(byId).toEqual(
      expect.objectContaining({ userId: a.id, username: a.username, tier: 'member', grants: ['recruiter'] }),
    );
    const byName = await unwrap(
      owner.api.POST('/api/v1/orgs/{org}/members', {
        params: { path: { org } },
        body: { username: b.username.toUpperCase(), tier: 'trial' },
      }),
    );
    expect(byName).toEqual(expect.objectContaining({ userId: b.id, tier: 'trial', grants: [] }));
    const got = await unwrap(
      owner.api.GET('/api/v1/orgs/{org}/members/{userId}', { params: { path: { org, userId: a.id } } }),
    );
    expect(got.grants).toEqual(['recruiter']);

    const again = await problemOf(
      owner.api.POST('/api/v1/orgs/{org}/members', {
        params: { path: { org } },
        body: { userId: a.id, tier: 'officer' },
      }),
    );
    expect(again.status).toBe(409);
    expect(again.body.type).toMatch(/already-member$/);
    expect(again.body.tier).toBe('member');

    const ghostId = await problemOf(
      owner.api.POST('/api/v1/orgs/{org}/members', {
        params: { path: { org } },
        body: { userId: '00000000-0000-4000-8000-000000000000', tier: 'member' },
      }),
    );
    expect(ghostId.status).toBe(404);
    const ghostName = await problemOf(
      owner.api.POST('/api/v1/orgs/{org}/members', {
        params: { path: { org } },
        body: { username: 'no-such-user-xyz', tier: 'member' },
      }),
    );
    expect(ghostName.status).toBe(404);
    const neither = await problemOf(
      owner.api.POST('/api/v1/orgs/{org}/members', { params: { path: { org } }, body: { tier: 'member' } as never }),
    );
    expect(neither.status).toBe(400);
  });

  it('sets and replaces grants', async () => {
    const { owner, org, users } = await orgWith('member');
    const set = await unwrap(update(owner, org, users[0].id, { grants: ['treasurer', 'recruiter', 'treasurer'] }));
    expect(set.grants.sort()).toEqual(['recruiter', 'treasurer']);
    expect(set.tier).toBe('member');
    const replaced = await unwrap(update(owner, org, users[0].id, { grants: [] }));
    expect(replaced.grants).toEqual([]);
    const bad = await problemOf(update(owner, org, users[0].id, { grants: ['emperor'] }));
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toMatch(/^grants/);
  });

  it('keeps an admin below owner', async () => {
    const { owner, org, users } = await orgWith('admin', 'member', 'admin');
    const [admin, member, otherAdmin] = users;
    const newcomer = await registerUser(t);

    const addOwner = await problemOf(
      admin.api.POST('/api/v1/orgs/{org}/members', {
        params: { path: { org } },
        body: { userId: newcomer.id, tier: 'owner' },
      }),
    );
    expect(addOwner.status).toBe(403);
    expect(addOwner.body.type).toMatch(/tier-above-own$/);

    for (const [target, tier] of [
      [member, 'owner'],
      [admin, 'owner'],
    ] as const) {
      const p = await problemOf(update(admin, org, target.id, { tier }));
      expect(p.status).toBe(403);
      expect(p.body.type).toMatch(/tier-above-own$/);
    }
    expect(await tierOf(org, admin.id)).toBe('admin');

    const demoteOwner = await problemOf(update(admin, org, owner.id, { tier: 'member' }));
    expect(demoteOwner.status).toBe(403);
    const grantOwner = await problemOf(update(admin, org, owner.id, { grants: ['developer'] }));
    expect(grantOwner.status).toBe(403);
    const removeOwner = await problemOf(
      admin.api.DELETE('/api/v1/orgs/{org}/members/{userId}', { params: { path: { org, userId: owner.id } } }),
    );
    expect(removeOwner.status).toBe(403);
    expect(await tierOf(org, owner.id)).toBe('owner');

    // An admin can manage those at or below admin.
    expect((await unwrap(update(admin, org, member.id, { tier: 'officer' }))).tier).toBe('officer');
    expect((await unwrap(update(admin, org, otherAdmin.id, { tier: 'member' }))).tier).toBe('member');

    // The owner can do what the admin could not.
    expect((await unwrap(update(owner, org, admin.id, { tier: 'owner' }))).tier).toBe('owner');
    expect((await unwrap(update(owner, org, admin.id, { tier: 'member' }))).tier).toBe('member');
    await unwrap(
      owner.api.DELETE('/api/v1/orgs/{org}/members/{userId}', { params: { path: { org, userId: member.id } } }),
    );
    expect(await tierOf(org, member.id)).toBeUndefined();
  });

  it('keeps the last owner until another owner exists', async () => {
    const { owner, org, users } = await orgWith('admin');
    const [second] = users;
    const demote = await problemOf(update(owner, org, owner.id, { tier: 'admin' }));
    expect(demote.status).toBe(409);
    expect(demote.body.type).toMatch(/last-owner$/);
    const leave = await problemOf(owner.api.DELETE('/api/v1/orgs/{org}/membership', { params: { path: { org } } }));
    expect(leave.status).toBe(409);
    expect(leave.body.type).toMatch(/last-owner$/);
    const removeSelf = await problemOf(
      owner.api.DELETE('/api/v1/orgs/{org}/members/{userId}', { params: { path: { org, userId: owner.id } } }),
    );
    expect(removeSelf.status).toBe(409);

    await unwrap(update(owner, org, second.id, { tier: 'owner' }));
    expect((await unwrap(update(owner, org, owner.id, { tier: 'admin' }))).tier).toBe('admin');
    await unwrap(owner.api.DELETE('/api/v1/orgs/{org}/membership', { params: { path: { org } } }));
    expect(await tierOf(org, owner.id)).toBeUndefined();
    expect((await problemOf(owner.api.GET('/api/v1/orgs/{org}', { params: { path: { org } } }))).status).toBe(404);
    // Now the second owner is the last one.
    expect(
      (await problemOf(second.api.DELETE('/api/v1/orgs/{org}/membership', { params: { path: { org } } }))).status,
    ).toBe(409);
  });

  it('lets a member leave, after which the org is a 404 to them', async () => {
    const { owner, org, users } = await orgWith('guest');
    const [guest] = users;
    expect((await unwrap(guest.api.GET('/api/v1/orgs/{org}', { params: { path: { org } } }))).slug).toBe(org);
    const left = await guest.api.DELETE('/api/v1/orgs/{org}/membership', { params: { path: { org } } });
    expect(left.response.status).toBe(204);
    expect((await problemOf(guest.api.GET('/api/v1/orgs/{org}', { params: { path: { org } } }))).status).toBe(404);
    expect(
      (await problemOf(guest.api.DELETE('/api/v1/orgs/{org}/membership', { params: { path: { org } } }))).status,
    ).toBe(404);
    expect((await members(owner, org)).items.map((m) => m.userId)).toEqual([owner.id]);
  });

  it('never leaves the org ownerless when two owners demote each other at once', async () => {
    for (let round = 0; round < 3; round++) {
      const { owner, org, users } = await orgWith('owner');
      const [second] = users;
      const results = await Promise.all([
        update(owner, org, second.id, { tier: 'member' }),
        update(second, org, owner.id, { tier: 'member' }),
      ]);
      const statuses = results.map((r) => r.response.status).sort();
      expect(statuses.every((s) => [200, 403, 409].includes(s))).toBe(true);
      expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(1);
      const owners = (await t.db.query(
        "SELECT count(*)::int AS n FROM memberships m JOIN orgs o ON o.id = m.org_id WHERE o.slug = $1 AND m.tier = 'owner'",
        [org],
      )) as { n: number }[];
      expect(owners[0].n).toBeGreaterThanOrEqual(1);
    }
  });

  it('applies a demotion to the very next request with the same token', async () => {
    const { owner, org, users } = await orgWith('admin', 'member');
    const [admin, member] = users;
    expect((await unwrap(update(admin, org, member.id, { grants: ['recruiter'] }))).grants).toEqual(['recruiter']);
    await unwrap(update(owner, org, admin.id, { tier: 'member' }));
    const denied = await problemOf(update(admin, org, member.id, { grants: [] }));
    expect(denied.status).toBe(403);
    expect(denied.body.type).toMatch(/insufficient-tier$/);
    // Removing the member ends access at once, too.
    await unwrap(
      owner.api.DELETE('/api/v1/orgs/{org}/members/{userId}', { params: { path: { org, userId: admin.id } } }),
    );
    expect((await problemOf(admin.api.GET('/api/v1/orgs/{org}/members', { params: { path: { org } } }))).status).toBe(
      404,
    );
  });

  it('answers 404 for a non-member user id and 400 for a malformed one', async () => {
    const { owner, org } = await orgWith();
    const stranger = await registerUser(t);
    expect(
      (
        await problemOf(
          owner.api.GET('/api/v1/orgs/{org}/members/{userId}', { params: { path: { org, userId: stranger.id } } }),
        )
      ).status,
    ).toBe(404);
    expect((await problemOf(update(owner, org, stranger.id, { tier: 'member' }))).status).toBe(404);
    const bad = await problemOf(
      owner.api.GET('/api/v1/orgs/{org}/members/{userId}', { params: { path: { org, userId: 'not-a-uuid' } } }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'userId' })]);
  });
});
