import type { Pool, QueryConfig } from 'pg';
import type { DataSource } from 'typeorm';
import { SLUG_PATTERN } from '../tenancy/dto/org.dto';
import { Org } from '../tenancy/orgs/org.entity';
import type { Grant, Tier } from '../tenancy/tiers';
import type { ApiKeyKind, RateLimitTier } from './api-keys/api-key.entity';
import { User } from './users/user.entity';

/**
 * The per-request lookups of the access guard: the caller's user, the validity of their session
 * or API key, the addressed org and their membership in it, in ONE statement per request.
 *
 * They run on the primary's pg pool directly, as named (prepared) statements: no ORM building or
 * mapping, and Postgres plans each statement once per connection. Nothing is cached in the
 * process, so a revoked key, an ended session, a disabled user, a lowered tier or a removed
 * member is refused by the very next request, on every instance.
 */

/** The org of the request's `{org}` parameter and the caller's membership in it, as prefetched. */
export interface OrgLookup {
  /** The lower-cased slug looked up. */
  slug: string;
  org: Org | null;
  membership: { tier: Tier; grants: Grant[] } | null;
}

export interface SessionCaller {
  user: User;
  sessionOpen: boolean;
  orgLookup: OrgLookup | undefined;
}

export interface KeyCaller {
  user: User;
  key: {
    id: string;
    kind: ApiKeyKind;
    orgId: string | null;
    scopes: string[];
    rateLimitTier: RateLimitTier;
    secretHash: string;
    expiresAt: Date | null;
    revokedAt: Date | null;
    lastUsedAt: Date | null;
  };
  orgLookup: OrgLookup | undefined;
}

const USER_COLUMNS = `u.id, u.created_at, u.updated_at, u.username, u.email, u.display_name, u.password_hash,
       u.discord_id, u.discord_username, u.is_platform_admin, u.disabled_at`;
/** The org of the slug (null slug: none) and the user's membership in it. */
const ORG_COLUMNS = `o.id AS o_id, o.created_at AS o_created_at, o.updated_at AS o_updated_at, o.slug AS o_slug,
       o.name AS o_name, o.contexts AS o_contexts, o.public_site AS o_public_site,
       o.public_description AS o_public_description, m.tier AS m_tier, m.grants AS m_grants`;
const ORG_JOINS = `LEFT JOIN orgs o ON o.slug = $SLUG
  LEFT JOIN memberships m ON m.org_id = o.id AND m.user_id = u.id`;

const SESSION_CALLER = `SELECT ${USER_COLUMNS},
       EXISTS (SELECT 1 FROM refresh_tokens r
                WHERE r.family_id = $2 AND r.user_id = u.id AND r.revoked_at IS NULL) AS session_open,
       ${ORG_COLUMNS}
  FROM users u
  ${ORG_JOINS.replace('$SLUG', '$3')}
 WHERE u.id = $1`;

const KEY_CALLER = `SELECT ${USER_COLUMNS},
       k.id AS k_id, k.kind AS k_kind, k.org_id AS k_org_id, k.scopes AS k_scopes,
       k.rate_limit_tier AS k_rate_limit_tier, k.secret_hash AS k_secret_hash, k.expires_at AS k_expires_at,
       k.revoked_at AS k_revoked_at, k.last_used_at AS k_last_used_at,
       ${ORG_COLUMNS}
  FROM api_keys k
  JOIN users u ON u.id = k.user_id
  ${ORG_JOINS.replace('$SLUG', '$2')}
 WHERE k.prefix = $1`;

/** Conditional, so that instances racing on the same key write it once a minute at most. */
const TOUCH_KEY = `UPDATE api_keys SET last_used_at = now()
 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`;

type Row = Record<string, unknown>;

/**
 * The slug as a statement parameter: one no org can have (bytes Postgres refuses in text, such as
 * NUL, among them) is looked up as none, so it is a 404 rather than a database error.
 */
function slugParam(slug: string | null): string | null {
  return slug !== null && SLUG_PATTERN.test(slug) ? slug : null;
}

function toUser(row: Row): User {
  return Object.assign(new User(), {
    id: row.id as string,
    createdAt: row.created_at as Date,
    updatedAt: row.updated_at as Date,
    username: row.username as string,
    email: row.email as string | null,
    displayName: row.display_name as string | null,
    passwordHash: row.password_hash as string | null,
    discordId: row.discord_id as string | null,
    discordUsername: row.discord_username as string | null,
    isPlatformAdmin: row.is_platform_admin as boolean,
    disabledAt: row.disabled_at as Date | null,
  });
}

function toOrgLookup(row: Row, slug: string | null): OrgLookup | undefined {
  if (slug === null) return undefined;
  const org = row.o_id
    ? Object.assign(new Org(), {
        id: row.o_id as string,
        createdAt: row.o_created_at as Date,
        updatedAt: row.o_updated_at as Date,
        slug: row.o_slug as string,
        name: row.o_name as string,
        contexts: row.o_contexts as string[],
        publicSite: row.o_public_site as boolean,
        publicDescription: row.o_public_description as string | null,
      })
    : null;
  const membership = row.m_tier ? { tier: row.m_tier as Tier, grants: row.m_grants as Grant[] } : null;
  return { slug, org, membership };
}

/** The primary's pg pool under the DataSource (reads from replicas could miss a revocation). */
export function primaryPool(dataSource: DataSource): Pool {
  return (dataSource.driver as unknown as { master: Pool }).master;
}

async function one(pool: Pool, query: QueryConfig): Promise<Row | undefined> {
  return (await pool.query<Row>(query)).rows[0];
}

/** The user of an access token, whether its session is open, and the org lookup for `slug`. */
export async function sessionCaller(
  pool: Pool,
  userId: string,
  sessionId: string,
  slug: string | null,
): Promise<SessionCaller | null> {
  const row = await one(pool, {
    name: 'qm_session_caller',
    text: SESSION_CALLER,
    values: [userId, sessionId, slugParam(slug)],
  });
  if (!row) return null;
  return { user: toUser(row), sessionOpen: row.session_open === true, orgLookup: toOrgLookup(row, slug) };
}

/** The key of a prefix with its user and the org lookup for `slug`; the secret is checked by the caller. */
export async function keyCaller(pool: Pool, prefix: string, slug: string | null): Promise<KeyCaller | null> {
  const row = await one(pool, { name: 'qm_key_caller', text: KEY_CALLER, values: [prefix, slugParam(slug)] });
  if (!row) return null;
  const key = {
    id: row.k_id as string,
    kind: row.k_kind as ApiKeyKind,
    orgId: row.k_org_id as string | null,
    scopes: row.k_scopes as string[],
    rateLimitTier: row.k_rate_limit_tier as RateLimitTier,
    secretHash: row.k_secret_hash as string,
    expiresAt: row.k_expires_at as Date | null,
    revokedAt: row.k_revoked_at as Date | null,
    lastUsedAt: row.k_last_used_at as Date | null,
  };
  return { user: toUser(row), key, orgLookup: toOrgLookup(row, slug) };
}

/** Records that a key was used, unless it was within the last minute. */
export async function touchKey(pool: Pool, keyId: string): Promise<void> {
  await pool.query({ name: 'qm_touch_key', text: TOUCH_KEY, values: [keyId] });
}
