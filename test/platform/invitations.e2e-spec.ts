import { unwrap } from '@quartermaster/sdk';
import { addMember, createOrg, problemOf, registerUser, startTestApp, TestApp, TestUser } from '../support/test-app';

describe('invitations (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const invite = (
    as: TestUser,
    org: string,
    body: { tier: string; grants?: string[]; maxUses?: number; expiresAt?: string },
  ) => as.api.POST('/api/v1/orgs/{org}/invitations', { params: { path: { org } }, body: body as never });
  const accept = (as: TestUser, code: string) =>
    as.api.POST('/api/v1/invitations/{code}/accept', { params: { path: { code } } });

  async function setup() {
    const owner = await registerUser(t, 'owner');
    const admin = await registerUser(t, 'admin');
    const member = await registerUser(t, 'member');
    const org = await createOrg(owner);
    await addMember(owner, org.slug, admin, 'admin');
    await addMember(owner, org.slug, member, 'member');
    return { owner, admin, member, org: org.slug, orgId: org.id };
  }

  it('lets an admin invite and the invitee join at the invitation tier', async () => {
    const { admin, org, orgId } = await setup();
    const created = await unwrap(invite(admin, org, { tier: 'officer', grants: ['recruiter'] }));
    expect(created).toEqual(
      expect.objectContaining({
        code: expect.any(String),
        tier: 'officer',
        grants: ['recruiter'],
        maxUses: 1,
        uses: 0,
        revokedAt: null,
      }),
    );
    expect(new Date(created.expiresAt!).getTime()).toBeGreaterThan(Date.now());

    const listed = await unwrap(admin.api.GET('/api/v1/orgs/{org}/invitations', { params: { path: { org } } }));
    expect(listed.items.map((i) => i.id)).toContain(created.id);

    const invitee = await registerUser(t, 'invitee');
    const joined = await unwrap(accept(invitee, created.code));
    expect(joined).toEqual(expect.objectContaining({ id: orgId, slug: org, tier: 'officer', grants: ['recruiter'] }));
    const me = await unwrap(
      admin.api.GET('/api/v1/orgs/{org}/members/{userId}', { params: { path: { org, userId: invitee.id } } }),
    );
    expect(me).toEqual(expect.objectContaining({ tier: 'officer', grants: ['recruiter'] }));
    const mine = await unwrap(invitee.api.GET('/api/v1/orgs'));
    expect(mine.items).toEqual([expect.objectContaining({ slug: org, tier: 'officer' })]);
  });

  it('refuses a member and a stranger', async () => {
    const { member, org } = await setup();
    const denied = await problemOf(invite(member, org, { tier: 'guest' }));
    expect(denied.status).toBe(403);
    expect(
      (await problemOf(member.api.GET('/api/v1/orgs/{org}/invitations', { params: { path: { org } } }))).status,
    ).toBe(403);
    const stranger = await registerUser(t);
    expect((await problemOf(invite(stranger, org, { tier: 'guest' }))).status).toBe(404);
  });

  it('cannot invite above the inviter tier, nor to ownership', async () => {
    const { admin, owner, org } = await setup();
    const above = await problemOf(invite(admin, org, { tier: 'owner' }));
    expect(above.status).toBe(403);
    expect(above.body.type).toMatch(/tier-above-own$/);
    const ownership = await problemOf(invite(owner, org, { tier: 'owner' }));
    expect(ownership.status).toBe(400);
    expect(ownership.body.errors[0].path).toBe('tier');
    expect((await unwrap(invite(admin, org, { tier: 'admin' }))).tier).toBe('admin');
    const past = await problemOf(
      invite(admin, org, { tier: 'member', expiresAt: new Date(Date.now() - 1000).toISOString() }),
    );
    expect(past.status).toBe(400);
    expect(past.body.errors[0].path).toBe('expiresAt');
    expect((await problemOf(invite(admin, org, { tier: 'member', maxUses: 0 }))).status).toBe(400);
  });

  it('stops working after maxUses', async () => {
    const { admin, org } = await setup();
    const { code } = await unwrap(invite(admin, org, { tier: 'member', maxUses: 2 }));
    await unwrap(accept(await registerUser(t), code));
    await unwrap(accept(await registerUser(t), code));
    const third = await problemOf(accept(await registerUser(t), code));
    expect(third.status).toBe(404);
  });

  it('refuses an expired code', async () => {
    const { admin, org } = await setup();
    const inv = await unwrap(invite(admin, org, { tier: 'member' }));
    await t.db.query("UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = $1", [inv.id]);
    expect((await problemOf(accept(await registerUser(t), inv.code))).status).toBe(404);
  });

  it('refuses a revoked code, and revoking is scoped to the org', async () => {
    const { admin, org } = await setup();
    const inv = await unwrap(invite(admin, org, { tier: 'member' }));
    const other = await setup();
    expect(
      (
        await problemOf(
          other.admin.api.DELETE('/api/v1/orgs/{org}/invitations/{id}', {
            params: { path: { org: other.org, id: inv.id } },
          }),
        )
      ).status,
    ).toBe(404);
    const revoked = await admin.api.DELETE('/api/v1/orgs/{org}/invitations/{id}', {
      params: { path: { org, id: inv.id } },
    });
    expect(revoked.response.status).toBe(204);
    expect((await problemOf(accept(await registerUser(t), inv.code))).status).toBe(404);
  });

  it('answers 404 to an unknown code and 409 to a member', async () => {
    const { admin, member, org } = await setup();
    expect((await problemOf(accept(member, 'no-such-code'))).status).toBe(404);
    const { code } = await unwrap(invite(admin, org, { tier: 'guest' }));
    const already = await problemOf(accept(member, code));
    expect(already.status).toBe(409);
    expect(already.body.type).toMatch(/already-member$/);
    expect(already.body.tier).toBe('member');
    // The failed accept did not use the code up.
    await unwrap(accept(await registerUser(t), code));
  });

  it('lets exactly one of two concurrent accepts of a single-use code through', async () => {
    for (let round = 0; round < 3; round++) {
      const { admin, org } = await setup();
      const { code, id } = await unwrap(invite(admin, org, { tier: 'member', maxUses: 1 }));
      const [a, b] = [await registerUser(t), await registerUser(t)];
      const results = await Promise.all([accept(a, code), accept(b, code)]);
      expect(results.map((r) => r.response.status).sort()).toEqual([200, 404]);
      const [{ uses }] = (await t.db.query('SELECT uses FROM invitations WHERE id = $1', [id])) as { uses: number }[];
      expect(uses).toBe(1);
      const joined = (await t.db.query('SELECT count(*)::int AS n FROM memberships WHERE user_id = ANY($1)', [
        [a.id, b.id],
      ])) as { n: number }[];
      expect(joined[0].n).toBe(1);
    }
  });
});
