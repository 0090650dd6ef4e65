import { newIdempotencyKey, unwrap } from '@quartermaster/sdk';
import { createOrg, problemOf, registerUser, startTestApp, TestApp, unique } from '../support/test-app';

describe('idempotency keys (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const orgCount = async (slug: string) =>
    ((await t.db.query('SELECT count(*)::int AS n FROM orgs WHERE slug = $1', [slug])) as { n: number }[])[0].n;

  it('replays the first response for the same key and body, acting once', async () => {
    const user = await registerUser(t);
    const key = newIdempotencyKey();
    const body = { slug: unique('idem'), name: 'Once' };
    const first = await user.api.POST('/api/v1/orgs', { body, headers: { 'Idempotency-Key': key } });
    expect(first.response.status).toBe(201);
    expect(first.response.headers.get('idempotent-replayed')).toBeNull();

    // Same request with the keys in another order is the same request.
    const again = await user.api.POST('/api/v1/orgs', {
      body: { name: body.name, slug: body.slug },
      headers: { 'Idempotency-Key': key },
    });
    expect(again.response.status).toBe(201);
    expect(again.response.headers.get('idempotent-replayed')).toBe('true');
    expect(again.data).toEqual(first.data);
    expect(await orgCount(body.slug)).toBe(1);
    // Replays are not audited twice.
    const audited = (await t.db.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'createOrg' AND actor_user_id = $1",
      [user.id],
    )) as { n: number }[];
    expect(audited[0].n).toBe(1);
  });

  it('refuses the same key with a different body (422)', async () => {
    const user = await registerUser(t);
    const key = newIdempotencyKey();
    await unwrap(
      user.api.POST('/api/v1/orgs', {
        body: { slug: unique('idem'), name: 'First' },
        headers: { 'Idempotency-Key': key },
      }),
    );
    const other = await problemOf(
      user.api.POST('/api/v1/orgs', {
        body: { slug: unique('idem'), name: 'Second' },
        headers: { 'Idempotency-Key': key },
      }),
    );
    expect(other.status).toBe(422);
    expect(other.body.type).toMatch(/idempotency-key-reused$/);
  });

  it('scopes keys per caller', async () => {
    const [a, b] = [await registerUser(t), await registerUser(t)];
    const key = newIdempotencyKey();
    const orgA = await unwrap(
      a.api.POST('/api/v1/orgs', {
        body: { slug: unique('idem'), name: 'Org A' },
        headers: { 'Idempotency-Key': key },
      }),
    );
    const sameBodyOtherUser = await b.api.POST('/api/v1/orgs', {
      body: { slug: orgA.slug, name: 'Org A' },
      headers: { 'Idempotency-Key': key },
    });
    // B's request runs for real (and finds the slug taken) instead of replaying A's response.
    expect(sameBodyOtherUser.response.status).toBe(409);
    const orgB = await b.api.POST('/api/v1/orgs', {
      body: { slug: unique('idem'), name: 'Org B' },
      headers: { 'Idempotency-Key': key },
    });
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
    const results = await Promise.all(
      Array.from({ length: 10 }, () => user.api.POST('/api/v1/orgs', { body, headers: { 'Idempotency-Key': key } })),
    );
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
    const add = () =>
      owner.api.POST('/api/v1/orgs/{org}/members', {
        params: { path: { org } },
        body: { userId: newcomer.id, tier: 'member' },
        headers: { 'Idempotency-Key': key },
      });
    const first = await add();
    expect(first.response.status).toBe(201);
    const second = await add();
    // Without the key this would be a 409 already-member.
    expect(second.response.status).toBe(201);
    expect(second.response.headers.get('idempotent-replayed')).toBe('true');
    expect(second.data).toEqual(first.data);
    // The same key on another route or org is a different request.
    const otherOrg = (await createOrg(owner)).slug;
    const elsewhere = await problemOf(
      owner.api.POST('/api/v1/orgs/{org}/members', {
        params: { path: { org: otherOrg } },
        body: { userId: newcomer.id, tier: 'member' },
        headers: { 'Idempotency-Key': key },
      }),
    );
    expect(elsewhere.status).toBe(422);
  });

  describe('leases (a request that died holding its key)', () => {
    const record = async (key: string) =>
      (
        (await t.db.query('SELECT id, owner_token AS "ownerToken" FROM idempotency_records WHERE key = $1', [key])) as {
          id: string;
          ownerToken: string;
        }[]
      )[0];
    /** Turns a finished key back into what a crash leaves: pending, with a lease and maybe a committed transaction. */
    const crashed = async (key: string, state: { leaseSeconds: number; committedResults?: unknown[] }) =>
      t.db.query(
        `UPDATE idempotency_records SET response_status = NULL, response_body = NULL, lease_until = now() + make_interval(secs => $2),
                committed_at = CASE WHEN $3::jsonb IS NULL THEN NULL ELSE now() END, transaction_results = $3::jsonb
          WHERE key = $1`,
        [key, state.leaseSeconds, state.committedResults ? JSON.stringify(state.committedResults) : null],
      );

    it('answers 409 with Retry-After while the lease runs', async () => {
      const user = await registerUser(t);
      const key = newIdempotencyKey();
      const body = { slug: unique('idem'), name: 'Leased' };
      await unwrap(user.api.POST('/api/v1/orgs', { body, headers: { 'Idempotency-Key': key } }));
      await crashed(key, { leaseSeconds: 30, committedResults: [{}] });
      const busy = await user.api.POST('/api/v1/orgs', { body, headers: { 'Idempotency-Key': key } });
      expect(busy.response.status).toBe(409);
      expect((busy.error as { type: string }).type).toMatch(/idempotency-in-progress$/);
      expect(Number(busy.response.headers.get('retry-after'))).toBeGreaterThanOrEqual(25);
    });

    it('takes over a lapsed claim whose effect never committed, and acts once', async () => {
      const user = await registerUser(t);
      const key = newIdempotencyKey();
      const body = { slug: unique('idem'), name: 'Lost' };
      await unwrap(user.api.POST('/api/v1/orgs', { body, headers: { 'Idempotency-Key': key } }));
      // As if the first attempt died before its commit: no org, a pending key with a lapsed lease.
      await t.db.query('DELETE FROM orgs WHERE slug = $1', [body.slug]);
      await crashed(key, { leaseSeconds: -1 });
      const before = await record(key);
      const retried = await user.api.POST('/api/v1/orgs', { body, headers: { 'Idempotency-Key': key } });
      expect(retried.response.status).toBe(201);
      expect(retried.response.headers.get('idempotent-replayed')).toBeNull();
      expect(await orgCount(body.slug)).toBe(1);
      expect((await record(key)).ownerToken).not.toBe(before.ownerToken);
      const replay = await user.api.POST('/api/v1/orgs', { body, headers: { 'Idempotency-Key': key } });
      expect(replay.response.headers.get('idempotent-replayed')).toBe('true');
      expect(replay.data!.id).toBe(retried.data!.id);
    });

    it('resumes a lapsed claim whose effect committed without acting again', async () => {
      const owner = await registerUser(t);
      const newcomer = await registerUser(t);
      const org = (await createOrg(owner)).slug;
      const key = newIdempotencyKey();
      const add = () =>
        owner.api.POST('/api/v1/orgs/{org}/members', {
          params: { path: { org } },
          body: { userId: newcomer.id, tier: 'member' },
          headers: { 'Idempotency-Key': key },
        });
      const first = await add();
      expect(first.response.status).toBe(201);
      // As if the process died after the commit but before the answer was stored (the stored
      // transaction result is addMember's answer, which its transaction returns).
      await crashed(key, { leaseSeconds: -1, committedResults: [first.data] });
      const resumed = await add();
      // Acting again would be a 409 already-member: the committed transaction is replayed instead.
      expect(resumed.response.status).toBe(201);
      expect(resumed.data).toEqual(first.data);
    });
  });

  it('validates the key itself', async () => {
    const user = await registerUser(t);
    const bad = await problemOf(
      user.api.POST('/api/v1/orgs', {
        body: { slug: unique('idem'), name: 'Bad key' },
        headers: { 'Idempotency-Key': 'x'.repeat(256) },
      }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'Idempotency-Key' })]);
  });
});
