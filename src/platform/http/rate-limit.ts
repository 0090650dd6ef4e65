import { CanActivate, ExecutionContext, Injectable, Logger, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type Redis from 'ioredis';
import { accessPolicyOf, type AccessPolicy } from '../auth/access.decorator';
import { principalKey } from '../auth/principal';
import { AppConfig } from '../config/app-config';
import { RedisConnection } from '../redis/redis.module';
import { Problem } from './problem';

/**
 * Request rate limits: fixed one-minute windows, counted per route and credential (per IP when
 * anonymous), plus one stricter bucket per IP shared by all public org routes.
 *
 * This replaced @nestjs/throttler, whose guard cost 7-8 % of the Node CPU of a cheap read
 * (bench/RESULTS.md): five reflector lookups and a SHA-256 per throttler per request, and an
 * in-memory store that filtered every hit of the window on each request. Here each handler's
 * rules are resolved once, a key is a plain string, and a hit is one Map operation (one Lua call
 * with Redis).
 */

const WINDOW_MS = 60_000;

/** What a window holds after a hit: the hits so far (this one included) and when it resets. */
export interface WindowHit {
  count: number;
  resetInMs: number;
}

/** Where windows are counted: in the process, or in Redis (shared by every instance). */
export interface RateLimitStore {
  hit(key: string, windowMs: number): Promise<WindowHit> | WindowHit;
}

/** Counts per process. Expired windows are swept once a window, so idle keys do not pile up. */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();
  private nextSweep = 0;

  hit(key: string, windowMs: number, now = Date.now()): WindowHit {
    if (now >= this.nextSweep) this.sweep(now, windowMs);
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, window);
    }
    window.count++;
    return { count: window.count, resetInMs: window.resetAt - now };
  }

  /** Windows currently held (for tests). */
  get size(): number {
    return this.windows.size;
  }

  private sweep(now: number, windowMs: number): void {
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
    this.nextSweep = now + windowMs;
  }
}

/**
 * Fixed windows in Redis, shared by every API instance: one Lua call per request keeps the
 * increment and the expiry atomic. While Redis is unreachable it counts per instance (`fallback`),
 * so an outage loosens the limit instead of failing every request.
 */
export class RedisRateLimitStore implements RateLimitStore {
  private static readonly SCRIPT = `
    local hits = redis.call('INCR', KEYS[1])
    if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
    return {hits, redis.call('PTTL', KEYS[1])}`;

  private readonly logger = new Logger(RedisRateLimitStore.name);
  private lastWarning = 0;

  constructor(
    private readonly redis: Redis,
    private readonly fallback: RateLimitStore = new MemoryRateLimitStore(),
  ) {}

  async hit(key: string, windowMs: number): Promise<WindowHit> {
    try {
      const [count, ttl] = (await this.redis.eval(RedisRateLimitStore.SCRIPT, 1, `qm:rate:${key}`, windowMs)) as [
        number,
        number,
      ];
      // PTTL is -1 if the key lost its expiry (it cannot here, but never report "no reset").
      return { count, resetInMs: ttl > 0 ? ttl : windowMs };
    } catch (err) {
      if (Date.now() - this.lastWarning > 60_000) {
        this.lastWarning = Date.now();
        this.logger.warn({ err }, 'Redis unavailable; rate limits are counted per instance until it is back');
      }
      return this.fallback.hit(key, windowMs);
    }
  }
}

/** A further limit of one route (see `RateLimit`). */
export interface RouteRateLimit {
  /** The bucket's name: routes naming the same bucket share it. Also the header suffix. */
  bucket: string;
  /** Requests per minute per client IP. */
  perMinute: number;
}

const ROUTE_RATE_LIMIT = 'qm:route-rate-limit';

/**
 * A stricter limit on a route, per client IP, in a bucket of its own, on top of the usual ones:
 * for anonymous writes such as a public contact form. Refusals are the same 429 `rate-limited`.
 */
export const RateLimit = (limit: RouteRateLimit) => SetMetadata(ROUTE_RATE_LIMIT, limit);

/** One limit a request is counted against. */
interface Bucket {
  /** Response header suffix ('' for the main bucket: X-RateLimit-Limit, ...). */
  headerSuffix: string;
  key(request: FastifyRequest): string;
  limit(request: FastifyRequest): number;
}

/** The buckets of one handler, resolved on its first request. */
type HandlerBuckets = readonly Bucket[];

@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly store: RateLimitStore;
  private readonly buckets = new WeakMap<object, HandlerBuckets>();

  constructor(
    private readonly config: AppConfig,
    private readonly reflector: Reflector,
    redis: RedisConnection,
  ) {
    this.store = redis.client ? new RedisRateLimitStore(redis.client) : new MemoryRateLimitStore();
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const handler = context.getHandler();
    let buckets = this.buckets.get(handler);
    if (!buckets) {
      buckets = this.bucketsOf(context);
      this.buckets.set(handler, buckets);
    }
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    for (const bucket of buckets) {
      const limit = bucket.limit(request);
      const { count, resetInMs } = await this.store.hit(bucket.key(request), WINDOW_MS);
      const resetSeconds = Math.max(1, Math.ceil(resetInMs / 1000));
      reply.header(`X-RateLimit-Limit${bucket.headerSuffix}`, limit);
      reply.header(`X-RateLimit-Remaining${bucket.headerSuffix}`, Math.max(0, limit - count));
      reply.header(`X-RateLimit-Reset${bucket.headerSuffix}`, resetSeconds);
      if (count > limit) {
        reply.header('Retry-After', String(resetSeconds));
        throw new Problem(429, `Too many requests; retry in ${resetSeconds} s`, { slug: 'rate-limited' });
      }
    }
    return true;
  }

  /**
   * Every route: per route and caller (credential once the access guard authenticated it, else
   * IP), at the caller's rate (bot keys of the `high` tier get more). Public org routes
   * (`Access.publicOrg()`) are anonymous and crawlable: also one stricter budget per IP across
   * all of them, counted apart. A route's own `RateLimit` is one more bucket per IP.
   */
  private bucketsOf(context: ExecutionContext): HandlerBuckets {
    const buckets: Bucket[] = [];
    const own = this.reflector.get<RouteRateLimit | undefined>(ROUTE_RATE_LIMIT, context.getHandler());
    if (own)
      buckets.push({
        headerSuffix: `-${own.bucket}`,
        key: (request) => `${own.bucket}:ip:${request.ip}`,
        limit: () => own.perMinute,
      });
    const route = `${context.getClass().name}.${context.getHandler().name}`;
    const policy: AccessPolicy | undefined = accessPolicyOf(context);
    const { RATE_LIMIT_PER_MINUTE, RATE_LIMIT_BOT_HIGH_PER_MINUTE, RATE_LIMIT_PUBLIC_ORG_PER_MINUTE } = this.config;
    const perCaller: Bucket = {
      headerSuffix: '',
      key: (request) => `${route}:${request.principal ? principalKey(request.principal) : `ip:${request.ip}`}`,
      limit: (request) =>
        request.principal?.apiKey?.rateLimitTier === 'high' ? RATE_LIMIT_BOT_HIGH_PER_MINUTE : RATE_LIMIT_PER_MINUTE,
    };
    if (policy?.publicSite === true)
      buckets.push({
        headerSuffix: '-public-org',
        key: (request) => `public-org:ip:${request.ip}`,
        limit: () => RATE_LIMIT_PUBLIC_ORG_PER_MINUTE,
      });
    buckets.push(perCaller);
    return buckets;
  }
}
