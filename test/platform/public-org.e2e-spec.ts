import { unwrap } from '@quartermaster/sdk';
import { http } from '../support/http';
import { addMember, createOrg, registerUser, startTestApp, TestApp, TestUser } from '../support/test-app';

/**
 * Public org routes (issue 12 item 4), through the platform's one: `GET /orgs/{org}/public`.
 * Raw calls: the route and the `publicSite` field are newer than the generated SDK types.
 */
describe('public org pages (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const profile = (slug: string, headers: Record<string, string> = {}) =>
    http(t, null, 'GET', `/api/v1/orgs/${slug}/public`, { headers });
  const patch = (who: TestUser, slug: string, body: Record<string, unknown>) =>
    http(t, who, 'PATCH', `/api/v1/orgs/${slug}`, { body });

  async function orgWithOwner() {
    const owner = await registerUser(t);
    return { owner, org: await createOrg(owner, ['dkp']) };
  }

  it('answers 404 while the public site is off (the default), like an org that does not exist', async () => {
    const { org } = await orgWithOwner();
    const off = await profile(org.slug);
    const missing = await profile('no-such-org-here');
    expect(off.status).toBe(404);
    expect(off.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const same = (body: Record<string, unknown>) => ({ ...body, instance: undefined, requestId: undefined });
    expect(same(off.body)).toEqual(same(missing.body));
  });

  it('answers the profile to anyone once an admin switches the site on, and 404 again once off', async () => {
    const { owner, org } = await orgWithOwner();
    const on = await patch(owner, org.slug, { publicSite: true, publicDescription: 'Raids on Tuesdays.' });
    expect(on.status).toBe(200);
    expect(on.body).toEqual(expect.objectContaining({ publicSite: true, publicDescription: 'Raids on Tuesdays.' }));

    const open = await profile(org.slug);
    expect(open.status).toBe(200);
    expect(open.body).toEqual({ slug: org.slug, name: org.name, contexts: ['dkp'], description: 'Raids on Tuesdays.' });
    // The members' view shows the setting too.
    const seen = await unwrap(owner.api.GET('/api/v1/orgs/{org}', { params: { path: { org: org.slug } } }));
    expect(seen).toEqual(expect.objectContaining({ publicSite: true, publicDescription: 'Raids on Tuesdays.' }));

    expect((await patch(owner, org.slug, { publicSite: false })).status).toBe(200);
    expect((await profile(org.slug)).status).toBe(404);
  });

  it('looks at no credential: a garbage token or key does not turn the public answer into 401', async () => {
    const { owner, org } = await orgWithOwner();
    await patch(owner, org.slug, { publicSite: true });
    expect((await profile(org.slug, { authorization: 'Bearer not-a-token' })).status).toBe(200);
    expect((await profile(org.slug, { 'x-api-key': 'qm_nope' })).status).toBe(200);
  });

  it("another org's public site does not open this one", async () => {
    const open = await orgWithOwner();
    const closed = await orgWithOwner();
    await patch(open.owner, open.org.slug, { publicSite: true });
    expect((await profile(open.org.slug)).status).toBe(200);
    expect((await profile(closed.org.slug)).status).toBe(404);
    // Nor can the open org's owner switch the other one on.
    expect((await patch(open.owner, closed.org.slug, { publicSite: true })).status).toBe(404);
    expect((await profile(closed.org.slug)).status).toBe(404);
  });

  it('only admins switch it: an officer gets 403 and nothing changes', async () => {
    const { owner, org } = await orgWithOwner();
    const officer = await registerUser(t);
    await addMember(owner, org.slug, officer, 'officer');
    const refused = await patch(officer, org.slug, { publicSite: true });
    expect(refused.status).toBe(403);
    expect((await profile(org.slug)).status).toBe(404);

    const admin = await registerUser(t);
    await addMember(owner, org.slug, admin, 'admin');
    expect((await patch(admin, org.slug, { publicSite: true })).status).toBe(200);
    expect((await profile(org.slug)).status).toBe(200);
  });

  it('refuses bad settings with 400 and writes nothing', async () => {
    const { owner, org } = await orgWithOwner();
    const bad = await patch(owner, org.slug, { publicSite: 'yes', publicDescription: 'x'.repeat(1001) });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['publicDescription', 'publicSite']);
    expect((await profile(org.slug)).status).toBe(404);
  });

  it('is published in x-access and described as public when the site is on', async () => {
    const doc = (await http(t, null, 'GET', '/docs/openapi.json')).body;
    const operation = doc.paths['/api/v1/orgs/{org}/public'].get;
    expect(operation['x-access']).toEqual({ public: true, publicSite: true });
    expect(operation.security).toEqual([]);
    expect(operation.description).toContain("public (when the org's public site is on)");
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '404', '429']));
  });
});

describe('public org rate limit (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Roomy default limit, tight public one: only the public bucket can refuse here.
    t = await startTestApp({ RATE_LIMIT_PUBLIC_ORG_PER_MINUTE: '3', REDIS_URL: '', TRUST_PROXY: '127.0.0.1' });
  });
  afterAll(() => t.close());

  const fromIp = (path: string, ip: string) => http(t, null, 'GET', path, { headers: { 'x-forwarded-for': ip } });

  it('counts public org routes per IP in their own bucket, refused slugs included', async () => {
    const owner = await registerUser(t);
    const org = await createOrg(owner);
    await http(t, owner, 'PATCH', `/api/v1/orgs/${org.slug}`, { body: { publicSite: true } });

    const statuses: number[] = [];
    for (const path of [org.slug, 'no-such-org-here', org.slug, org.slug])
      statuses.push((await fromIp(`/api/v1/orgs/${path}/public`, '198.51.100.7')).status);
    expect(statuses).toEqual([200, 404, 200, 429]);
    const limited = await fromIp(`/api/v1/orgs/${org.slug}/public`, '198.51.100.7');
    expect(limited.headers.get('content-type')).toMatch(/^application\/problem\+json/);

    // Another IP has its own budget; other routes from the limited IP are not in this bucket.
    expect((await fromIp(`/api/v1/orgs/${org.slug}/public`, '198.51.100.8')).status).toBe(200);
    expect((await fromIp('/api/v1/health/live', '198.51.100.7')).status).toBe(200);
    const member = await http(t, owner, 'GET', `/api/v1/orgs/${org.slug}`, {
      headers: { 'x-forwarded-for': '198.51.100.7' },
    });
    expect(member.status).toBe(200);
  });
});
