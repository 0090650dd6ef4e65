import { Writable } from 'node:stream';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import pino from 'pino';
import { installRequestLogging, QuartermasterLogger } from './logger';

interface Line {
  level: number;
  msg: string;
  reqId?: string;
  context?: string;
  res?: { statusCode: number };
  responseTime?: number;
}

/** A Fastify app logging into memory, with routes that log from inside their handler after awaits. */
async function appWithLog(level = 'info') {
  const lines: Line[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const part of chunk.toString().split('\n')) if (part.trim()) lines.push(JSON.parse(part) as Line);
      done();
    },
  });
  const root = pino({ level }, sink);
  const nestLogger = new QuartermasterLogger(root);
  const app = Fastify({
    loggerInstance: root,
    logController: new LogController({ disableRequestLogging: true }),
  });
  installRequestLogging(app as unknown as FastifyInstance);
  const handler = async () => {
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.resolve();
    nestLogger.warn('inside the handler', 'SomeService');
    return { ok: true };
  };
  app.get('/api/v1/thing', handler);
  app.post('/api/v1/thing', handler);
  app.get('/api/v1/health/ready', async () => ({ status: 'ok' }));
  app.get('/api/v1/boom', async () => {
    throw new Error('boom');
  });
  await app.ready();
  return { app, lines };
}

describe('request logging', () => {
  it('writes one completion line per request, with its id, status and time', async () => {
    const { app, lines } = await appWithLog();
    const res = await app.inject({ method: 'GET', url: '/api/v1/thing?x=1', headers: { 'x-request-id': 'r-1' } });
    expect(res.statusCode).toBe(200);
    const done = lines.filter((l) => l.res);
    expect(done).toHaveLength(1);
    expect(done[0]).toMatchObject({ level: 30, res: { statusCode: 200 } });
    expect(done[0].msg).toMatch(/^GET \/api\/v1\/thing 200 \d+ ms$/);
    expect(typeof done[0].responseTime).toBe('number');
    expect(done[0].reqId).toBe(lines.find((l) => l.msg === 'inside the handler')?.reqId);
    await app.close();
  });

  it('binds logs written inside a handler to the request, with or without a body', async () => {
    const { app, lines } = await appWithLog();
    await app.inject({ method: 'GET', url: '/api/v1/thing' });
    await app.inject({ method: 'POST', url: '/api/v1/thing', payload: { a: 1 } });
    const inside = lines.filter((l) => l.msg === 'inside the handler');
    const completions = lines.filter((l) => l.res);
    expect(inside).toHaveLength(2);
    expect(inside.map((l) => l.context)).toEqual(['SomeService', 'SomeService']);
    expect(inside.map((l) => l.reqId)).toEqual(completions.map((l) => l.reqId));
    expect(new Set(inside.map((l) => l.reqId)).size).toBe(2);
    await app.close();
  });

  it('logs outside a request without a request id', async () => {
    const { app, lines } = await appWithLog();
    new QuartermasterLogger(app.log as never).log('starting', 'Boot');
    expect(lines.find((l) => l.msg === 'starting')?.reqId).toBeUndefined();
    await app.close();
  });

  it('puts probes at debug and server errors at error', async () => {
    const { app, lines } = await appWithLog('debug');
    await app.inject({ method: 'GET', url: '/api/v1/health/ready' });
    await app.inject({ method: 'GET', url: '/api/v1/boom' });
    const [probe, boom] = lines.filter((l) => l.res);
    expect(probe.level).toBe(20);
    expect(boom).toMatchObject({ level: 50, msg: 'GET /api/v1/boom 500 failed' });
    await app.close();
  });

  it('builds no line when its level is off', async () => {
    const { app, lines } = await appWithLog('warn');
    await app.inject({ method: 'GET', url: '/api/v1/thing' });
    expect(lines.filter((l) => l.res)).toEqual([]);
    expect(lines.filter((l) => l.msg === 'inside the handler')).toHaveLength(1);
    await app.close();
  });
});
