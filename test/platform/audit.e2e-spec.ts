import { unwrap } from '@quartermaster/sdk';
import { addMember, createOrg, problemOf, registerUser, startTestApp, TestApp, TestUser } from '../support/test-app';

describe('audit log (e2e)', () => {
  let t: TestApp;
  let owner: TestUser;
  let admin: TestUser;
  let member: TestUser;
  let org: string;
  const requestIds: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    owner = await registerUser(t, 'owner');
    admin = await registerUser(t, 'admin');
    member = await registerUser(t, 'member');
    org = (await createOrg(owner)).slug;

    const patched = await owner.api.PATCH('/api/v1/orgs/{org}', {
      params: { path: { org } },
      body: { name: 'Audited Org' },
    });
    requestIds.updateOrg = patched.response.headers.get('x-request-id')!;
    const added = await owner.api.POST('/api/v1/orgs/{org}/members', {
      params: { path: { org } },
      body: { userId: admin.id, tier: 'admin' },
    });
    requestIds.addMember = added.response.headers.get('x-request-id')!;
    await addMember(owner, org, member, 'member');
    const updated = await admin.api.PATCH('/api/v1/orgs/{org}/members/{userId}', {
      params: { path: { org, userId: member.id } },
      body: { tier: 'officer', grants: ['recruiter'] },
    });
    requestIds.updateMember = updated.response.headers.get('x-request-id')!;
    for (const r of [patched, added, updated]) expect(r.response.ok).toBe(true);
  });
  afterAll(() => t.close());

  const auditLog = (as: TestUser, query: Record<string, unknown> = {}, slug = org) =>
    as.api.GET('/api/v1/orgs/{org}/audit-log', { params: { path: { org: slug }, query } });

  it('records who did what to whom, with the request id', async () => {
    const { items } = await unwrap(auditLog(admin));
    const byAction = (action: string) => items.filter((e) => e.action === action);

    expect(byAction('updateOrg')).toEqual([
      expect.objectContaining({
        actorUserId: owner.id,
        changes: { name: 'Audited Org' },
        requestId: requestIds.updateOrg,
        status: 200,
      }),
    ]);
    const [add] = byAction('addMember').filter((e) => e.targetId === admin.id);
    expect(add).toEqual(
      expect.objectContaining({
        actorUserId: owner.id,
        targetId: admin.id,
        changes: { userId: admin.id, tier: 'admin' },
        requestId: requestIds.addMember,
        status: 201,
      }),
    );
    expect(byAction('updateMember')).toEqual([
      expect.objectContaining({
        actorUserId: admin.id,
        targetId: member.id,
        changes: { tier: 'officer', grants: ['recruiter'] },
        requestId: requestIds.updateMember,
        targetType: 'members',
      }),
    ]);
    // Newest first.
    const times = items.map((e) => new Date(e.createdAt).getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    // Reads are not audited.
    expect(items.some((e) => e.action.startsWith('list') || e.action.startsWith('get'))).toBe(false);
  });

  it('filters by action, actor and target, and pages', async () => {
    const updates = await unwrap(auditLog(admin, { action: 'updateMember' }));
    expect(updates.items.map((e) => e.action)).toEqual(['updateMember']);
    const byActor = await unwrap(auditLog(admin, { actorUserId: admin.id }));
    expect(byActor.items.every((e) => e.actorUserId === admin.id)).toBe(true);
    expect(byActor.items.length).toBeGreaterThan(0);
    const byTarget = await unwrap(auditLog(admin, { targetId: member.id }));
    expect(byTarget.items.map((e) => e.action).sort()).toEqual(['addMember', 'updateMember']);

    const first = await unwrap(auditLog(admin, { limit: 1 }));
    const second = await unwrap(auditLog(admin, { limit: 1, cursor: first.nextCursor! }));
    expect(second.items[0].id).not.toBe(first.items[0].id);
    expect((await problemOf(auditLog(admin, { cursor: 'garbage' }))).status).toBe(400);
  });

  it('redacts password-like fields', async () => {
    const own = await registerUser(t);
    const slug = (await createOrg(own)).slug;
    // An unknown field is rejected before anything is written, so audit the redaction through a
    // real secret-bearing mutation: none exist on org routes yet, so check the recorder directly.
    const { auditedChanges } = await import('../../src/platform/audit/audit.interceptor');
    expect(
      auditedChanges({
        password: 'hunter2',
        newPassword: 'x',
        refreshToken: 'y',
        key: 'k',
        clientSecret: 's',
        name: 'ok',
      }),
    ).toEqual({
      password: '[redacted]',
      newPassword: '[redacted]',
      refreshToken: '[redacted]',
      key: '[redacted]',
      clientSecret: '[redacted]',
      name: 'ok',
    });
    // At any depth, too.
    expect(
      auditedChanges({
        webhook: { url: 'https://x.example', secret: 's3cr3t' },
        users: [{ name: 'a', password: 'p' }],
      }),
    ).toEqual({
      webhook: { url: 'https://x.example', secret: '[redacted]' },
      users: [{ name: 'a', password: '[redacted]' }],
    });
    // Registration and login (outside any org) are audited with the password redacted.
    const username = `audit-${Date.now().toString(36)}`;
    await unwrap(t.anonymous.POST('/api/v1/auth/register', { body: { username, password: 'super-secret-password' } }));
    const rows = (await t.db.query(
      "SELECT changes FROM audit_log WHERE action = 'register' AND changes->>'username' = $1",
      [username],
    )) as { changes: Record<string, unknown> }[];
    expect(rows).toHaveLength(1);
    expect(rows[0].changes.password).toBe('[redacted]');
    expect(JSON.stringify(rows)).not.toContain('super-secret-password');
    expect(slug).toBeTruthy();
  });

  it('is for admins only', async () => {
    const officer = await problemOf(auditLog(member));
    expect(officer.status).toBe(403);
  });

  it('never shows one org its neighbour', async () => {
    const neighbour = await registerUser(t, 'neighbour');
    const theirs = await createOrg(neighbour);
    await unwrap(
      neighbour.api.PATCH('/api/v1/orgs/{org}', {
        params: { path: { org: theirs.slug } },
        body: { name: 'Neighbour Org' },
      }),
    );

    expect((await problemOf(auditLog(neighbour))).status).toBe(404);
    const own = await unwrap(auditLog(neighbour, {}, theirs.slug));
    expect(own.items.map((e) => e.action)).toEqual(['updateOrg']);
    const mine = await unwrap(auditLog(admin));
    expect(mine.items.some((e) => e.actorUserId === neighbour.id)).toBe(false);
    expect(
      mine.items.some((e) => e.requestId && e.changes && (e.changes as { name?: string }).name === 'Neighbour Org'),
    ).toBe(false);
  });
});
