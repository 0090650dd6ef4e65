import { createQuartermasterClient, newIdempotencyKey, paginate, ProblemError, unwrap } from '@quartermaster/sdk';
import { addMember, createOrg, registerUser, startTestApp, TestApp } from '../../../test/support/test-app';

/** The SDK against the real app: auth, typed problems, pagination (keyset and offset), retries with idempotency keys. */
describe('@quartermaster/sdk', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('authenticates with a token (or a token function) and with an API key', async () => {
    const user = await registerUser(t, 'sdk');
    const byFunction = createQuartermasterClient({ baseUrl: t.baseUrl, token: async () => user.token });
    expect((await unwrap(byFunction.GET('/api/v1/me'))).id).toBe(user.id);
    const { key } = await unwrap(user.api.POST('/api/v1/me/api-keys', { body: { name: 'sdk test' } }));
    const byKey = createQuartermasterClient({ baseUrl: `${t.baseUrl}/`, apiKey: key });
    expect((await unwrap(byKey.GET('/api/v1/me'))).username).toBe(user.username);
  });

  it('throws typed problems with slug, field errors and request id', async () => {
    const error = await unwrap(
      t.anonymous.POST('/api/v1/auth/register', { body: { username: 'x', password: 'short' } }),
    ).catch((e) => e);
    expect(error).toBeInstanceOf(ProblemError);
    expect(error).toMatchObject({ status: 400, slug: 'validation' });
    expect(error.errors.map((e: { path: string }) => e.path).sort()).toEqual(['password', 'username']);
    expect(error.requestId).toMatch(/.+/);
    const unauthenticated = await unwrap(t.anonymous.GET('/api/v1/me')).catch((e) => e);
    expect(unauthenticated).toMatchObject({ status: 401, slug: 'unauthenticated' });
  });

  it('iterates every item of a cursor-paginated list', async () => {
    const owner = await registerUser(t, 'pager');
    const org = await createOrg(owner);
    for (let i = 0; i < 5; i++) await addMember(owner, org.slug, await registerUser(t, `m${i}`), 'member');
    const seen: string[] = [];
    for await (const member of paginate((cursor) =>
      owner.api.GET('/api/v1/orgs/{org}/members', { params: { path: { org: org.slug }, query: { limit: 2, cursor } } }),
    )) {
      seen.push(member.userId);
    }
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
  });

  it('retries a lost mutation with its Idempotency-Key: one effect, the first answer replayed', async () => {
    const owner = await registerUser(t, 'retry');
    let calls = 0;
    // The first attempt reaches the server, then the answer is "lost" on the way back.
    const flaky: typeof fetch = async (input, init) => {
      calls += 1;
      const response = await fetch(input, init);
      if (calls === 1) throw new TypeError('network connection lost');
      return response;
    };
    const api = createQuartermasterClient({ baseUrl: t.baseUrl, token: owner.token, fetch: flaky, retries: 2 });
    const slug = `sdk-${Date.now().toString(36)}`;
    const key = newIdempotencyKey();
    const { data, response } = await api.POST('/api/v1/orgs', {
      body: { slug, name: 'Retried' },
      params: { header: { 'Idempotency-Key': key } },
    });
    expect(calls).toBe(2);
    expect(response.headers.get('idempotent-replayed')).toBe('true');
    expect(data?.slug).toBe(slug);
    const mine = await unwrap(owner.api.GET('/api/v1/orgs'));
    expect(mine.items.filter((o) => o.slug === slug)).toHaveLength(1);
  });

  it('retries a lost POST with the key it added itself: one effect, the first answer replayed', async () => {
    const owner = await registerUser(t, 'autokey');
    const keys: (string | null)[] = [];
    const flaky: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      keys.push(request.headers.get('Idempotency-Key'));
      const response = await fetch(request);
      if (keys.length === 1) throw new TypeError('network connection lost');
      return response;
    };
    const api = createQuartermasterClient({ baseUrl: t.baseUrl, token: owner.token, fetch: flaky, retries: 2 });
    const slug = `auto-${Date.now().toString(36)}`;
    const { data, response } = await api.POST('/api/v1/orgs', { body: { slug, name: 'Auto key' } });
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(response.headers.get('idempotent-replayed')).toBe('true');
    expect(data?.slug).toBe(slug);
    const mine = await unwrap(owner.api.GET('/api/v1/orgs'));
    expect(mine.items.filter((o) => o.slug === slug)).toHaveLength(1);
  });

  it('does not retry a mutation when automatic keys are off and none is given', async () => {
    const owner = await registerUser(t, 'noretry');
    let calls = 0;
    const failing: typeof fetch = async () => {
      calls += 1;
      throw new TypeError('network connection lost');
    };
    const api = createQuartermasterClient({
      baseUrl: t.baseUrl,
      token: owner.token,
      fetch: failing,
      retries: 3,
      idempotencyKeys: false,
    });
    await expect(api.POST('/api/v1/orgs', { body: { slug: 'never-sent', name: 'x' } })).rejects.toThrow(
      'network connection lost',
    );
    expect(calls).toBe(1);
  });

  it('iterates every item of an offset-paginated list', async () => {
    const owner = await registerUser(t, 'offset');
    const org = await createOrg(owner, ['dkp']);
    const params = { path: { org: org.slug } };
    for (let i = 0; i < 5; i++) {
      await unwrap(owner.api.POST('/api/v1/orgs/{org}/dkp/items', { params, body: { name: `Item ${i}` } }));
    }
    const offsets: number[] = [];
    const names: string[] = [];
    for await (const item of paginate((_cursor, offset) => {
      offsets.push(offset);
      return owner.api.GET('/api/v1/orgs/{org}/dkp/items', { params: { ...params, query: { offset, limit: 2 } } });
    })) {
      names.push(item.name);
    }
    expect(names.sort()).toEqual(['Item 0', 'Item 1', 'Item 2', 'Item 3', 'Item 4']);
    expect(offsets).toEqual([0, 2, 4]);
  });

  it('retries safe reads on 503 and gives up after its retries', async () => {
    let calls = 0;
    const unavailable: typeof fetch = async () => {
      calls += 1;
      return new Response(JSON.stringify({ type: 'x/unavailable', title: 'Service unavailable', status: 503 }), {
        status: 503,
        headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '0' },
      });
    };
    const api = createQuartermasterClient({ baseUrl: t.baseUrl, fetch: unavailable, retries: 2 });
    const error = await unwrap(api.GET('/api/v1/health/live')).catch((e) => e);
    expect(calls).toBe(3);
    expect(error).toMatchObject({ status: 503, slug: 'unavailable' });
  });
});
