import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { RedisEventLog } from './redis-event-log';

/** The Redis replay buffer against a real Redis (TEST_REDIS_URL, or the local one). */
describe('RedisEventLog', () => {
  const redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
  const log = new RedisEventLog(redis, `qm:test-live:${randomUUID()}`, { maxEvents: 3, maxAgeMs: 60_000 });
  const topics: string[] = [];
  const topic = () => {
    topics.push(`test:${randomUUID()}`);
    return topics[topics.length - 1];
  };
  afterAll(async () => {
    await redis.del(...topics.flatMap((t) => [`qm:live-log:{${t}}`, `qm:live-log:{${t}}:floor`]));
    redis.disconnect();
  });

  it('replays after an id in order, and gives an empty topic the origin as its position', async () => {
    const t = topic();
    const { head } = await log.read(t);
    expect(head).toBe('0-0');
    const [a, b] = [await log.append(t, 'x', { n: 1 }), await log.append(t, 'y', { n: 2 })];
    expect(await log.read(t, head)).toEqual({ head: b.id, events: [a, b] });
    expect(await log.read(t, a.id)).toEqual({ head: b.id, events: [b] });
    expect(await log.read(topic(), a.id)).toMatchObject({ reset: 'unknown-id' });
    expect(await log.read(t, '99999999999999-0')).toMatchObject({ reset: 'unknown-id' });
    expect(await log.read(t, 'nope')).toMatchObject({ reset: 'unknown-id' });
  });

  it('keeps the last maxEvents: an id behind them is too old, the last one dropped is not', async () => {
    const t = topic();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await log.append(t, 'x', { i })).id);
    expect(await redis.xlen(`qm:live-log:{${t}}`)).toBe(3);
    expect(await log.read(t, ids[0])).toMatchObject({ reset: 'too-old' });
    expect(await log.read(t, ids[1])).toMatchObject({ events: [{ id: ids[2] }, { id: ids[3] }, { id: ids[4] }] });
  });

  it('drops events older than maxAgeMs when appending', async () => {
    const t = topic();
    await redis.xadd(`qm:live-log:{${t}}`, '1-0', 't', 'x', 'd', '{}');
    const fresh = await log.append(t, 'x', {});
    expect(await log.read(t, '0-5')).toMatchObject({ reset: 'too-old' });
    expect(await log.read(t, '1-0')).toEqual({ head: fresh.id, events: [fresh] });
  });

  it('publishes each event with its id on the channel', async () => {
    const channel = `qm:test-live:${randomUUID()}`;
    const subscriber = redis.duplicate();
    const received = new Promise<string>((resolve) => subscriber.on('message', (_c, m: string) => resolve(m)));
    await subscriber.subscribe(channel);
    const t = topic();
    const event = await new RedisEventLog(redis, channel).append(t, 'bid_placed', { a: 1 });
    expect(await received).toBe(`${event.id}\n${JSON.stringify({ topic: t, type: 'bid_placed', data: { a: 1 } })}`);
    subscriber.disconnect();
  });
});
