import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { fromCents, toCents } from '../common/cents';
import { LedgerService } from '../points/ledger.service';

/**
 * Loads a whole guild (users, roster, pools, events, items, raids, attendance, loot,
 * adjustments) into one org in one transaction, fast: array-parameter multi-row INSERTs
 * (`INSERT ... SELECT * FROM unnest($1::uuid[], ...)`, one statement per chunk) with ids
 * generated here, ledger rows written with the time of what they record, then balances rebuilt
 * from the ledger with `LedgerService.rebuildBalances` and optionally compared with expected
 * summaries (a mismatch rolls everything back).
 *
 * A plain class over a TypeORM DataSource so CLI scripts, demo seeders and tests can use it
 * without Nest DI: `new DkpBulkLoader(dataSource).load(orgId, guild)`.
 *
 * Rows refer to each other by caller keys (the benchmark data set's integer ids, the demo
 * generator's strings); the loader maps each key to a fresh uuid and returns the maps.
 */

export type Key = string | number;
/** A two-place decimal string ("12.50", "-3.00"), as the API and the data set carry points. */
export type Amount = string;
export type Instant = Date | string;

export interface BulkUser {
  key: Key;
  /** Lower-case login name. An existing user with this name is reused (not modified). */
  username: string;
  discordId?: string | null;
  displayName?: string | null;
  /** Membership tier in the org; an existing membership is left as it is. */
  tier: 'owner' | 'officer' | 'member';
  /** Use this existing user instead of looking one up by username. */
  userId?: string;
}

export interface BulkRank {
  key: Key;
  name: string;
  sortOrder: number;
  discordRoleId?: string | null;
}

export interface BulkPool {
  key: Key;
  name: string;
  description?: string;
}

export interface BulkEvent {
  key: Key;
  name: string;
  poolKey: Key;
  defaultPoints: Amount;
  description?: string;
  active?: boolean;
}

export interface BulkItem {
  key: Key;
  name: string;
  category?: string;
  rarity?: 'common' | 'uncommon' | 'rare' | 'epic' | 'legendary';
}

export interface BulkCharacter {
  key: Key;
  name: string;
  userKey: Key;
  characterClass: string;
  level: number;
  /** Exactly one main per user; alts point at it. */
  isMain: boolean;
  rankKey?: Key | null;
  status?: 'active' | 'inactive' | 'retired';
  joinedAt?: Instant;
}

export interface BulkRaid {
  key: Key;
  eventKey: Key;
  poolKey: Key;
  startsAt: Instant;
  leaderUserKey?: Key | null;
  notes?: string;
  /** Defaults to the event's default points. */
  value?: Amount;
}

export interface BulkAttendance {
  raidKey: Key;
  userKey: Key;
  characterName: string;
  points: Amount;
  flag?: 'on_time' | 'late' | 'left_early';
}

export interface BulkLoot {
  key: Key;
  itemKey: Key;
  userKey: Key;
  poolKey: Key;
  raidKey?: Key | null;
  characterName?: string | null;
  /** Positive winning amount; the ledger row debits it. */
  amount: Amount;
  createdAt: Instant;
}

export interface BulkAdjustment {
  userKey: Key;
  poolKey: Key;
  /** Signed. */
  amount: Amount;
  reason: string;
  createdAt: Instant;
  characterName?: string | null;
}

export interface BulkSummary {
  userKey: Key;
  poolKey: Key;
  earned: Amount;
  spent: Amount;
  adjusted: Amount;
  balance: Amount;
}

export interface BulkGuild {
  users: BulkUser[];
  ranks?: BulkRank[];
  pools: BulkPool[];
  events: BulkEvent[];
  items: BulkItem[];
  characters: BulkCharacter[];
  raids: BulkRaid[];
  attendance: BulkAttendance[];
  loot: BulkLoot[];
  adjustments: BulkAdjustment[];
}

export interface BulkLoadOptions {
  /** Balances the load must arrive at; any difference aborts (and rolls back) the load. */
  expected?: BulkSummary[];
  /** Rows per INSERT statement (default 5000). */
  chunkSize?: number;
  /** Ledger `actor_user_id` (default null). */
  actorUserId?: string | null;
  /** Ledger `source` (default `bulk-load`). */
  source?: string;
  /** Run inside this transaction instead of opening one. */
  tx?: EntityManager;
}

export interface BulkLoadResult {
  counts: Record<string, number>;
  /** Users created (the rest existed already). */
  usersCreated: number;
  ids: {
    users: Map<Key, string>;
    pools: Map<Key, string>;
    events: Map<Key, string>;
    items: Map<Key, string>;
    characters: Map<Key, string>;
    raids: Map<Key, string>;
    loot: Map<Key, string>;
    ranks: Map<Key, string>;
  };
  balancesChecked: number;
  ms: number;
}

export class BalanceMismatchError extends Error {
  constructor(readonly mismatches: string[]) {
    super(`Loaded balances differ from the expected summaries (${mismatches.length}):\n  ${mismatches.slice(0, 20).join('\n  ')}${mismatches.length > 20 ? '\n  ...' : ''}`);
  }
}

const iso = (t: Instant): string => (typeof t === 'string' ? t : t.toISOString());
const ms = (t: Instant): number => (typeof t === 'string' ? Date.parse(t) : t.getTime());
const DAY_MS = 86_400_000;

/** One column of an unnest INSERT: its name and the Postgres array type its values travel as. */
type Column = [name: string, type: string];

function keyMap<T extends { key: Key }>(rows: T[], what: string): Map<Key, string> {
  const map = new Map<Key, string>();
  for (const r of rows) {
    if (map.has(r.key)) throw new Error(`Duplicate ${what} key ${String(r.key)}`);
    map.set(r.key, randomUUID());
  }
  return map;
}

function lookup(map: Map<Key, string>, key: Key, what: string): string {
  const id = map.get(key);
  if (!id) throw new Error(`Unknown ${what} key ${String(key)}`);
  return id;
}

export class DkpBulkLoader {
  private readonly ledger: LedgerService;

  constructor(private readonly db: DataSource) {
    this.ledger = new LedgerService(db);
  }

  /** Loads `guild` into the org (which should hold no DKP data yet). */
  async load(orgId: string, guild: BulkGuild, options: BulkLoadOptions = {}): Promise<BulkLoadResult> {
    const started = Date.now();
    const run = (tx: EntityManager) => this.loadIn(tx, orgId, guild, options, started);
    return options.tx ? run(options.tx) : this.db.transaction(run);
  }

  /** Deletes every DKP row of the org (for a reload); users, memberships and the org stay. */
  async purgeOrg(tx: EntityManager, orgId: string): Promise<void> {
    for (const table of [
      'dkp_ledger',
      'dkp_balances',
      'dkp_loot',
      'dkp_attendance',
      'dkp_character_ownership',
      'dkp_characters',
      'dkp_raids',
      'dkp_events',
      'dkp_items',
      'dkp_ranks',
      'dkp_decay_runs',
      'dkp_pools',
    ]) {
      await tx.query(`DELETE FROM ${table} WHERE org_id = $1`, [orgId]);
    }
  }

  private async loadIn(tx: EntityManager, orgId: string, g: BulkGuild, o: BulkLoadOptions, started: number): Promise<BulkLoadResult> {
    const chunk = o.chunkSize ?? 5000;
    const source = o.source ?? 'bulk-load';
    const actor = o.actorUserId ?? null;
    const insert = async (table: string, columns: Column[], rows: unknown[][]): Promise<void> => {
      for (let i = 0; i < rows.length; i += chunk) {
        const part = rows.slice(i, i + chunk);
        const arrays = columns.map((_, c) => part.map((r) => r[c]));
        await tx.query(
          `INSERT INTO ${table} (${columns.map(([n]) => n).join(', ')})
           SELECT * FROM unnest(${columns.map(([, t], c) => `$${c + 1}::${t}[]`).join(', ')})`,
          arrays,
        );
      }
    };

    const ranks = g.ranks ?? [];
    const ids = {
      users: new Map<Key, string>(),
      pools: keyMap(g.pools, 'pool'),
      events: keyMap(g.events, 'event'),
      items: keyMap(g.items, 'item'),
      characters: keyMap(g.characters, 'character'),
      raids: keyMap(g.raids, 'raid'),
      loot: keyMap(g.loot, 'loot'),
      ranks: keyMap(ranks, 'rank'),
    };

    // Users: reuse existing ones (by id or username), create the rest; a Discord id already
    // linked to another account is not copied onto the new one.
    const byName = new Map<string, string>(
      (await tx.query('SELECT id, username FROM users WHERE username = ANY($1::text[])', [g.users.map((u) => u.username)])).map((r: { id: string; username: string }) => [r.username, r.id]),
    );
    const takenDiscord = new Set<string>(
      (await tx.query('SELECT discord_id FROM users WHERE discord_id = ANY($1::text[])', [g.users.map((u) => u.discordId).filter(Boolean)])).map((r: { discord_id: string }) => r.discord_id),
    );
    const newUsers: unknown[][] = [];
    for (const u of g.users) {
      if (ids.users.has(u.key)) throw new Error(`Duplicate user key ${String(u.key)}`);
      const existing = u.userId ?? byName.get(u.username);
      if (existing) {
        ids.users.set(u.key, existing);
        continue;
      }
      const id = randomUUID();
      ids.users.set(u.key, id);
      byName.set(u.username, id);
      const discordId = u.discordId && !takenDiscord.has(u.discordId) ? u.discordId : null;
      if (discordId) takenDiscord.add(discordId);
      newUsers.push([id, u.username, u.displayName ?? null, discordId]);
    }
    await insert('users', [['id', 'uuid'], ['username', 'varchar'], ['display_name', 'varchar'], ['discord_id', 'varchar']], newUsers);
    const memberships = g.users.map((u) => [randomUUID(), orgId, ids.users.get(u.key), u.tier]);
    for (let i = 0; i < memberships.length; i += chunk) {
      const part = memberships.slice(i, i + chunk);
      await tx.query(
        `INSERT INTO memberships (id, org_id, user_id, tier)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::varchar[])
         ON CONFLICT (org_id, user_id) DO NOTHING`,
        [0, 1, 2, 3].map((c) => part.map((r) => r[c])),
      );
    }

    await insert(
      'dkp_ranks',
      [['id', 'uuid'], ['org_id', 'uuid'], ['name', 'varchar'], ['sort_order', 'int'], ['discord_role_id', 'varchar']],
      ranks.map((r) => [ids.ranks.get(r.key), orgId, r.name, r.sortOrder, r.discordRoleId ?? null]),
    );
    await insert(
      'dkp_pools',
      [['id', 'uuid'], ['org_id', 'uuid'], ['name', 'varchar'], ['description', 'text']],
      g.pools.map((p) => [ids.pools.get(p.key), orgId, p.name, p.description ?? '']),
    );
    const eventPoints = new Map<Key, Amount>(g.events.map((e) => [e.key, e.defaultPoints]));
    await insert(
      'dkp_events',
      [['id', 'uuid'], ['org_id', 'uuid'], ['name', 'varchar'], ['description', 'text'], ['default_points', 'numeric'], ['active', 'boolean'], ['pool_id', 'uuid']],
      g.events.map((e) => [ids.events.get(e.key), orgId, e.name, e.description ?? '', e.defaultPoints, e.active ?? true, lookup(ids.pools, e.poolKey, 'pool')]),
    );
    await insert(
      'dkp_items',
      [['id', 'uuid'], ['org_id', 'uuid'], ['name', 'varchar'], ['category', 'varchar'], ['rarity', 'varchar']],
      g.items.map((i) => [ids.items.get(i.key), orgId, i.name, i.category ?? 'general', i.rarity ?? 'common']),
    );

    // Characters own their history from before anything they could have attended.
    const times = [...g.raids.map((r) => ms(r.startsAt)), ...g.loot.map((l) => ms(l.createdAt)), ...g.adjustments.map((a) => ms(a.createdAt))];
    const firstEvent = times.length ? times.reduce((a, b) => Math.min(a, b)) : Date.now();
    const ownedFromDefault = firstEvent - DAY_MS;
    const mainOf = new Map<Key, string>();
    for (const c of g.characters) {
      if (!c.isMain) continue;
      if (mainOf.has(c.userKey)) throw new Error(`User ${String(c.userKey)} has two main characters`);
      mainOf.set(c.userKey, lookup(ids.characters, c.key, 'character'));
    }
    const joined = (c: BulkCharacter) => Math.min(c.joinedAt ? ms(c.joinedAt) : ownedFromDefault, ownedFromDefault);
    await insert(
      'dkp_characters',
      [['id', 'uuid'], ['org_id', 'uuid'], ['name', 'varchar'], ['character_class', 'varchar'], ['level', 'smallint'], ['rank_id', 'uuid'], ['status', 'varchar'], ['user_id', 'uuid'], ['main_character_id', 'uuid'], ['joined_at', 'timestamptz'], ['created_at', 'timestamptz']],
      // Mains first, so an alt's main exists when the alt's row is checked.
      [...g.characters].sort((a, b) => Number(b.isMain) - Number(a.isMain)).map((c) => [
        ids.characters.get(c.key),
        orgId,
        c.name,
        c.characterClass,
        c.level,
        c.rankKey != null ? lookup(ids.ranks, c.rankKey, 'rank') : null,
        c.status ?? 'active',
        lookup(ids.users, c.userKey, 'user'),
        c.isMain ? null : (mainOf.get(c.userKey) ?? null),
        new Date(joined(c)).toISOString(),
        new Date(joined(c)).toISOString(),
      ]),
    );
    await insert(
      'dkp_character_ownership',
      [['id', 'uuid'], ['org_id', 'uuid'], ['character_id', 'uuid'], ['user_id', 'uuid'], ['owned_from', 'timestamptz'], ['reason', 'varchar'], ['actor_user_id', 'uuid']],
      g.characters.map((c) => [randomUUID(), orgId, ids.characters.get(c.key), ids.users.get(c.userKey), new Date(joined(c)).toISOString(), 'bulk load', actor]),
    );

    const raidById = new Map<Key, BulkRaid>(g.raids.map((r) => [r.key, r]));
    await insert(
      'dkp_raids',
      [['id', 'uuid'], ['org_id', 'uuid'], ['event_id', 'uuid'], ['pool_id', 'uuid'], ['starts_at', 'timestamptz'], ['leader_user_id', 'uuid'], ['notes', 'text'], ['value', 'numeric'], ['created_at', 'timestamptz']],
      g.raids.map((r) => [
        ids.raids.get(r.key),
        orgId,
        lookup(ids.events, r.eventKey, 'event'),
        lookup(ids.pools, r.poolKey, 'pool'),
        iso(r.startsAt),
        r.leaderUserKey != null ? lookup(ids.users, r.leaderUserKey, 'user') : null,
        r.notes ?? '',
        r.value ?? eventPoints.get(r.eventKey),
        iso(r.startsAt),
      ]),
    );

    const ledgerColumns: Column[] = [
      ['id', 'uuid'], ['org_id', 'uuid'], ['pool_id', 'uuid'], ['user_id', 'uuid'], ['kind', 'varchar'], ['bucket', 'varchar'], ['amount', 'numeric'],
      ['character_name', 'varchar'], ['reason', 'varchar'], ['actor_user_id', 'uuid'], ['source', 'varchar'], ['raid_id', 'uuid'], ['loot_id', 'uuid'], ['created_at', 'timestamptz'],
    ];

    // Attendance and its ledger rows, at raid time.
    const attendanceRows: unknown[][] = [];
    const attendanceLedger: unknown[][] = [];
    for (const a of g.attendance) {
      const raid = raidById.get(a.raidKey);
      if (!raid) throw new Error(`Unknown raid key ${String(a.raidKey)}`);
      const raidId = ids.raids.get(a.raidKey);
      const userId = lookup(ids.users, a.userKey, 'user');
      const poolId = lookup(ids.pools, raid.poolKey, 'pool');
      const at = iso(raid.startsAt);
      attendanceRows.push([randomUUID(), orgId, raidId, userId, a.characterName, a.flag ?? 'on_time', a.points, at]);
      attendanceLedger.push([randomUUID(), orgId, poolId, userId, 'attendance', 'earned', a.points, a.characterName, 'Raid attendance', actor, source, raidId, null, at]);
    }
    await insert(
      'dkp_attendance',
      [['id', 'uuid'], ['org_id', 'uuid'], ['raid_id', 'uuid'], ['user_id', 'uuid'], ['character_name', 'varchar'], ['flag', 'varchar'], ['points', 'numeric'], ['created_at', 'timestamptz']],
      attendanceRows,
    );
    await insert('dkp_ledger', ledgerColumns, attendanceLedger);

    // Loot and its debits.
    const lootRows: unknown[][] = [];
    const lootLedger: unknown[][] = [];
    for (const l of g.loot) {
      const id = ids.loot.get(l.key);
      const userId = lookup(ids.users, l.userKey, 'user');
      const poolId = lookup(ids.pools, l.poolKey, 'pool');
      const raidId = l.raidKey != null ? lookup(ids.raids, l.raidKey, 'raid') : null;
      const at = iso(l.createdAt);
      lootRows.push([id, orgId, lookup(ids.items, l.itemKey, 'item'), userId, poolId, raidId, l.characterName ?? null, l.amount, at]);
      lootLedger.push([randomUUID(), orgId, poolId, userId, 'loot', 'spent', fromCents(-toCents(l.amount)), l.characterName ?? null, 'Loot', actor, source, raidId, id, at]);
    }
    await insert(
      'dkp_loot',
      [['id', 'uuid'], ['org_id', 'uuid'], ['item_id', 'uuid'], ['user_id', 'uuid'], ['pool_id', 'uuid'], ['raid_id', 'uuid'], ['character_name', 'varchar'], ['amount', 'numeric'], ['created_at', 'timestamptz']],
      lootRows,
    );
    await insert('dkp_ledger', ledgerColumns, lootLedger);

    await insert(
      'dkp_ledger',
      ledgerColumns,
      g.adjustments.map((a) => [
        randomUUID(), orgId, lookup(ids.pools, a.poolKey, 'pool'), lookup(ids.users, a.userKey, 'user'), 'adjustment', 'adjusted', a.amount,
        a.characterName ?? null, a.reason.slice(0, 500), actor, source, null, null, iso(a.createdAt),
      ]),
    );

    await this.ledger.rebuildBalances(tx, orgId);
    const balancesChecked = o.expected ? await this.verify(tx, orgId, o.expected, ids.users, ids.pools) : 0;

    return {
      counts: {
        users: g.users.length,
        ranks: ranks.length,
        pools: g.pools.length,
        events: g.events.length,
        items: g.items.length,
        characters: g.characters.length,
        raids: g.raids.length,
        attendance: g.attendance.length,
        loot: g.loot.length,
        adjustments: g.adjustments.length,
        ledger: g.attendance.length + g.loot.length + g.adjustments.length,
      },
      usersCreated: newUsers.length,
      ids,
      balancesChecked,
      ms: Date.now() - started,
    };
  }

  /** Compares the org's balance rows with the expected summaries, both ways; throws on any difference. */
  private async verify(tx: EntityManager, orgId: string, expected: BulkSummary[], users: Map<Key, string>, pools: Map<Key, string>): Promise<number> {
    const rows: { pool_id: string; user_id: string; earned: string; spent: string; adjusted: string; decayed: string; balance: string }[] = await tx.query(
      'SELECT pool_id, user_id, earned, spent, adjusted, decayed, balance FROM dkp_balances WHERE org_id = $1',
      [orgId],
    );
    const stored = new Map(rows.map((r) => [`${r.pool_id}/${r.user_id}`, r]));
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const e of expected) {
      const id = `${lookup(pools, e.poolKey, 'pool')}/${lookup(users, e.userKey, 'user')}`;
      seen.add(id);
      const s = stored.get(id);
      const label = `user ${String(e.userKey)} pool ${String(e.poolKey)}`;
      if (!s) {
        problems.push(`${label}: no balance row (expected ${e.balance})`);
        continue;
      }
      for (const f of ['earned', 'spent', 'adjusted', 'balance'] as const) {
        if (toCents(s[f]) !== toCents(e[f])) problems.push(`${label}: ${f} ${fromCents(toCents(s[f]))}, expected ${e[f]}`);
      }
    }
    for (const [id, s] of stored) if (!seen.has(id)) problems.push(`balance ${id} (${s.balance}) is not in the expected summaries`);
    if (problems.length) throw new BalanceMismatchError(problems);
    return expected.length;
  }
}
