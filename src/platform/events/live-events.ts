import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type Redis from 'ioredis';
import { filter, interval, map, merge, Observable, Subject, takeUntil } from 'rxjs';
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

const CHANNEL = 'qm:live-events';
/** Keeps proxies from closing quiet streams, and lets clients notice a dead connection. */
const HEARTBEAT_MS = 15_000;

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

  constructor(private readonly redis: RedisConnection) {}

  async onModuleInit(): Promise<void> {
    if (!this.redis.client) return;
    // The shared client refuses commands while disconnected; the subscriber must instead wait
    // for its connection (and resubscribe after a reconnect, which ioredis does by itself).
    this.subscriber = this.redis.client.duplicate({ enableOfflineQueue: true });
    this.subscriber.on('error', () => undefined);
    this.subscriber.on('message', (_channel, message) => {
      try {
        this.local.next(JSON.parse(message) as LiveEvent);
      } catch (error) {
        this.logger.warn({ err: error }, 'dropped a malformed live event');
      }
    });
    await this.subscriber.subscribe(CHANNEL).catch((error) => this.logger.error({ err: error }, 'live events: Redis subscribe failed'));
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

  /** The events of one topic, with a heartbeat; ends when the app shuts down. */
  stream(topic: string): Observable<SseMessage> {
    const events = this.local.pipe(
      filter((e) => e.topic === topic),
      map((e) => ({ type: e.type, data: e.data })),
    );
    const heartbeat = interval(HEARTBEAT_MS).pipe(map(() => ({ type: 'heartbeat', data: {} })));
    return merge(events, heartbeat).pipe(takeUntil(this.closing));
  }

  /** Ends every open stream before the HTTP server closes, which would otherwise wait on them forever. */
  onModuleDestroy(): void {
    this.closing.next();
    this.closing.complete();
    this.subscriber?.disconnect();
  }
}
