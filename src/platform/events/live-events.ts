import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type Redis from 'ioredis';
import { defer, finalize, Observable, Subject, takeUntil } from 'rxjs';
import { principalKey, type Principal } from '../auth/principal';
import { AppConfig } from '../config/app-config';
import { Problem } from '../http/problem';
import { RedisConnection } from '../redis/redis.module';
import { type EventLog, MemoryEventLog } from './event-log';
import { RedisEventLog } from './redis-event-log';
import { type LiveEvent, resumableStream, type SseMessage } from './resumable-stream';

export type { LiveEvent, SseMessage } from './resumable-stream';

/** Who holds a stream, for the caps on open streams (SSE_MAX_STREAMS_PER_PRINCIPAL / _PER_ORG). */
export interface StreamHolder {
  principal: Principal;
  orgId: string;
}

const CHANNEL = 'qm:live-events';
/**
 * Keeps proxies from closing quiet streams, and lets clients notice a dead connection; also
 * keeps the stream under the server's idle timeout (HTTP_IDLE_TIMEOUT_SECONDS).
 */
const HEARTBEAT_MS = 15_000;
/** A reserved slot whose stream was never subscribed (the client left first) is freed after this. */
const UNSUBSCRIBED_SLOT_MS = 10_000;
/** The reconnection delay asked of clients (`retry:`): well inside the replay window. */
const RETRY_MS = 3000;

/** A message of the channel: `<id>\n<JSON>` (an id in the Redis log), or bare JSON (none). */
function parseMessage(message: string): LiveEvent {
  const newline = message.indexOf('\n');
  if (newline < 0) return JSON.parse(message) as LiveEvent;
  return { ...(JSON.parse(message.slice(newline + 1)) as LiveEvent), id: message.slice(0, newline) };
}

/**
 * Fan-out of live events (auction updates, ...) to server-sent-event streams that clients resume
 * with Last-Event-ID. With Redis, every event is appended to its topic's Redis stream (the replay
 * buffer any instance reads) and goes through one pub/sub channel, so a client connected to any
 * instance sees events raised on all of them; without Redis, events and their replay buffer stay
 * within the process (a single instance).
 */
@Injectable()
export class LiveEvents implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(LiveEvents.name);
  private readonly local = new Subject<LiveEvent>();
  private readonly closing = new Subject<void>();
  private subscriber?: Redis;
  /** Open streams per holder key (`principal:...`, `org:...`), in this instance. */
  private readonly open = new Map<string, number>();
  private readonly heartbeatMs: number;
  private readonly log: EventLog;

  constructor(
    private readonly redis: RedisConnection,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {
    this.heartbeatMs = Math.min(HEARTBEAT_MS, (config.HTTP_IDLE_TIMEOUT_SECONDS * 1000) / 2);
    this.log = redis.client ? new RedisEventLog(redis.client, CHANNEL) : new MemoryEventLog();
  }

  async onModuleInit(): Promise<void> {
    if (!this.redis.client) return;
    // The shared client refuses commands while disconnected; the subscriber must instead wait
    // for its connection (and resubscribe after a reconnect, which ioredis does by itself).
    // No command timeout either: SUBSCRIBE may wait for Redis to come back, which is the point.
    this.subscriber = this.redis.client.duplicate({ enableOfflineQueue: true, commandTimeout: undefined });
    this.subscriber.on('error', () => undefined);
    this.subscriber.on('message', (_channel, message) => {
      try {
        this.local.next(parseMessage(message));
      } catch (error) {
        this.logger.warn({ err: error }, 'dropped a malformed live event');
      }
    });
    await this.subscriber
      .subscribe(CHANNEL)
      .catch((error) => this.logger.error({ err: error }, 'live events: Redis subscribe failed'));
  }

  /**
   * Logs the event (giving it its id) and delivers it. With Redis the log publishes it too, in
   * the same atomic step; in memory, appending completes synchronously, so events keep the order
   * of the calls.
   */
  publish(topic: string, type: string, data: Record<string, unknown>): void {
    const appended = this.log.append(topic, type, data);
    if (!this.redis.client) {
      void appended.then(({ id }) => this.local.next({ topic, type, data, id }));
      return;
    }
    appended.catch((error) => {
      // Redis is down: at least this instance's listeners still hear it, without an id (it
      // cannot be replayed; a client that misses it gets a reset when it reconnects).
      this.logger.warn({ err: error }, 'live events: Redis append failed; delivering locally');
      this.local.next({ topic, type, data });
    });
  }

  /**
   * The events of one topic, resumed after `lastEventId` (see resumableStream), with a heartbeat;
   * ends when the app shuts down. With a holder, the stream counts against the holder's caps:
   * 429 `too-many-streams` when one is full. The caps are per instance, like the sockets and
   * memory they protect.
   */
  stream(topic: string, holder?: StreamHolder, lastEventId?: string): Observable<SseMessage> {
    const release = holder ? this.reserve(holder) : () => undefined;
    // Nest subscribes at once; if it never does (the client left first), free the slot anyway.
    const unclaimed = setTimeout(release, UNSUBSCRIBED_SLOT_MS).unref();
    return defer(() => {
      clearTimeout(unclaimed);
      return resumableStream({
        topic,
        live: this.local,
        log: this.log,
        lastEventId,
        heartbeatMs: this.heartbeatMs,
        retryMs: RETRY_MS,
        onReadError: (error) => this.logger.warn({ err: error }, 'live events: replay failed; sending a reset'),
      });
    }).pipe(takeUntil(this.closing), finalize(release));
  }

  /** Takes a slot for each of the holder's caps; the returned function frees them (once). */
  private reserve(holder: StreamHolder): () => void {
    const caps: [key: string, limit: number][] = [
      [`principal:${principalKey(holder.principal)}`, this.config.SSE_MAX_STREAMS_PER_PRINCIPAL],
      [`org:${holder.orgId}`, this.config.SSE_MAX_STREAMS_PER_ORG],
    ];
    const full = caps.find(([key, limit]) => (this.open.get(key) ?? 0) >= limit);
    if (full) {
      const who = full[0].startsWith('org:') ? 'this org' : 'this credential';
      throw new Problem(429, `Too many open event streams for ${who} (${full[1]}); close one first`, {
        slug: 'too-many-streams',
        extensions: { limit: full[1] },
      });
    }
    caps.forEach(([key]) => this.open.set(key, (this.open.get(key) ?? 0) + 1));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const [key] of caps) {
        const count = (this.open.get(key) ?? 1) - 1;
        if (count > 0) this.open.set(key, count);
        else this.open.delete(key);
      }
    };
  }

  /** Ends every open stream before the HTTP server closes, which would otherwise wait on them forever. */
  onModuleDestroy(): void {
    this.closing.next();
    this.closing.complete();
    this.subscriber?.disconnect();
  }
}
