import { ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerModuleOptions, ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import type { FastifyRequest } from 'fastify';
import type Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { accessPolicyOf } from '../auth/access.decorator';
import { principalKey } from '../auth/principal';

/**
 * Fixed-window counters in Redis, shared by every API instance. One Lua call per request keeps
 * the increment, expiry and block atomic.
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  private static readonly SCRIPT = `
    local blocked = redis.call('PTTL', KEYS[2])
    if blocked > 0 then return {tonumber(ARGV[2]) + 1, redis.call('PTTL', KEYS[1]), 1, blocked} end
    local hits = redis.call('INCR', KEYS[1])
    if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
    local ttl = redis.call('PTTL', KEYS[1])
    if hits > tonumber(ARGV[2]) and tonumber(ARGV[3]) > 0 then
      redis.call('SET', KEYS[2], 1, 'PX', ARGV[3])
      return {hits, ttl, 1, tonumber(ARGV[3])}
    end
    return {hits, ttl, 0, 0}`;

  private readonly logger = new Logger(RedisThrottlerStorage.name);
  private lastWarning = 0;

  /**
   * `fallback` counts per instance while Redis is unreachable, so that a Redis outage degrades
   * the limit to per-instance instead of failing every request (health checks included) with 500.
   */
  constructor(
    private readonly redis: Redis,
    private readonly fallback: ThrottlerStorage = new ThrottlerStorageService(),
  ) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const base = `qm:throttle:${throttlerName}:${key}`;
    let result: number[];
    try {
      result = (await this.redis.eval(
        RedisThrottlerStorage.SCRIPT,
        2,
        base,
        `${base}:block`,
        ttl,
        limit,
        blockDuration,
      )) as number[];
    } catch (err) {
      if (Date.now() - this.lastWarning > 60_000) {
        this.lastWarning = Date.now();
        this.logger.warn({ err }, 'Redis unavailable; rate limits are counted per instance until it is back');
      }
      return this.fallback.increment(key, ttl, limit, blockDuration, throttlerName);
    }
    const [totalHits, ttlMs, isBlocked, blockMs] = result;
    return {
      totalHits,
      timeToExpire: Math.ceil(ttlMs / 1000),
      isBlocked: isBlocked === 1,
      timeToBlockExpire: Math.ceil(blockMs / 1000),
    };
  }
}

/** Limits per credential once authenticated (the access guard runs first), per IP otherwise. */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const request = req as unknown as FastifyRequest;
    return request.principal ? principalKey(request.principal) : `ip:${request.ip}`;
  }
}

export const PUBLIC_ORG_THROTTLER = 'public-org';

export function rateLimitOptions(config: AppConfig, redis: Redis | null): ThrottlerModuleOptions {
  return {
    storage: redis ? new RedisThrottlerStorage(redis) : undefined,
    throttlers: [
      {
        name: 'default',
        ttl: 60_000,
        limit: (context: ExecutionContext) => {
          const tier = context.switchToHttp().getRequest<FastifyRequest>().principal?.apiKey?.rateLimitTier;
          return tier === 'high' ? config.RATE_LIMIT_BOT_HIGH_PER_MINUTE : config.RATE_LIMIT_PER_MINUTE;
        },
      },
      {
        // Public org routes (`Access.publicOrg()`) are anonymous and crawlable: a stricter budget
        // per IP, one bucket across all of them and counted apart from `default`.
        name: PUBLIC_ORG_THROTTLER,
        ttl: 60_000,
        limit: config.RATE_LIMIT_PUBLIC_ORG_PER_MINUTE,
        skipIf: (context: ExecutionContext) => accessPolicyOf(context)?.publicSite !== true,
        getTracker: (req: Record<string, unknown>) => `ip:${(req as unknown as FastifyRequest).ip}`,
        generateKey: (_context: ExecutionContext, tracker: string) => tracker,
      },
    ],
  };
}
