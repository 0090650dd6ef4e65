import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis, { RedisOptions } from 'ioredis';
import { AppConfig } from '../config/app-config';

/**
 * Timeouts that keep a Redis which accepts connections but never answers from stalling requests:
 * a command fails after COMMAND_TIMEOUT_MS (callers fall back: rate limits count in memory), and a
 * connection that has not answered a command in SOCKET_TIMEOUT_MS is dropped and reopened, so
 * that the client recovers as soon as Redis answers again instead of waiting on a dead socket.
 */
export const REDIS_TIMEOUTS = { connectMs: 2000, commandMs: 1000, socketMs: 3000 };

export function redisOptions(): RedisOptions {
  return {
    lazyConnect: false,
    connectTimeout: REDIS_TIMEOUTS.connectMs,
    commandTimeout: REDIS_TIMEOUTS.commandMs,
    socketTimeout: REDIS_TIMEOUTS.socketMs,
    // Fail a command at once while disconnected rather than queueing it behind the outage.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    // Keep trying to reconnect for ever, at most every 2 s.
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  };
}

/**
 * The shared Redis connection, or null when REDIS_URL is unset (then limits and jobs are per
 * instance). ioredis reconnects by itself, so a Redis restart heals without an API restart.
 */
@Injectable()
export class RedisConnection implements OnApplicationShutdown {
  readonly client: Redis | null;

  constructor(@Inject(AppConfig) config: AppConfig) {
    this.client = config.REDIS_URL ? new Redis(config.REDIS_URL, redisOptions()) : null;
    // Connection errors surface through health checks and failing commands; don't crash on them.
    this.client?.on('error', () => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    this.client?.disconnect();
  }
}

@Global()
@Module({ providers: [RedisConnection], exports: [RedisConnection] })
export class RedisModule {}
