import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type Redis from 'ioredis';
import { defer, filter, finalize, interval, map, merge, Observable, Subject, takeUntil } from 'rxjs';
import { principalKey, type Principal } from '../auth/principal';
import { AppConfig } from '../config/app-config';
import { Problem } from '../http/problem';
import { RedisConnection } from '../redis/redis.module';

export interface LiveEvent {
  topic: string;
  type: string;
  data: Record<string, unknown>;
}

/** What a server-sent events endpoint returns for each event. */
export interface SseMessage {
  type: string;
  data: Record<string, unknown>;
}

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

/**
 * Fan-out of live events (auction updates, ...) to server-sent-event streams. With Redis, every
 * event goes through one pub/sub channel, so a client connected to any instance sees events
 * raised on all of them; without Redis, events stay within the process.
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

  constructor(
    private readonly redis: RedisConnection,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {
    this.heartbeatMs = Math.min(HEARTBEAT_MS, (config.HTTP_IDLE_TIMEOUT_SECONDS * 1000) / 2);
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
        this.local.next(JSON.parse(message) as LiveEvent);
      } catch (error) {
        this.logger.warn({ err: error }, 'dropped a malformed live event');
      }
    });
    await this.subscriber
      .subscribe(CHANNEL)
      .catch((error) => this.logger.error({ err: error }, 'live events: Redis subscribe failed'));
  }

  publish(topic: string, type: string, data: Record<string, unknown>): void {
    const event: LiveEvent = { topic, type, data };
    if (!this.redis.client) return this.local.next(event);
    this.redis.client.publish(CHANNEL, JSON.stringify(event)).catch((error) => {
      // Redis is down: at least this instance's listeners still hear it.
      this.logger.warn({ err: error }, 'live events: Redis publish failed; delivering locally');
      this.local.next(event);
    });
  }

  /**
   * The events of one topic, with a heartbeat; ends when the app shuts down. With a holder, the
   * stream counts against the holder's caps: 429 `too-many-streams` when one is full. The caps
   * are per instance, like the sockets and memory they protect.
   */
  stream(topic: string, holder?: StreamHolder): Observable<SseMessage> {
    const release = holder ? this.reserve(holder) : () => undefined;
    // Nest subscribes at once; if it never does (the client left first), free the slot anyway.
    const unclaimed = setTimeout(release, UNSUBSCRIBED_SLOT_MS).unref();
    const events = this.local.pipe(
      filter((e) => e.topic === topic),
      map((e) => ({ type: e.type, data: e.data })),
    );
    const heartbeat = interval(this.heartbeatMs).pipe(map(() => ({ type: 'heartbeat', data: {} })));
    return defer(() => {
      clearTimeout(unclaimed);
      return merge(events, heartbeat);
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
