import type { EntityManager } from 'typeorm';

/**
 * What the bulk loader takes: a whole guild whose rows refer to each other by caller keys (the
 * benchmark data set's integer ids, the demo generator's strings). The loader maps each key to a
 * fresh uuid and returns the maps.
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
  /** Ledger `actor_user_id` and the actor of the membership events (default null). */
  actorUserId?: string | null;
  /** Ledger `source` (default `bulk-load`). */
  source?: string;
  /** Run inside this transaction instead of opening one. */
  tx?: EntityManager;
}

/** The uuid given to each caller key, per kind of row. */
export interface BulkIds {
  users: Map<Key, string>;
  pools: Map<Key, string>;
  events: Map<Key, string>;
  items: Map<Key, string>;
  characters: Map<Key, string>;
  raids: Map<Key, string>;
  loot: Map<Key, string>;
  ranks: Map<Key, string>;
}

export interface BulkLoadResult {
  counts: Record<string, number>;
  /** Memberships created in the org (the rest existed already). */
  membershipsCreated: number;
  ids: BulkIds;
  balancesChecked: number;
  ms: number;
}
