import type Redis from 'ioredis';
import {
  DEFAULT_REPLAY_WINDOW,
  type EventLog,
  type ReplayResult,
  type ReplayWindow,
  type StoredEvent,
} from './event-log';

/**
 * Appends to the topic's stream, trims it to the replay window, remembers the newest id trimmed
 * (the "floor": a client behind it has missed events; Redis 7.0's max-deleted-entry-id does not
 * count trimming) and publishes the event with its id, in one atomic step so that the order of
 * publication is the order of ids on every instance.
 * KEYS: stream, floor. ARGV: maxEvents, maxAgeMs, ttlMs, channel, type, data, message.
 */
const APPEND = `
local id = redis.call('XADD', KEYS[1], '*', 't', ARGV[5], 'd', ARGV[6])
local len = redis.call('XLEN', KEYS[1])
local drop = len - tonumber(ARGV[1])
local minid = (tonumber(string.match(id, '^(%d+)')) - tonumber(ARGV[2])) .. '-0'
local old = redis.call('XRANGE', KEYS[1], '-', '(' .. minid, 'COUNT', len)
if #old > drop then drop = #old end
if drop > 0 then
  local gone = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', drop)
  redis.call('SET', KEYS[2], gone[#gone][1])
  redis.call('XTRIM', KEYS[1], 'MAXLEN', len - drop)
end
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
redis.call('PUBLISH', ARGV[4], id .. '\\n' .. ARGV[7])
return id
`;

/** A topic's log outlives its replay window by far, so that a quiet org's clients still resume. */
const TTL_MS = 24 * 3600_000;

/** The id before any of a stream (XADD never issues 0-0). */
const ORIGIN = '0-0';

type Entry = [id: string, fields: string[]];

function parseId(id: string): [bigint, bigint] | undefined {
  const m = /^(\d{1,20})-(\d{1,20})$/.exec(id);
  return m ? [BigInt(m[1]), BigInt(m[2])] : undefined;
}

function toEvent([id, fields]: Entry): StoredEvent {
  const field = (name: string) => fields[fields.indexOf(name) + 1];
  return { id, type: field('t'), data: JSON.parse(field('d')) as Record<string, unknown> };
}

/**
 * The replay buffer in Redis: one stream per topic (XADD ids: `<ms>-<n>`), so any instance can
 * replay what any other published. Events reach live streams through `channel`, each message
 * being `<id>\n<JSON of {topic, type, data}>`.
 */
export class RedisEventLog implements EventLog {
  constructor(
    private readonly redis: Redis,
    private readonly channel: string,
    private readonly window: ReplayWindow = DEFAULT_REPLAY_WINDOW,
  ) {}

  async append(topic: string, type: string, data: Record<string, unknown>): Promise<StoredEvent> {
    const json = JSON.stringify(data);
    const message = JSON.stringify({ topic, type, data });
    const args = [this.window.maxEvents, this.window.maxAgeMs, TTL_MS, this.channel, type, json, message];
    const id = (await this.redis.eval(APPEND, 2, ...this.keys(topic), ...args.map(String))) as string;
    return { id, type, data };
  }

  async read(topic: string, after?: string): Promise<ReplayResult> {
    const [stream, floorKey] = this.keys(topic);
    // One transaction: the floor and the events are read at the same moment.
    const results = await this.redis
      .multi()
      .xrevrange(stream, '+', '-', 'COUNT', 1)
      .get(floorKey)
      .xrange(stream, after && parseId(after) ? `(${after}` : '+', '+')
      .exec();
    const failed = results?.find(([error]) => error);
    if (!results || failed) throw failed?.[0] ?? new Error('Redis transaction aborted');
    const [[, last], [, floor], [, entries]] = results as [[null, Entry[]], [null, string | null], [null, Entry[]]];
    // An empty topic's position is the origin: a client given it gets every event added later.
    const head = last[0]?.[0] ?? ORIGIN;
    if (after === undefined) return { head, events: [] };
    if (!parseId(after) || (this.compare(after, head) as number) > 0) return { head, reset: 'unknown-id' };
    if (floor && (this.compare(after, floor) as number) < 0) return { head, reset: 'too-old' };
    return { head, events: entries.map(toEvent) };
  }

  compare(a: string, b: string): number | false {
    const [x, y] = [parseId(a), parseId(b)];
    if (!x || !y) return false;
    if (x[0] !== y[0]) return x[0] < y[0] ? -1 : 1;
    return x[1] === y[1] ? 0 : x[1] < y[1] ? -1 : 1;
  }

  /** Both keys of a topic share a hash tag, so the script's keys sit on one Redis Cluster slot. */
  private keys(topic: string): [stream: string, floor: string] {
    return [`qm:live-log:{${topic}}`, `qm:live-log:{${topic}}:floor`];
  }
}
