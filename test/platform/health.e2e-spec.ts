import { createServer, connect, Server, Socket } from 'node:net';
import { startTestApp, TestApp } from '../support/test-app';

/** A TCP proxy to the real Redis that the test can cut and restore, like a Redis outage. */
class RedisProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  port = 0;

  async start(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(6379, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

async function poll<T>(fn: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('health (e2e)', () => {
  const proxy = new RedisProxy();
  let t: TestApp;
  beforeAll(async () => {
    await proxy.start();
    t = await startTestApp({ REDIS_URL: `redis://127.0.0.1:${proxy.port}` });
  });
  afterAll(async () => {
    await t.close();
    await proxy.stop();
  });

  const get = async (path: string) => {
    const r = await fetch(t.baseUrl + path);
    return {
      status: r.status,
      contentType: r.headers.get('content-type'),
      body: (await r.json()) as Record<string, any>,
    };
  };

  it('answers liveness without credentials', async () => {
    const live = await get('/api/v1/health/live');
    expect(live).toEqual({
      status: 200,
      contentType: expect.stringMatching(/^application\/json/),
      body: { status: 'ok', checks: {} },
    });
  });

  it('is ready when the database and Redis answer', async () => {
    const ready = await poll(
      () => get('/api/v1/health/ready'),
      (r) => r.status === 200,
    );
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({
      status: 'ok',
      checks: {
        database: expect.objectContaining({ status: 'up' }),
        redis: expect.objectContaining({ status: 'up' }),
        jobs: expect.objectContaining({ status: 'up' }),
      },
    });
  });

  it('turns 503 while Redis is unreachable and recovers by itself', async () => {
    await proxy.stop();
    const down = await poll(
      () => get('/api/v1/health/ready'),
      (r) => r.status === 503,
    );
    expect(down.status).toBe(503);
    expect(down.contentType).toMatch(/^application\/problem\+json/);
    expect(down.body).toEqual(
      expect.objectContaining({
        status: 503,
        type: expect.stringMatching(/not-ready$/),
        checks: expect.objectContaining({
          database: expect.objectContaining({ status: 'up' }),
          redis: expect.objectContaining({ status: 'down' }),
        }),
      }),
    );
    // Liveness does not depend on Redis.
    expect((await get('/api/v1/health/live')).status).toBe(200);

    await proxy.start();
    const started = Date.now();
    const back = await poll(
      () => get('/api/v1/health/ready'),
      (r) => r.status === 200,
    );
    expect(back.status).toBe(200);
    expect(back.body.checks.redis).toEqual(expect.objectContaining({ status: 'up' }));
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
