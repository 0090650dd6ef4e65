import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { createQuartermasterClient, honoursIdempotencyKey, unwrap, withTimeout } from '@quartermaster/sdk';

const BASE = 'http://api.test';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A fake fetch that records every request and answers from a script of outcomes. */
function scripted(...outcomes: ('lost' | 'hang' | number)[]) {
  const requests: Request[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    requests.push(request);
    const outcome = outcomes[Math.min(requests.length - 1, outcomes.length - 1)];
    if (outcome === 'lost') throw new TypeError('network connection lost');
    if (outcome === 'hang') {
      // Never answers: only the request's signal (timeout or caller) ends it.
      return new Promise((_, reject) => {
        if (request.signal.aborted) reject(request.signal.reason);
        request.signal.addEventListener('abort', () => reject(request.signal.reason));
      });
    }
    return new Response(JSON.stringify({ slug: 'x', name: 'X' }), {
      status: outcome,
      headers: { 'Content-Type': 'application/json', 'Retry-After': '0' },
    });
  };
  return { requests, fetch: fetch as typeof globalThis.fetch };
}

const org = { body: { slug: 'sdk-org', name: 'SDK' } };

describe('idempotency keys', () => {
  it('gives a POST without a key a fresh UUID key, reused by every retry of it', async () => {
    const { requests, fetch } = scripted('lost', 503, 201);
    const api = createQuartermasterClient({ baseUrl: BASE, fetch, retries: 3 });
    const created = await unwrap(api.POST('/api/v1/orgs', org));
    expect(created.slug).toBe('x');
    expect(requests).toHaveLength(3);
    const keys = requests.map((r) => r.headers.get('Idempotency-Key'));
    expect(keys[0]).toMatch(UUID);
    expect(new Set(keys)).toEqual(new Set([keys[0]]));
    // Each call has its own intent, hence its own key.
    await api.POST('/api/v1/orgs', org);
    expect(requests[3].headers.get('Idempotency-Key')).not.toBe(keys[0]);
  });

  it("keeps the caller's own key", async () => {
    const { requests, fetch } = scripted('lost', 201);
    const api = createQuartermasterClient({ baseUrl: BASE, fetch });
    await api.POST('/api/v1/orgs', { ...org, params: { header: { 'Idempotency-Key': 'mine-1' } } });
    expect(requests.map((r) => r.headers.get('Idempotency-Key'))).toEqual(['mine-1', 'mine-1']);
  });

  it('does not retry a POST whose operation ignores idempotency keys', async () => {
    expect(honoursIdempotencyKey('POST', '/api/v1/auth/register')).toBe(false);
    const { requests, fetch } = scripted('lost', 201);
    const api = createQuartermasterClient({ baseUrl: BASE, fetch, retries: 3 });
    await expect(
      api.POST('/api/v1/auth/register', { body: { username: 'someone', password: 'correct-horse' } }),
    ).rejects.toThrow('network connection lost');
    expect(requests).toHaveLength(1);
  });

  it('adds no key and does not retry POSTs when automatic keys are off', async () => {
    const { requests, fetch } = scripted('lost', 201);
    const api = createQuartermasterClient({ baseUrl: BASE, fetch, retries: 3, idempotencyKeys: false });
    await expect(api.POST('/api/v1/orgs', org)).rejects.toThrow('network connection lost');
    expect(requests).toHaveLength(1);
    expect(requests[0].headers.has('Idempotency-Key')).toBe(false);
  });

  it('never puts a key on reads', async () => {
    const { requests, fetch } = scripted(200);
    await createQuartermasterClient({ baseUrl: BASE, fetch }).GET('/api/v1/me');
    expect(requests[0].headers.has('Idempotency-Key')).toBe(false);
  });

  it('retries a 409 idempotency-in-progress answer that carries Retry-After', async () => {
    const { requests, fetch } = scripted(409, 201);
    const api = createQuartermasterClient({ baseUrl: BASE, fetch });
    const { response } = await api.POST('/api/v1/orgs', org);
    expect(response.status).toBe(201);
    expect(requests).toHaveLength(2);
  });
});

describe('timeouts', () => {
  it('fails an attempt that takes longer than timeoutMs with a TimeoutError, retrying reads', async () => {
    const { requests, fetch } = scripted('hang');
    const api = createQuartermasterClient({ baseUrl: BASE, fetch, retries: 1, timeoutMs: 20 });
    await expect(api.GET('/api/v1/me')).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(requests).toHaveLength(2);
  });

  it('takes a per-call timeout from withTimeout(), over a client without one', async () => {
    const { requests, fetch } = scripted('hang');
    const api = createQuartermasterClient({ baseUrl: BASE, fetch, retries: 0, timeoutMs: 0 });
    await expect(api.GET('/api/v1/me', { middleware: [withTimeout(20)] })).rejects.toMatchObject({
      name: 'TimeoutError',
    });
    expect(requests).toHaveLength(1);
  });

  it("never retries after the caller's own abort", async () => {
    const { requests, fetch } = scripted('hang');
    const api = createQuartermasterClient({ baseUrl: BASE, fetch, retries: 3 });
    const controller = new AbortController();
    const call = api.GET('/api/v1/me', { signal: controller.signal });
    controller.abort(new Error('user cancelled'));
    await expect(call).rejects.toThrow('user cancelled');
    expect(requests).toHaveLength(1);
  });
});

describe('generated operation table', () => {
  it('matches openapi/openapi.json (run `npm run generate -w clients/sdk` when this fails)', () => {
    const script = join(__dirname, '../scripts/generate-operations.mjs');
    expect(() => execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' })).not.toThrow();
  });
});
