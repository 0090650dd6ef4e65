import { newIdempotencyKey, unwrap } from '@quartermaster/sdk';
import { createOrg, problemOf, registerUser, startTestApp, TestApp, unique } from '../support/test-app';

describe('idempotency keys (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const orgCount = async (slug: string) => ((await t.db.query('SELECT count(*)::int AS n FROM orgs WHERE slug = $1', [slug])) as { n: number }[])[0].n;

  it('replays the first response for the same key and body, acting once', async () => {
    const user = await registerUser(t);
    const key = newIdempotencyKey();
    const body = { slug: unique('idem'), name: 'Once' };
    const first = await user.api.POST('/api/v1/orgs', { body, headers: { 'Idempotency-Key': key } });
    expect(first.response.status).toBe(201);
    expect(first.response.headers.get('idempotent-replayed')).toBeNull();

    // Same request with the keys in another order is the same request.
    const again = await user.api.POST('/api/v1/orgs', { body: { name: body.name, slug: body.slug }, headers: { 'Idempotency-Key': key } });
    expect(again.response.status).toBe(201);
    expect(again.response.headers.get('idempotent-replayed')).toBe('true');
    expect(again.data).toEqual(first.data);
    expect(await orgCount(body.slug)).toBe(1);
    // Replays are not audited twice.
    const audited = (await t.db.query("SELECT count(*)::int AS n FROM audit_log WHERE action = 'createOrg' AND actor_user_id = $1", [user.id])) as { n: number }[];
    expect(audited[0].n).toBe(1);
  });

  it('refuses the same key with a different body (422)', async () => {
    const user = await registerUser(t);
    const key = newIdempotencyKey();
    await unwrap(user.api.POST('/api/v1/orgs', { body: { slug: unique('idem'), name: 'First' }, headers: { 'Idempotency-Key': key } }));
    const other = await problemOf(user.api.POST('/api/v1/orgs', { body: { slug: unique('idem'), name: 'Second' }, headers: { 'Idempotency-Key': key } }));
    expect(other.status).toBe(422);
    expect(other.body.type).toMatch(/idempotency-key-reused$/);
  });

  it('scopes keys per caller', async () => {
    const [a, b] = [await registerUser(t), await registerUser(t)];
    const key = newIdempotencyKey();
    const orgA = await unwrap(a.api.POST('/api/v1/orgs', { body: { slug: unique('idem'), name: 'Org A' }, headers: { 'Idempotency-Key': key } }));
    const sameBodyOtherUser = await b.api.POST('/api/v1/orgs', { body: { slug: orgA.slug, name: 'Org A' }, headers: { 'Idempotency-Key': key } });
    // B's request runs for real (and finds the slug taken) instead of replaying A's response.
    expect(sameBodyOtherUser.response.status).toBe(409);
    const orgB = await b.api.POST('/api/v1/orgs', { body: { slug: unique('idem'), name: 'Org B' }, headers: { 'Idempotency-Key': key } });
    expect(orgB.response.status).toBe(201);
    expect(orgB.response.headers.get('idempotent-replayed')).toBeNull();
    expect(orgB.data!.id).not.toBe(orgA.id);
  });

  it('lets a failed first attempt be retried with the same key', async () => {
    const [squatter, user] = [await registerUser(t), await registerUser(t)];
    const slug = unique('idem');
    const key = newIdempotencyKey();
    const body = { slug, name: 'Retry' };
    await unwrap(squatter.api.POST('/api/v1/orgs', { body }));
    const conflict = await problemOf(user.api.POST('/api/v1/orgs', { body, headers: { 'Idempotency-Key': key } }));
    expect(conflict.status).toBe(409);
    expect(conflict.body.type).toMatch(/slug-taken$/);
    await t.db.query('DELETE FROM orgs WHERE slug = $1', [slug]);
    const retried = await user.api.POST('/api/v1/orgs', { body, headers: { 'Idempotency-Key': key } });
    expect(retried.response.status).toBe(201);
    expect(retried.response.headers.get('idempotent-replayed')).toBeNull();
    const replay = await user.api.POST('/api/v1/orgs', { body, headers: { 'Idempotency-Key': key } });
    expect(replay.response.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.data!.id).toBe(retried.data!.id);
  });

  it('creates exactly one org from ten concurrent identical requests', async () => {
    const user = await registerUser(t);
    const key = newIdempotencyKey();
    const body = { slug: unique('idem'), name: 'Stampede' };
    const results = await Promise.all(Array.from({ length: 10 }, () => user.api.POST('/api/v1/orgs', { body, headers: { 'Idempotency-Key': key } })));
    const created = results.filter((r) => r.response.status === 201);
    const fresh = created.filter((r) => r.response.headers.get('idempotent-replayed') === null);
    expect(fresh).toHaveLength(1);
    for (const r of created) expect(r.data!.id).toBe(fresh[0].data!.id);
    for (const r of results.filter((r) => r.response.status !== 201)) {
      expect(r.response.status).toBe(409);
      expect((r.error as { type: string }).type).toMatch(/idempotency-in-progress$/);
    }
    expect(await orgCount(body.slug)).toBe(1);
  });

  it('makes addMember idempotent too', async () => {
    const owner = await registerUser(t);
    const newcomer = await registerUser(t);
    const org = (await createOrg(owner)).slug;
    const key = newIdempotencyKey();
    const add = () => owner.api.POST('/api/v1/orgs/{org}/members', { params: { path: { org } }, body: { userId: newcomer.id, tier: 'member' }, headers: { 'Idempotency-Key': key } });
    const first = await add();
    expect(first.response.status).toBe(201);
    const second = await add();
    // Without the key this would be a 409 already-member.
    expect(second.response.status).toBe(201);
    expect(second.response.headers.get('idempotent-replayed')).toBe('true');
    expect(second.data).toEqual(first.data);
    // The same key on another route or org is a different request.
    const otherOrg = (await createOrg(owner)).slug;
    const elsewhere = await problemOf(owner.api.POST('/api/v1/orgs/{org}/members', { params: { path: { org: otherOrg } }, body: { userId: newcomer.id, tier: 'member' }, headers: { 'Idempotency-Key': key } }));
    expect(elsewhere.status).toBe(422);
  });

  it('validates the key itself', async () => {
    const user = await registerUser(t);
    const bad = await problemOf(user.api.POST('/api/v1/orgs', { body: { slug: unique('idem'), name: 'Bad key' }, headers: { 'Idempotency-Key': 'x'.repeat(256) } }));
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'Idempotency-Key' })]);
  });
});
