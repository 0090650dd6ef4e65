import { Writable } from 'node:stream';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from '../../src/app.module';
import { loadConfig } from '../../src/platform/config/app-config';
import { createApp } from '../../src/platform/http/create-app';

interface LogLine {
  level: number;
  msg?: string;
  context?: string;
  reqId?: string;
  req?: { id?: string; url?: string };
  res?: { statusCode?: number };
}

const INFO = 30;

/** The app's pino output, one JSON object per line, kept in memory. */
class CapturedLog extends Writable {
  readonly lines: LogLine[] = [];
  private rest = '';

  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    const text = this.rest + chunk.toString('utf8');
    const parts = text.split('\n');
    this.rest = parts.pop() ?? '';
    for (const part of parts) if (part.trim()) this.lines.push(JSON.parse(part) as LogLine);
    done();
  }

  info(): LogLine[] {
    return this.lines.filter((line) => line.level >= INFO);
  }
}

/**
 * What an operator reads: start-up without route chatter, migrations announced, one line per
 * request carrying its request id, probes kept out of info, and a shutdown line. Starts its own
 * embedded database without the migrated template, so that migrations run here.
 */
describe('logs', () => {
  const log = new CapturedLog();
  let app: NestFastifyApplication;
  let baseUrl: string;
  let closed = false;

  beforeAll(async () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'debug',
      QM_DATA_DIR: 'memory://',
      JOBS_ENABLED: 'false',
      RATE_LIMIT_PER_MINUTE: '100000',
    });
    app = await createApp(AppModule, config, { logDestination: log });
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  });

  afterAll(async () => {
    if (!closed) await app.close();
  });

  it('logs route mapping at debug, not at info', () => {
    const mapping = log.lines.filter((line) => line.context === 'RouterExplorer' || line.context === 'RoutesResolver');
    expect(mapping.length).toBeGreaterThan(50);
    expect(mapping.every((line) => line.level < INFO)).toBe(true);
    expect(log.info().filter((line) => /Mapped \{|dependencies initialized/.test(line.msg ?? ''))).toEqual([]);
  });

  it('announces pending migrations, each one by name, and when they are done', () => {
    const migrations = log.info().filter((line) => line.context === 'Migrations');
    expect(migrations[0].msg).toMatch(/^Running \d+ pending migrations…$/);
    const count = Number(/\d+/.exec(migrations[0].msg!)![0]);
    const each = migrations.filter((line) => /^Migration \S+ has been executed successfully\.$/.test(line.msg ?? ''));
    expect(each).toHaveLength(count);
    expect(migrations[migrations.length - 1].msg).toMatch(new RegExp(`^Applied ${count} migrations in \\d+ ms$`));
  });

  it('logs a request once, at info, with its request id', async () => {
    const response = await fetch(`${baseUrl}/api/v1/me`, { headers: { 'X-Request-Id': 'logs-test-1' } });
    expect(response.status).toBe(401);
    await response.text();
    const line = await lineFor('logs-test-1');
    expect(line.level).toBe(INFO);
    expect(line.msg).toMatch(/^GET \/api\/v1\/me 401 \d+ ms$/);
    expect(line.res?.statusCode).toBe(401);
    expect(log.lines.filter((l) => l.reqId === 'logs-test-1' && l.res)).toHaveLength(1);
  });

  it('keeps health probes out of info', async () => {
    for (const [path, id] of [
      ['/api/v1/health/live', 'logs-probe-live'],
      ['/api/v1/health/ready', 'logs-probe-ready'],
    ]) {
      const response = await fetch(`${baseUrl}${path}`, { headers: { 'X-Request-Id': id } });
      expect(response.status).toBe(200);
      await response.text();
      expect((await lineFor(id)).level).toBeLessThan(INFO);
    }
  });

  it('says when it closes and when it has closed', async () => {
    await app.close();
    closed = true;
    const shutdown = log.info().filter((line) => line.context === 'Shutdown');
    expect(shutdown.map((line) => line.msg)).toEqual([
      expect.stringMatching(/^Closing /),
      expect.stringMatching(/^Closed in \d+ ms$/),
    ]);
  });

  /** The completion line of a request: written when the response has finished, so wait for it. */
  async function lineFor(reqId: string): Promise<LogLine> {
    for (;;) {
      const line = log.lines.find((l) => l.reqId === reqId && l.res);
      if (line) return line;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
});
