import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Client } from 'pg';
import { AppConfig } from '../config/app-config';
import { watchTableWrites } from '../database/table-writes';

/** The tables a cached caller is read from (caller.queries.ts). */
export const CALLER_TABLES = ['users', 'api_keys', 'refresh_tokens', 'orgs', 'memberships'] as const;
/** The channel the `qm_caller_changed` triggers notify (migration CallerChangeNotify). */
export const CALLER_CHANNEL = 'qm_caller_changed';
/** Entries kept at most; past it the cache starts over (a flood of distinct credentials must not grow memory). */
const MAX_ENTRIES = 20_000;
const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 30_000;

/**
 * A short-lived in-process cache of per-request caller lookups (user, session or key, org and
 * membership): the statement every authenticated request ran was half the SQL of a cheap read.
 *
 * It never serves a value older than the last change that could matter:
 * - writes of this process to the caller tables drop every entry synchronously, when the
 *   statement is sent, when it completes and when its transaction ends (table-writes.ts), so a
 *   revoke, logout, tier change or password change answered by this instance holds for the very
 *   next request, whichever code path (or raw SQL) wrote it;
 * - writes of other instances (or of anyone) reach it through Postgres: statement triggers on
 *   those tables `pg_notify` the channel on commit, and a LISTEN connection drops every entry;
 * - while that connection is down (or not yet up), nothing is cached or served from the cache,
 *   so an instance that could miss a notification reads the database on every request;
 * - entries expire after CALLER_CACHE_SECONDS anyway, and only positive lookups are cached.
 * The embedded database (one process, no LISTEN over its socket) does without the cache.
 */
@Injectable()
export class CallerCache implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(CallerCache.name);
  private readonly entries = new Map<string, { value: unknown; version: number; expiresAt: number }>();
  private readonly ttlMs: number;
  private version = 0;
  private listener: Client | null = null;
  private listening = false;
  private stopped = false;
  private reconnectDelayMs = RECONNECT_MIN_MS;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private unwatch: (() => void) | undefined;

  constructor(private readonly config: AppConfig) {
    this.ttlMs = config.DATABASE_URL ? config.CALLER_CACHE_SECONDS * 1000 : 0;
  }

  async onModuleInit(): Promise<void> {
    if (this.ttlMs <= 0) return;
    this.unwatch = watchTableWrites(CALLER_TABLES, () => this.invalidate(), {
      // The once-a-minute "last used" stamp of an API key changes nothing a lookup decides on.
      ignoredStatements: ['qm_touch_key'],
    });
    await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    this.unwatch?.();
    this.listening = false;
    await this.listener?.end().catch(() => undefined);
  }

  /** Whether lookups are cached right now (the invalidation channel is up). */
  get active(): boolean {
    return this.listening;
  }

  /**
   * The cached value of `key`, or `load()`'s, cached when `cacheable` says so (a lookup that lets
   * the request through). A value loaded while a change was seen is not kept.
   */
  async get<T>(key: string, load: () => Promise<T>, cacheable: (value: T) => boolean): Promise<T> {
    if (!this.listening) return load();
    const entry = this.entries.get(key);
    if (entry && entry.version === this.version && entry.expiresAt > Date.now()) return entry.value as T;
    const version = this.version;
    const value = await load();
    if (this.listening && version === this.version && cacheable(value)) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
      this.entries.set(key, { value, version, expiresAt: Date.now() + this.ttlMs });
    }
    return value;
  }

  /** Drops every entry (and any lookup in flight will not be kept). */
  invalidate(): void {
    this.version++;
    this.entries.clear();
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.config.DATABASE_URL, keepAlive: true });
    const lost = (reason: unknown) => {
      if (this.listener !== client) return;
      this.listener = null;
      this.listening = false;
      this.invalidate();
      client.end().catch(() => undefined);
      if (this.stopped) return;
      this.logger.warn({ err: reason }, 'Caller cache paused: its invalidation channel is down; reconnecting');
      this.scheduleReconnect();
    };
    this.listener = client;
    client.on('error', lost);
    client.on('end', () => lost(new Error('connection ended')));
    client.on('notification', () => this.invalidate());
    try {
      await client.connect();
      await client.query(`LISTEN ${CALLER_CHANNEL}`);
    } catch (error) {
      lost(error);
      return;
    }
    if (this.listener !== client || this.stopped) return;
    // Changes made while the channel was down were not heard: start from nothing.
    this.invalidate();
    this.listening = true;
    this.reconnectDelayMs = RECONNECT_MIN_MS;
  }

  private scheduleReconnect(): void {
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => void this.listen(), this.reconnectDelayMs);
    this.reconnectTimer.unref();
    this.reconnectDelayMs = Math.min(this.reconnectDelayMs * 2, RECONNECT_MAX_MS);
  }
}
