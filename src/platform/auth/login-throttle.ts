import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { Problem } from '../http/problem';
import { RedisConnection } from '../redis/redis.module';

/**
 * Per-account login throttling, against password guessing.
 *
 * Why two scopes. Counting per account alone would let anyone lock a user out by typing wrong
 * passwords for them; counting per IP alone lets a botnet guess without limit. So:
 * - (account, client IP): LOGIN_MAX_FAILURES attempts, then a lock of LOGIN_LOCK_SECONDS that
 *   doubles with each further lock up to LOGIN_LOCK_MAX_SECONDS. A successful login from that IP
 *   clears it. An attacker locks out only their own IP.
 * - account, from IPs that have not logged into it recently: a looser LOGIN_ACCOUNT_MAX_FAILURES
 *   cap with the same growing lock, which bounds guesses spread over many IPs. An IP where the
 *   user logged in during the last 30 days is exempt from it (but keeps its own pair limit),
 *   so an attacker can keep the account locked only for devices the user never used, and only
 *   while the attack lasts: every lock expires.
 *
 * Attempts are counted before the password is checked, so parallel guesses cannot all slip in
 * before the first failure is recorded. Locked attempts are refused without checking the
 * password: a 429 says nothing about whether the password was right, and costs no argon2 time.
 * Unknown accounts are counted like real ones, so a lock does not reveal that a name exists.
 */
export interface LoginKeys {
  pair: string;
  account: string;
  trusted: string;
}

export interface LoginLimits {
  pairAttempts: number;
  accountAttempts: number;
  lockMs: number;
  maxLockMs: number;
  /** How long counts and lock levels are kept after the last attempt. */
  memoryMs: number;
}

/** How long an (account, IP) with a successful login stays exempt from the account-wide cap. */
const TRUSTED_MS = 30 * 86_400_000;

export interface LoginThrottleStore {
  /** Counts an attempt; 0 when it may go ahead, else milliseconds until the lock lifts. */
  attempt(keys: LoginKeys, limits: LoginLimits): Promise<number>;
  succeeded(keys: LoginKeys): Promise<void>;
}

export function lockDurationMs(level: number, limits: LoginLimits): number {
  return Math.min(limits.lockMs * 2 ** Math.max(0, level - 1), limits.maxLockMs);
}

interface ScopeState {
  attempts: number;
  level: number;
  lockedUntil: number;
  expiresAt: number;
}

/** Most entries kept in memory; beyond it the oldest go first. */
const MEMORY_ENTRIES = 100_000;

/** One instance's counters: without Redis, and while Redis is unreachable. */
export class MemoryLoginThrottleStore implements LoginThrottleStore {
  private readonly scopes = new Map<string, ScopeState>();
  private readonly trustedUntil = new Map<string, number>();

  async attempt(keys: LoginKeys, limits: LoginLimits): Promise<number> {
    const now = Date.now();
    const trusted = (this.trustedUntil.get(keys.trusted) ?? 0) > now;
    const scopes = [[this.scope(keys.pair, now), limits.pairAttempts] as const];
    if (!trusted) scopes.push([this.scope(keys.account, now), limits.accountAttempts] as const);
    const wait = Math.max(...scopes.map(([state]) => state.lockedUntil - now));
    if (wait > 0) return wait;
    for (const [state, limit] of scopes) {
      state.attempts += 1;
      state.expiresAt = now + limits.memoryMs;
      if (state.attempts >= limit) {
        state.level += 1;
        state.lockedUntil = now + lockDurationMs(state.level, limits);
        state.attempts = 0;
      }
    }
    return 0;
  }

  async succeeded(keys: LoginKeys): Promise<void> {
    const now = Date.now();
    if ((this.trustedUntil.get(keys.trusted) ?? 0) <= now) {
      // This attempt counted against the account-wide cap; a right password takes it back.
      const account = this.scopes.get(keys.account);
      if (account && account.attempts > 0) account.attempts -= 1;
    }
    this.scopes.delete(keys.pair);
    this.trustedUntil.delete(keys.trusted);
    this.trustedUntil.set(keys.trusted, now + TRUSTED_MS);
    this.bound(this.trustedUntil);
  }

  private scope(key: string, now: number): ScopeState {
    let state = this.scopes.get(key);
    if (state && state.expiresAt <= now && state.lockedUntil <= now) {
      this.scopes.delete(key);
      state = undefined;
    }
    if (!state) {
      state = { attempts: 0, level: 0, lockedUntil: 0, expiresAt: now };
      this.scopes.set(key, state);
      this.bound(this.scopes);
    }
    return state;
  }

  /** Maps keep insertion order, so the first keys are the oldest. */
  private bound(map: Map<string, unknown>): void {
    if (map.size <= MEMORY_ENTRIES) return;
    let excess = map.size - Math.floor(MEMORY_ENTRIES * 0.9);
    for (const key of map.keys()) {
      if (excess-- <= 0) break;
      map.delete(key);
    }
  }
}

/**
 * The same rules in Redis, shared by every instance; one Lua call per attempt keeps them atomic.
 * Each scope has three keys: its lock (with the lock's expiry), its attempt count and its lock
 * level (both forgotten `memoryMs` after the last attempt).
 */
export class RedisLoginThrottleStore implements LoginThrottleStore {
  private static readonly ATTEMPT = `
    local function count(first, limit)
      local n = redis.call('INCR', KEYS[first + 1])
      redis.call('PEXPIRE', KEYS[first + 1], ARGV[3])
      redis.call('PEXPIRE', KEYS[first + 2], ARGV[3])
      if n >= limit then
        local level = redis.call('INCR', KEYS[first + 2])
        redis.call('PEXPIRE', KEYS[first + 2], ARGV[3])
        local ms = math.floor(math.min(tonumber(ARGV[1]) * 2 ^ (level - 1), tonumber(ARGV[2])))
        redis.call('SET', KEYS[first], 1, 'PX', ms)
        redis.call('DEL', KEYS[first + 1])
      end
    end
    local trusted = redis.call('EXISTS', KEYS[1]) == 1
    local wait = redis.call('PTTL', KEYS[2])
    if not trusted then wait = math.max(wait, redis.call('PTTL', KEYS[5])) end
    if wait > 0 then return wait end
    count(2, tonumber(ARGV[4]))
    if not trusted then count(5, tonumber(ARGV[5])) end
    return 0`;

  private static readonly SUCCEEDED = `
    if redis.call('EXISTS', KEYS[1]) == 0 and tonumber(redis.call('GET', KEYS[6]) or '0') > 0 then
      redis.call('DECR', KEYS[6])
    end
    redis.call('DEL', KEYS[2], KEYS[3], KEYS[4])
    redis.call('SET', KEYS[1], 1, 'PX', ARGV[1])
    return 0`;

  private readonly logger = new Logger(RedisLoginThrottleStore.name);
  private lastWarning = 0;

  constructor(
    private readonly redis: Redis,
    private readonly fallback: LoginThrottleStore = new MemoryLoginThrottleStore(),
  ) {}

  async attempt(keys: LoginKeys, limits: LoginLimits): Promise<number> {
    const { lockMs, maxLockMs, memoryMs, pairAttempts, accountAttempts } = limits;
    const args = [lockMs, maxLockMs, memoryMs, pairAttempts, accountAttempts];
    try {
      return Number(await this.redis.eval(RedisLoginThrottleStore.ATTEMPT, 7, ...this.redisKeys(keys), ...args));
    } catch (error) {
      this.warn(error);
      return this.fallback.attempt(keys, limits);
    }
  }

  async succeeded(keys: LoginKeys): Promise<void> {
    try {
      await this.redis.eval(RedisLoginThrottleStore.SUCCEEDED, 7, ...this.redisKeys(keys), TRUSTED_MS);
    } catch (error) {
      this.warn(error);
      await this.fallback.succeeded(keys);
    }
  }

  private redisKeys(keys: LoginKeys): string[] {
    const scope = (key: string) => [`qm:login:${key}:lock`, `qm:login:${key}:attempts`, `qm:login:${key}:level`];
    return [`qm:login:${keys.trusted}`, ...scope(keys.pair), ...scope(keys.account)];
  }

  private warn(error: unknown): void {
    if (Date.now() - this.lastWarning < 60_000) return;
    this.lastWarning = Date.now();
    this.logger.warn({ err: error }, 'Redis unavailable; login throttling counts per instance until it is back');
  }
}

/** The login throttle of this deployment: in Redis when configured, else in memory. */
@Injectable()
export class LoginThrottle {
  private readonly store: LoginThrottleStore;
  private readonly limits: LoginLimits;

  constructor(@Inject(AppConfig) config: AppConfig, redis: RedisConnection) {
    this.store = redis.client ? new RedisLoginThrottleStore(redis.client) : new MemoryLoginThrottleStore();
    this.limits = {
      pairAttempts: config.LOGIN_MAX_FAILURES,
      accountAttempts: config.LOGIN_ACCOUNT_MAX_FAILURES,
      lockMs: config.LOGIN_LOCK_SECONDS * 1000,
      maxLockMs: config.LOGIN_LOCK_MAX_SECONDS * 1000,
      memoryMs: config.LOGIN_LOCK_MAX_SECONDS * 4000,
    };
  }

  /** Counts a login attempt for `account` (a user id, or the unknown login name) from `ip`; 429 when locked. */
  async attempt(account: string, ip: string): Promise<void> {
    const waitMs = await this.store.attempt(loginKeys(account, ip), this.limits);
    if (waitMs > 0) {
      const retryAfter = Math.max(1, Math.ceil(waitMs / 1000));
      throw new Problem(429, `Too many failed logins for this account; try again in ${retryAfter} s`, {
        slug: 'login-locked',
        title: 'Login temporarily locked',
        extensions: { retryAfter },
      });
    }
  }

  succeeded(account: string, ip: string): Promise<void> {
    return this.store.succeeded(loginKeys(account, ip));
  }
}

/** Prefixed so that no login name can make one scope's key equal another's. */
function loginKeys(account: string, ip: string): LoginKeys {
  return { pair: `pair:${account}|${ip}`, account: `account:${account}`, trusted: `trusted:${account}|${ip}` };
}
