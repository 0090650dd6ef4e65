import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource, FindOptionsWhere, Repository } from 'typeorm';
import { CallerCache } from '../caller-cache';
import { keyCaller, OrgLookup, primaryPool, touchKey } from '../caller.queries';
import { keysetPage, newestFirst, Page, timeAndId } from '../../http/pagination';
import { Problem } from '../../http/problem';
import { ApiKeyDto, CreatedApiKeyDto } from '../dto/api-key.dto';
import type { Principal } from '../principal';
import { hashSecret, randomSecret, secretMatches } from '../secrets';
import { UsersService } from '../users/users.service';
import { ApiKey, ApiKeyKind, RateLimitTier } from './api-key.entity';
import { ScopeCatalog } from './scope-catalog';

/** Keys look like `qm_<10 hex>_<secret>`; the first 13 characters are the stored prefix. */
const KEY_PREFIX = 'qm_';
const PREFIX_LENGTH = 13;
/** lastUsedAt is written at most this often per key, so a busy bot does not write per request. */
const LAST_USED_RESOLUTION_MS = 60_000;
/** Bound of the in-process map of recent lastUsedAt writes (cleared when full: it only saves writes). */
const TOUCHED_KEYS_KEPT = 10_000;

export interface NewKey {
  kind: ApiKeyKind;
  userId: string;
  orgId: string | null;
  name: string;
  scopes: string[];
  expiresAt?: Date | null;
  rateLimitTier?: RateLimitTier;
}

/** Which keys a caller may see and change: their own personal keys, or one org's bot keys. */
export type KeyOwner = { kind: 'personal'; userId: string } | { kind: 'bot'; orgId: string };

export function toApiKeyDto(key: ApiKey, createdByUsername: string | null): ApiKeyDto {
  return {
    id: key.id,
    kind: key.kind,
    name: key.name,
    prefix: key.prefix,
    scopes: key.scopes,
    rateLimitTier: key.rateLimitTier,
    orgId: key.orgId,
    createdByUserId: key.userId,
    createdByUsername,
    expiresAt: key.expiresAt,
    lastUsedAt: key.lastUsedAt,
    revokedAt: key.revokedAt,
    createdAt: key.createdAt,
  };
}

@Injectable()
export class ApiKeysService {
  /** Key id -> when this instance last wrote its lastUsedAt. */
  private readonly touchedAt = new Map<string, number>();

  constructor(
    @InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>,
    private readonly users: UsersService,
    private readonly catalog: ScopeCatalog,
    private readonly dataSource: DataSource,
    private readonly callers: CallerCache,
  ) {}

  private get pool(): Pool {
    return primaryPool(this.dataSource);
  }

  async create(input: NewKey): Promise<CreatedApiKeyDto> {
    const unknown = this.catalog.unknown(input.scopes);
    if (unknown.length) {
      throw Problem.validation(
        unknown.map((s) => ({
          path: 'scopes',
          message: `unknown scope ${s}; known: ${this.catalog.all().join(', ')}`,
        })),
      );
    }
    if (input.expiresAt && input.expiresAt <= new Date()) {
      throw Problem.validation([{ path: 'expiresAt', message: 'expiresAt must be in the future' }]);
    }
    const prefix = KEY_PREFIX + randomBytes(5).toString('hex');
    const secret = randomSecret();
    const key = await this.keys.save(
      this.keys.create({
        ...input,
        prefix,
        secretHash: hashSecret(secret),
        expiresAt: input.expiresAt ?? null,
        rateLimitTier: input.rateLimitTier ?? 'standard',
      }),
    );
    const [creator] = await this.creatorNames([key]);
    return { ...toApiKeyDto(key, creator), key: `${prefix}_${secret}` };
  }

  async list(owner: KeyOwner, limit: number, cursor?: string): Promise<Page<ApiKeyDto>> {
    const qb = this.keys.createQueryBuilder('k');
    if (owner.kind === 'personal') qb.where("k.kind = 'personal' AND k.user_id = :userId", { userId: owner.userId });
    else qb.where("k.kind = 'bot' AND k.org_id = :orgId", { orgId: owner.orgId });
    const rows = await newestFirst(qb, 'k.created_at', 'k.id', { limit, cursor }).getMany();
    const names = await this.users.summariesOf(rows.map((k) => k.userId));
    const toDto = (k: ApiKey) => toApiKeyDto(k, names.get(k.userId)?.username ?? null);
    return keysetPage(rows, limit, (k) => timeAndId(k.createdAt, k.id), toDto);
  }

  /** The creators' usernames: bot keys stay the org's after their creator leaves it. */
  private async creatorNames(keys: ApiKey[]): Promise<(string | null)[]> {
    const names = await this.users.summariesOf(keys.map((k) => k.userId));
    return keys.map((k) => names.get(k.userId)?.username ?? null);
  }

  async revoke(owner: KeyOwner, id: string): Promise<void> {
    const key = await this.get(owner, id);
    if (!key.revokedAt) await this.keys.update({ id: key.id }, { revokedAt: new Date() });
  }

  /** Issues a new secret with the same settings and revokes the old key. */
  async rotate(owner: KeyOwner, id: string): Promise<CreatedApiKeyDto> {
    const old = await this.get(owner, id);
    if (old.revokedAt) throw Problem.conflict('A revoked key cannot be rotated', 'api-key-revoked');
    const fresh = await this.create({
      kind: old.kind,
      userId: old.userId,
      orgId: old.orgId,
      name: old.name,
      scopes: old.scopes,
      expiresAt: old.expiresAt && old.expiresAt > new Date() ? old.expiresAt : null,
      rateLimitTier: old.rateLimitTier,
    });
    await this.keys.update({ id: old.id }, { revokedAt: new Date() });
    return fresh;
  }

  /**
   * The principal of a presented key, or null when it is unknown, revoked or expired or its user
   * is disabled; with the lookup of the org `slug` made in the same statement (see caller.queries).
   */
  async authenticate(
    presented: string,
    slug: string | null = null,
  ): Promise<{ principal: Principal; orgLookup: OrgLookup | undefined } | null> {
    if (!presented.startsWith(KEY_PREFIX) || presented[PREFIX_LENGTH] !== '_') return null;
    const prefix = presented.slice(0, PREFIX_LENGTH);
    const found = await this.callers.get(
      `key|${prefix}|${slug ?? ''}`,
      () => keyCaller(this.pool, prefix, slug),
      (lookup) => !!lookup && !lookup.key.revokedAt && !lookup.user.disabledAt,
    );
    if (!found || !secretMatches(presented.slice(PREFIX_LENGTH + 1), found.key.secretHash)) return null;
    const { key, user } = found;
    const now = Date.now();
    if (key.revokedAt || (key.expiresAt && key.expiresAt.getTime() <= now) || user.disabledAt) return null;
    await this.recordUse(key.id, key.lastUsedAt, now);
    return {
      principal: {
        user,
        apiKey: { id: key.id, kind: key.kind, orgId: key.orgId, scopes: key.scopes, rateLimitTier: key.rateLimitTier },
      },
      orgLookup: found.orgLookup,
    };
  }

  /**
   * lastUsedAt at a minute's resolution: no write while the stored time is recent, nor while this
   * instance wrote it recently (concurrent requests all read the old value); the UPDATE itself
   * is conditional, so instances racing on a key write it once.
   */
  private async recordUse(keyId: string, lastUsedAt: Date | null, now: number): Promise<void> {
    if (lastUsedAt && now - lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS) return;
    const written = this.touchedAt.get(keyId);
    if (written !== undefined && now - written < LAST_USED_RESOLUTION_MS) return;
    if (this.touchedAt.size >= TOUCHED_KEYS_KEPT) this.touchedAt.clear();
    this.touchedAt.set(keyId, now);
    await touchKey(this.pool, keyId);
  }

  private async get(owner: KeyOwner, id: string): Promise<ApiKey> {
    const key = await this.keys.findOne({ where: this.ownerWhere(owner, id) });
    if (!key) throw Problem.notFound('API key');
    return key;
  }

  private ownerWhere(owner: KeyOwner, id: string): FindOptionsWhere<ApiKey> {
    return owner.kind === 'personal'
      ? { id, kind: 'personal', userId: owner.userId }
      : { id, kind: 'bot', orgId: owner.orgId };
  }
}
