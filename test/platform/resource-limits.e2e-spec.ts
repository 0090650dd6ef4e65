import { connect } from 'node:net';
import { unwrap } from '@quartermaster/sdk';
import { BiddingGuild, createBiddingGuild, openEventStream } from '../support/dkp-bidding-fixtures';
import { problemOf, registerUser, startTestApp, TestApp } from '../support/test-app';

type Stream = Awaited<ReturnType<typeof openEventStream>>;

/**
 * Resource limits (issue 9, item 8): open event streams, slow and idle connections, oversized
 * request lines and headers, and names that display as something else. Short timeouts so that
 * each test measures them in seconds.
 */
describe('resource limits (e2e)', () => {
  let t: TestApp;
  let g: BiddingGuild;
  const streams: Stream[] = [];
  beforeAll(async () => {
    t = await startTestApp({
      SSE_MAX_STREAMS_PER_PRINCIPAL: '2',
      SSE_MAX_STREAMS_PER_ORG: '3',
      HTTP_HEADERS_TIMEOUT_SECONDS: '1',
      HTTP_REQUEST_TIMEOUT_SECONDS: '1',
      // Not lower: a busy machine can take seconds to answer a registration (argon2).
      HTTP_IDLE_TIMEOUT_SECONDS: '5',
      // Above the clients' 1 s keep-alive margin, so that they never reuse a closing socket.
      HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: '3',
    });
    g = await createBiddingGuild(t);
  });
  afterAll(async () => {
    await Promise.all(streams.map((s) => s.close()));
    await t.close();
  });

  const eventsUrl = () => `${t.baseUrl}/api/v1/orgs/${g.slug}/dkp/bidding/events`;
  const open = async (token: string) => {
    const stream = await openEventStream(eventsUrl(), { authorization: `Bearer ${token}` });
    streams.push(stream);
    return stream;
  };
  const refusedStream = (token: string) =>
    fetch(eventsUrl(), { headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` } });

  describe('event streams', () => {
    it('caps open streams per credential and per org with 429 problem+json; closing one frees its slot', async () => {
      const [first, second] = [await open(g.readonly.token), await open(g.readonly.token)];
      expect([first.status, second.status]).toEqual([200, 200]);
      const third = await refusedStream(g.readonly.token);
      expect(third.status).toBe(429);
      expect(third.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await third.json()).toMatchObject({
        status: 429,
        type: expect.stringMatching(/too-many-streams$/),
        limit: 2,
      });
      // The org's third stream, by someone else, is allowed; a fourth is not.
      expect((await open(g.officer.token)).status).toBe(200);
      const orgFull = await refusedStream(g.owner.token);
      expect(orgFull.status).toBe(429);
      expect(await orgFull.json()).toMatchObject({ detail: expect.stringMatching(/this org/), limit: 3 });
      await first.close();
      const reopened = await poll(async () => {
        const stream = await open(g.readonly.token);
        return stream.status === 200 ? stream : undefined;
      });
      expect(reopened.status).toBe(200);
      await Promise.all(streams.splice(0).map((s) => s.close()));
    });

    it('a stream outlives the idle (5 s) and request (1 s) timeouts through its heartbeat', async () => {
      const stream = await open(g.member.token);
      const started = Date.now();
      // The heartbeat comes every 2.5 s here (half the idle timeout).
      for (let i = 0; i < 3; i++) await stream.next((e) => e.event === 'heartbeat', 4000);
      expect(Date.now() - started).toBeGreaterThan(5000);
      // Still open: a live event gets through.
      const pool = await g.auctionPool();
      const session = await g.start({ poolId: pool.id });
      await stream.next((e) => e.event === 'session_started' && e.data.session.id === session.id);
      await stream.close();
      streams.splice(streams.indexOf(stream), 1);
    });
  });

  describe('slow and idle connections', () => {
    it('answers 408 problem+json and closes a connection whose headers never finish', async () => {
      const started = Date.now();
      const { text, closedAfterMs } = await rawExchange(t, 'GET /api/v1/health/live HTTP/1.1\r\nHost: x\r\n');
      expect(text).toMatch(/^HTTP\/1\.1 408 /);
      expect(text).toMatch(/content-type: application\/problem\+json/i);
      expect(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4))).toMatchObject({
        status: 408,
        type: expect.stringMatching(/request-timeout$/),
      });
      expect(closedAfterMs).toBeLessThan(3000);
      console.log(
        `[resource-limits] slow headers closed after ${Date.now() - started} ms (HTTP_HEADERS_TIMEOUT_SECONDS=1)`,
      );
    });

    it('closes a connection that sends nothing', async () => {
      const { text, closedAfterMs } = await rawExchange(t, '');
      expect(closedAfterMs).toBeLessThan(4000);
      console.log(
        `[resource-limits] silent connection closed after ${closedAfterMs} ms: ${JSON.stringify(text.split('\r\n')[0])}`,
      );
    });
  });

  describe('oversized requests', () => {
    it('headers over the limit answer 431 problem+json', async () => {
      const res = await fetch(`${t.baseUrl}/api/v1/health/live`, { headers: { 'x-padding': 'a'.repeat(20_000) } });
      expect(res.status).toBe(431);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await res.json()).toMatchObject({ status: 431, type: expect.stringMatching(/headers-too-large$/) });
    });

    it('a URL over the limit answers 414 problem+json', async () => {
      const res = await fetch(`${t.baseUrl}/api/v1/health/live?q=${'a'.repeat(20_000)}`);
      expect(res.status).toBe(414);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await res.json()).toMatchObject({ status: 414, type: expect.stringMatching(/uri-too-long$/) });
    });
  });

  describe('names', () => {
    it('refuse bidi overrides, zero-width characters and lone surrogates; ordinary Unicode is fine', async () => {
      const user = await registerUser(t, 'names');
      const org = await problemOf(
        user.api.POST('/api/v1/orgs', { body: { slug: `n-${Date.now()}`, name: 'Evil\u202Egnp.exe' } }),
      );
      expect(org.status).toBe(400);
      expect(org.body.errors).toEqual([
        expect.objectContaining({ path: 'name', message: expect.stringMatching(/bidirectional/) }),
      ]);
      const display = await problemOf(user.api.PATCH('/api/v1/me', { body: { displayName: 'ad\u200Bmin' } }));
      expect(display.body.errors).toEqual([expect.objectContaining({ path: 'displayName' })]);
      // A lone surrogate can only arrive as a JSON escape.
      const key = await fetch(`${t.baseUrl}/api/v1/me/api-keys`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${user.token}` },
        body: '{"name":"key \\ud800"}',
      });
      expect(key.status).toBe(400);
      expect(((await key.json()) as { errors: unknown[] }).errors).toEqual([
        expect.objectContaining({ path: 'name', message: expect.stringMatching(/surrogate/) }),
      ]);
      const fine = await unwrap(user.api.PATCH('/api/v1/me', { body: { displayName: 'Gilde Ünïcödé 公会 ✨' } }));
      expect(fine.displayName).toBe('Gilde Ünïcödé 公会 ✨');
    });
  });
});

/** Writes `request` on a raw connection and collects what comes back until the server closes it. */
function rawExchange(t: TestApp, request: string): Promise<{ text: string; closedAfterMs: number }> {
  const { port } = new URL(t.baseUrl);
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(Number(port), '127.0.0.1', () => {
      if (request) socket.write(request);
    });
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => (text += chunk));
    socket.on('close', () => resolve({ text, closedAfterMs: Date.now() - started }));
    socket.on('error', () => undefined);
    setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server kept the connection open; got ${JSON.stringify(text)}`));
    }, 10_000).unref();
  });
}

async function poll<T>(attempt: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await attempt();
    if (result !== undefined) return result;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
