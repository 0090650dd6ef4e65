import { randomUUID } from 'node:crypto';
import { fromCents, toCents } from '../common/cents';
import type {
  Amount,
  BulkAdjustment,
  BulkAttendance,
  BulkCharacter,
  BulkEvent,
  BulkGuild,
  BulkIds,
  BulkItem,
  BulkLoot,
  BulkPool,
  BulkRaid,
  BulkRank,
  Instant,
  Key,
} from './bulk-guild';
import type { BulkRow } from './dkp-bulk.repository';

/**
 * The table rows of a bulk load, built from the guild's rows without touching the database:
 * each caller key becomes the uuid `assignIds` gave it, and every ledger row carries the time
 * of what it records.
 */

/** What every row of one load shares: the org, the ids of the keys and who loads. */
export interface RowScope {
  orgId: string;
  ids: BulkIds;
  /** Ledger and ownership `actor_user_id`. */
  actorUserId: string | null;
  /** Ledger `source`. */
  source: string;
}

const DAY_MS = 86_400_000;

const iso = (instant: Instant): string => (typeof instant === 'string' ? instant : instant.toISOString());
const epochMs = (instant: Instant): number => (typeof instant === 'string' ? Date.parse(instant) : instant.getTime());

function keyMap<T extends { key: Key }>(rows: T[], what: string): Map<Key, string> {
  const map = new Map<Key, string>();
  for (const row of rows) {
    if (map.has(row.key)) throw new Error(`Duplicate ${what} key ${String(row.key)}`);
    map.set(row.key, randomUUID());
  }
  return map;
}

/** A fresh uuid for every key of the guild; users are left empty (their ids come from the platform). */
export function assignIds(guild: BulkGuild): BulkIds {
  return {
    users: new Map<Key, string>(),
    pools: keyMap(guild.pools, 'pool'),
    events: keyMap(guild.events, 'event'),
    items: keyMap(guild.items, 'item'),
    characters: keyMap(guild.characters, 'character'),
    raids: keyMap(guild.raids, 'raid'),
    loot: keyMap(guild.loot, 'loot'),
    ranks: keyMap(guild.ranks ?? [], 'rank'),
  };
}

/** The id of `key`; an unknown key is an error in the guild. */
export function lookup(map: Map<Key, string>, key: Key, what: string): string {
  const id = map.get(key);
  if (!id) throw new Error(`Unknown ${what} key ${String(key)}`);
  return id;
}

// --- Catalog: ranks, pools, events, items --------------------------------------------------

export function rankRows(scope: RowScope, ranks: BulkRank[]): BulkRow<'dkp_ranks'>[] {
  return ranks.map((rank) => ({
    id: lookup(scope.ids.ranks, rank.key, 'rank'),
    org_id: scope.orgId,
    name: rank.name,
    sort_order: rank.sortOrder,
    discord_role_id: rank.discordRoleId ?? null,
  }));
}

export function poolRows(scope: RowScope, pools: BulkPool[]): BulkRow<'dkp_pools'>[] {
  return pools.map((pool) => ({
    id: lookup(scope.ids.pools, pool.key, 'pool'),
    org_id: scope.orgId,
    name: pool.name,
    description: pool.description ?? '',
  }));
}

export function eventRows(scope: RowScope, events: BulkEvent[]): BulkRow<'dkp_events'>[] {
  return events.map((event) => ({
    id: lookup(scope.ids.events, event.key, 'event'),
    org_id: scope.orgId,
    name: event.name,
    description: event.description ?? '',
    default_points: event.defaultPoints,
    active: event.active ?? true,
    pool_id: lookup(scope.ids.pools, event.poolKey, 'pool'),
  }));
}

export function itemRows(scope: RowScope, items: BulkItem[]): BulkRow<'dkp_items'>[] {
  return items.map((item) => ({
    id: lookup(scope.ids.items, item.key, 'item'),
    org_id: scope.orgId,
    name: item.name,
    category: item.category ?? 'general',
    rarity: item.rarity ?? 'common',
  }));
}

// --- Roster: characters and their ownership ------------------------------------------------

/**
 * When each character joined, and so since when its user owns it: never later than a day
 * before the guild's first raid, loot or adjustment, so that characters own their history from
 * before anything they could have attended.
 */
export function joinDates(guild: BulkGuild): Map<BulkCharacter, string> {
  const times = [
    ...guild.raids.map((raid) => epochMs(raid.startsAt)),
    ...guild.loot.map((award) => epochMs(award.createdAt)),
    ...guild.adjustments.map((adjustment) => epochMs(adjustment.createdAt)),
  ];
  const firstEvent = times.length ? times.reduce((a, b) => Math.min(a, b)) : Date.now();
  const latest = firstEvent - DAY_MS;
  const joined = (char: BulkCharacter) => Math.min(char.joinedAt ? epochMs(char.joinedAt) : latest, latest);
  return new Map(guild.characters.map((char) => [char, new Date(joined(char)).toISOString()]));
}

/** The main character of each user key; a user with two mains is an error in the guild. */
function mainsOf(scope: RowScope, characters: BulkCharacter[]): Map<Key, string> {
  const mainOf = new Map<Key, string>();
  for (const char of characters) {
    if (!char.isMain) continue;
    if (mainOf.has(char.userKey)) throw new Error(`User ${String(char.userKey)} has two main characters`);
    mainOf.set(char.userKey, lookup(scope.ids.characters, char.key, 'character'));
  }
  return mainOf;
}

/** Mains first, so that an alt's main exists when the alt's row is checked. */
export function characterRows(
  scope: RowScope,
  characters: BulkCharacter[],
  joinedAt: Map<BulkCharacter, string>,
): BulkRow<'dkp_characters'>[] {
  const mainOf = mainsOf(scope, characters);
  const mainsFirst = [...characters].sort((a, b) => Number(b.isMain) - Number(a.isMain));
  return mainsFirst.map((char) => ({
    id: lookup(scope.ids.characters, char.key, 'character'),
    org_id: scope.orgId,
    name: char.name,
    character_class: char.characterClass,
    level: char.level,
    rank_id: char.rankKey != null ? lookup(scope.ids.ranks, char.rankKey, 'rank') : null,
    status: char.status ?? 'active',
    user_id: lookup(scope.ids.users, char.userKey, 'user'),
    main_character_id: char.isMain ? null : (mainOf.get(char.userKey) ?? null),
    joined_at: joinedAt.get(char)!,
    created_at: joinedAt.get(char)!,
  }));
}

export function ownershipRows(
  scope: RowScope,
  characters: BulkCharacter[],
  joinedAt: Map<BulkCharacter, string>,
): BulkRow<'dkp_character_ownership'>[] {
  return characters.map((char) => ({
    id: randomUUID(),
    org_id: scope.orgId,
    character_id: lookup(scope.ids.characters, char.key, 'character'),
    user_id: lookup(scope.ids.users, char.userKey, 'user'),
    owned_from: joinedAt.get(char)!,
    reason: 'bulk load',
    actor_user_id: scope.actorUserId,
  }));
}

// --- Raids, attendance, loot and adjustments, each with its ledger rows ---------------------

/** A raid is worth its own value or else its event's default points. */
export function raidRows(scope: RowScope, raids: BulkRaid[], events: BulkEvent[]): BulkRow<'dkp_raids'>[] {
  const eventPoints = new Map<Key, Amount>(events.map((event) => [event.key, event.defaultPoints]));
  return raids.map((raid) => ({
    id: lookup(scope.ids.raids, raid.key, 'raid'),
    org_id: scope.orgId,
    event_id: lookup(scope.ids.events, raid.eventKey, 'event'),
    pool_id: lookup(scope.ids.pools, raid.poolKey, 'pool'),
    starts_at: iso(raid.startsAt),
    leader_user_id: raid.leaderUserKey != null ? lookup(scope.ids.users, raid.leaderUserKey, 'user') : null,
    notes: raid.notes ?? '',
    value: raid.value ?? eventPoints.get(raid.eventKey) ?? null,
    created_at: iso(raid.startsAt),
  }));
}

/** A ledger row but for what every row of the load shares. */
type LedgerFields = Omit<BulkRow<'dkp_ledger'>, 'id' | 'org_id' | 'actor_user_id' | 'source'>;

function ledgerRow(scope: RowScope, fields: LedgerFields): BulkRow<'dkp_ledger'> {
  return { id: randomUUID(), org_id: scope.orgId, actor_user_id: scope.actorUserId, source: scope.source, ...fields };
}

/** Attendance rows and their credits, both at raid time, in the raid's pool. */
export function attendanceRows(
  scope: RowScope,
  attendance: BulkAttendance[],
  raids: BulkRaid[],
): { attendance: BulkRow<'dkp_attendance'>[]; ledger: BulkRow<'dkp_ledger'>[] } {
  const raidByKey = new Map<Key, BulkRaid>(raids.map((raid) => [raid.key, raid]));
  const rows = { attendance: [] as BulkRow<'dkp_attendance'>[], ledger: [] as BulkRow<'dkp_ledger'>[] };
  for (const entry of attendance) {
    const raid = raidByKey.get(entry.raidKey);
    if (!raid) throw new Error(`Unknown raid key ${String(entry.raidKey)}`);
    const attended = attendanceRow(scope, entry, raid);
    rows.attendance.push(attended);
    rows.ledger.push(attendanceCredit(scope, attended, lookup(scope.ids.pools, raid.poolKey, 'pool')));
  }
  return rows;
}

function attendanceRow(scope: RowScope, entry: BulkAttendance, raid: BulkRaid): BulkRow<'dkp_attendance'> {
  return {
    id: randomUUID(),
    org_id: scope.orgId,
    raid_id: lookup(scope.ids.raids, entry.raidKey, 'raid'),
    user_id: lookup(scope.ids.users, entry.userKey, 'user'),
    character_name: entry.characterName,
    flag: entry.flag ?? 'on_time',
    points: entry.points,
    created_at: iso(raid.startsAt),
  };
}

function attendanceCredit(scope: RowScope, attended: BulkRow<'dkp_attendance'>, poolId: string): BulkRow<'dkp_ledger'> {
  return ledgerRow(scope, {
    pool_id: poolId,
    user_id: attended.user_id,
    kind: 'attendance',
    bucket: 'earned',
    amount: attended.points,
    character_name: attended.character_name,
    reason: 'Raid attendance',
    raid_id: attended.raid_id,
    loot_id: null,
    created_at: attended.created_at,
  });
}

/** Loot awards and their debits, at award time. */
export function lootRows(
  scope: RowScope,
  loot: BulkLoot[],
): { loot: BulkRow<'dkp_loot'>[]; ledger: BulkRow<'dkp_ledger'>[] } {
  const rows = { loot: [] as BulkRow<'dkp_loot'>[], ledger: [] as BulkRow<'dkp_ledger'>[] };
  for (const award of loot) {
    const awarded = lootRow(scope, award);
    rows.loot.push(awarded);
    rows.ledger.push(lootDebit(scope, awarded, award.amount));
  }
  return rows;
}

function lootRow(scope: RowScope, award: BulkLoot): BulkRow<'dkp_loot'> {
  return {
    id: lookup(scope.ids.loot, award.key, 'loot'),
    org_id: scope.orgId,
    item_id: lookup(scope.ids.items, award.itemKey, 'item'),
    user_id: lookup(scope.ids.users, award.userKey, 'user'),
    pool_id: lookup(scope.ids.pools, award.poolKey, 'pool'),
    raid_id: award.raidKey != null ? lookup(scope.ids.raids, award.raidKey, 'raid') : null,
    character_name: award.characterName ?? null,
    amount: award.amount,
    created_at: iso(award.createdAt),
  };
}

/** The winning amount, debited. */
function lootDebit(scope: RowScope, awarded: BulkRow<'dkp_loot'>, amount: Amount): BulkRow<'dkp_ledger'> {
  return ledgerRow(scope, {
    pool_id: awarded.pool_id,
    user_id: awarded.user_id,
    kind: 'loot',
    bucket: 'spent',
    amount: fromCents(-toCents(amount)),
    character_name: awarded.character_name,
    reason: 'Loot',
    raid_id: awarded.raid_id,
    loot_id: awarded.id,
    created_at: awarded.created_at,
  });
}

/** Adjustments live only in the ledger; the reason is cut to the column's 500 characters. */
export function adjustmentLedgerRows(scope: RowScope, adjustments: BulkAdjustment[]): BulkRow<'dkp_ledger'>[] {
  return adjustments.map((adjustment) =>
    ledgerRow(scope, {
      pool_id: lookup(scope.ids.pools, adjustment.poolKey, 'pool'),
      user_id: lookup(scope.ids.users, adjustment.userKey, 'user'),
      kind: 'adjustment',
      bucket: 'adjusted',
      amount: adjustment.amount,
      character_name: adjustment.characterName ?? null,
      reason: adjustment.reason.slice(0, 500),
      raid_id: null,
      loot_id: null,
      created_at: iso(adjustment.createdAt),
    }),
  );
}
