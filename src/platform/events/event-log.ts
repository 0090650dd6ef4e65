import { randomBytes } from 'node:crypto';

/** An event as kept in a topic's replay buffer: its id orders it within the topic. */
export interface StoredEvent {
  id: string;
  type: string;
  data: Record<string, unknown>;
}

/** Why events after a client's Last-Event-ID cannot be replayed; the client must refetch. */
export type ResetReason = 'unknown-id' | 'too-old' | 'unavailable';

/**
 * What a reconnecting client is owed: the topic's newest id (`head`, to resume from later), and
 * either the events after its id, or why they cannot be replayed.
 */
export type ReplayResult = { head?: string; events: StoredEvent[] } | { head?: string; reset: ResetReason };

/** How much of each topic is kept for replay: at most `maxEvents`, none older than `maxAgeMs`. */
export interface ReplayWindow {
  maxEvents: number;
  maxAgeMs: number;
}

export const DEFAULT_REPLAY_WINDOW: ReplayWindow = { maxEvents: 1000, maxAgeMs: 5 * 60_000 };

/**
 * A per-topic, bounded log of events that a server-sent-event stream can resume from. Ids are
 * increasing within a topic and mean nothing across topics.
 */
export interface EventLog {
  append(topic: string, type: string, data: Record<string, unknown>): Promise<StoredEvent>;
  /** The events after `after` (none given: only the head). */
  read(topic: string, after?: string): Promise<ReplayResult>;
  /** Orders two ids of this log (negative when a < b); false when either is not one of its ids. */
  compare(a: string, b: string): number | false;
}

interface TopicBuffer {
  entries: (StoredEvent & { seq: number; at: number })[];
  lastSeq: number;
  /** The newest sequence number dropped from the buffer: a client behind it has missed events. */
  maxDroppedSeq: number;
}

/**
 * The replay buffer of one process (no Redis): honest for a single instance only. Ids are
 * `<epoch>.<seq>`, the epoch being new at every start, so that an id from before a restart (or
 * from another instance) is recognised as unknown instead of being misread as a position.
 */
export class MemoryEventLog implements EventLog {
  readonly epoch = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  private seq = 0;
  // Topic metadata is kept for the life of the process (three numbers per org): a topic that is
  // absent has never had an event in this epoch, so an id of this epoch needs no reset there.
  // (Any id of this epoch is then behind: seq 0 is the origin, the rest belong to other topics.)
  private readonly topics = new Map<string, TopicBuffer>();

  constructor(
    private readonly window: ReplayWindow = DEFAULT_REPLAY_WINDOW,
    private readonly now: () => number = Date.now,
  ) {}

  append(topic: string, type: string, data: Record<string, unknown>): Promise<StoredEvent> {
    const buffer = this.topics.get(topic) ?? { entries: [], lastSeq: 0, maxDroppedSeq: 0 };
    this.topics.set(topic, buffer);
    const seq = ++this.seq;
    const event = { id: `${this.epoch}.${seq}`, type, data };
    buffer.entries.push({ ...event, seq, at: this.now() });
    buffer.lastSeq = seq;
    this.trim(buffer);
    return Promise.resolve(event);
  }

  read(topic: string, after?: string): Promise<ReplayResult> {
    const buffer = this.topics.get(topic);
    if (buffer) this.trim(buffer);
    // An empty topic's position is the origin (.0): a client given it gets every event added later.
    const head = `${this.epoch}.${buffer?.lastSeq ?? 0}`;
    if (after === undefined) return Promise.resolve({ head, events: [] });
    const seq = this.seqOf(after);
    if (seq === undefined || seq > this.seq) return Promise.resolve({ head, reset: 'unknown-id' });
    if (buffer && seq < buffer.maxDroppedSeq) return Promise.resolve({ head, reset: 'too-old' });
    const events = (buffer?.entries ?? []).filter((e) => e.seq > seq).map(({ id, type, data }) => ({ id, type, data }));
    return Promise.resolve({ head, events });
  }

  compare(a: string, b: string): number | false {
    const [x, y] = [this.seqOf(a), this.seqOf(b)];
    return x === undefined || y === undefined ? false : x - y;
  }

  private seqOf(id: string): number | undefined {
    const dot = id.lastIndexOf('.');
    if (dot < 0 || id.slice(0, dot) !== this.epoch || !/^\d{1,15}$/.test(id.slice(dot + 1))) return undefined;
    return Number(id.slice(dot + 1));
  }

  private trim(buffer: TopicBuffer): void {
    const oldest = this.now() - this.window.maxAgeMs;
    let drop = Math.max(0, buffer.entries.length - this.window.maxEvents);
    while (drop < buffer.entries.length && buffer.entries[drop].at < oldest) drop++;
    if (drop === 0) return;
    buffer.maxDroppedSeq = buffer.entries[drop - 1].seq;
    buffer.entries.splice(0, drop);
  }
}
