import { readFileSync } from 'node:fs';
import type { BulkGuild, BulkSummary } from './bulk-guild';

/** The benchmark data set (../shared/bench/DATASET.md), `dkp-bench-dataset/1`. */
export const BENCH_DATASET_FORMAT = 'dkp-bench-dataset/1';

export interface BenchDataset {
  format: string;
  seed: number;
  generator: string;
  counts: Record<string, number>;
  pools: { id: number; name: string; description: string }[];
  users: { id: number; username: string; discord_id: string; role_group: 'member' | 'officer'; date_joined: string }[];
  characters: { id: number; name: string; user_id: number; char_class: string; level: number; is_main: boolean }[];
  events: { id: number; name: string; pool_id: number; default_points: string }[];
  items: { id: number; name: string }[];
  raids: {
    id: number;
    event_id: number;
    pool_id: number;
    starts_at: string;
    leader_id: number | null;
    notes: string;
  }[];
  attendance: { id: number; raid_id: number; user_id: number; character_name: string; points: string }[];
  loot: {
    id: number;
    item_id: number;
    user_id: number;
    raid_id: number | null;
    pool_id: number;
    character_name: string;
    amount: string;
    created_at: string;
  }[];
  adjustments: { id: number; user_id: number; pool_id: number; amount: string; reason: string; created_at: string }[];
  expected_summaries: {
    user_id: number;
    pool_id: number;
    earned: string;
    spent: string;
    adjusted: string;
    balance: string;
  }[];
}

/** Reads and checks a data set file; refuses any other format and tables whose size disagrees with `counts`. */
export function readBenchDataset(path: string): BenchDataset {
  const data = JSON.parse(readFileSync(path, 'utf8')) as BenchDataset;
  if (data?.format !== BENCH_DATASET_FORMAT)
    throw new Error(`${path}: format ${JSON.stringify(data?.format)} is not ${BENCH_DATASET_FORMAT}`);
  for (const [table, count] of Object.entries(data.counts ?? {})) {
    const rows = (data as unknown as Record<string, unknown[]>)[table];
    if (!Array.isArray(rows) || rows.length !== count)
      throw new Error(`${path}: ${table} has ${Array.isArray(rows) ? rows.length : 'no'} rows, counts says ${count}`);
  }
  return data;
}

/**
 * The data set `factor` times over, for measuring how reads grow with the guild (`bench:load
 * --scale N`): copy k (k = 1..N-1) of every user, character, raid and its attendance, loot and
 * adjustments, with ids shifted past the previous copy, names suffixed with letters (k in base 26,
 * after a `q`, so names stay single words of letters) and Discord ids moved by k * 10^12. Pools, events
 * and items are shared. Each copy's users attend only that copy's raids, held at the original
 * times, so every balance of a copy equals its original's and the expected summaries multiply
 * too; attendance rates fall by the factor (N times the raids held, the same attended).
 */
export function scaleBenchDataset(data: BenchDataset, factor: number): BenchDataset {
  if (!Number.isInteger(factor) || factor < 1) throw new Error(`scale must be a positive integer, not ${factor}`);
  if (factor === 1) return data;
  const copies = Array.from({ length: factor }, (_, k) => benchCopy(data, k));
  const scaled = { ...data, counts: { ...data.counts } } as BenchDataset;
  for (const table of SCALED_TABLES) {
    (scaled as unknown as Record<string, unknown[]>)[table] = copies.flatMap((copy): unknown[] => copy[table]);
    if (table in scaled.counts) scaled.counts[table] = data[table].length * factor;
  }
  assertUnique(
    scaled.characters.map((c) => c.name.toLowerCase()),
    'character name',
  );
  assertUnique(
    scaled.users.map((u) => u.username),
    'username',
  );
  assertUnique(
    scaled.users.map((u) => u.discord_id),
    'Discord id',
  );
  return scaled;
}

const SCALED_TABLES = [
  'users',
  'characters',
  'raids',
  'attendance',
  'loot',
  'adjustments',
  'expected_summaries',
] as const;
type ScaledTables = Pick<BenchDataset, (typeof SCALED_TABLES)[number]>;

/** Copy k of the scaled tables (copy 0 is the data set itself). */
function benchCopy(data: BenchDataset, k: number): ScaledTables {
  if (k === 0) return data;
  const shift = (rows: { id: number }[]) => rows.length * k;
  const [users, chars, raids] = [shift(data.users), shift(data.characters), shift(data.raids)];
  const user = (id: number) => id + users;
  const raid = (id: number) => id + raids;
  const name = (n: string) => n + copySuffix(k);
  return {
    users: data.users.map((u) => ({
      ...u,
      id: user(u.id),
      username: name(u.username),
      discord_id: String(BigInt(u.discord_id) + BigInt(k) * 1_000_000_000_000n),
    })),
    characters: data.characters.map((c) => ({ ...c, id: c.id + chars, name: name(c.name), user_id: user(c.user_id) })),
    raids: data.raids.map((r) => ({
      ...r,
      id: raid(r.id),
      leader_id: r.leader_id === null ? null : user(r.leader_id),
    })),
    attendance: data.attendance.map((a) => ({
      ...a,
      id: a.id + shift(data.attendance),
      raid_id: raid(a.raid_id),
      user_id: user(a.user_id),
      character_name: name(a.character_name),
    })),
    loot: data.loot.map((l) => ({
      ...l,
      id: l.id + shift(data.loot),
      user_id: user(l.user_id),
      raid_id: l.raid_id === null ? null : raid(l.raid_id),
      character_name: name(l.character_name),
    })),
    adjustments: data.adjustments.map((a) => ({ ...a, id: a.id + shift(data.adjustments), user_id: user(a.user_id) })),
    expected_summaries: data.expected_summaries.map((e) => ({ ...e, user_id: user(e.user_id) })),
  };
}

/** `q` then k in base 26 with letters a-z: 1 -> "qb", 26 -> "qba". */
function copySuffix(k: number): string {
  let digits = '';
  for (let n = k; n > 0; n = Math.floor(n / 26)) digits = String.fromCharCode(97 + (n % 26)) + digits;
  return `q${digits}`;
}

function assertUnique(values: string[], what: string): void {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) throw new Error(`scaled data set: ${what} ${value} appears twice`);
    seen.add(value);
  }
}

/** The data set as the bulk loader takes it (keys are the data set's integer ids). */
export function benchDatasetToGuild(dataset: BenchDataset): { guild: BulkGuild; expected: BulkSummary[] } {
  const guild: BulkGuild = { ...benchRoster(dataset), ...benchCatalog(dataset), ...benchHistory(dataset) };
  const expected = dataset.expected_summaries.map((summary) => ({
    userKey: summary.user_id,
    poolKey: summary.pool_id,
    earned: summary.earned,
    spent: summary.spent,
    adjusted: summary.adjusted,
    balance: summary.balance,
  }));
  return { guild, expected };
}

/** Users (no password: they log in through Discord) and their characters, which joined when they did. */
function benchRoster(dataset: BenchDataset): Pick<BulkGuild, 'users' | 'characters'> {
  const joinedOf = new Map(dataset.users.map((user) => [user.id, user.date_joined]));
  return {
    users: dataset.users.map((user) => ({
      key: user.id,
      username: user.username,
      discordId: user.discord_id,
      displayName: user.username,
      tier: user.role_group === 'officer' ? 'officer' : 'member',
    })),
    characters: dataset.characters.map((char) => ({
      key: char.id,
      name: char.name,
      userKey: char.user_id,
      characterClass: char.char_class,
      level: char.level,
      isMain: char.is_main,
      joinedAt: joinedOf.get(char.user_id),
    })),
  };
}

function benchCatalog(dataset: BenchDataset): Pick<BulkGuild, 'pools' | 'events' | 'items'> {
  return {
    pools: dataset.pools.map((pool) => ({ key: pool.id, name: pool.name, description: pool.description })),
    events: dataset.events.map((event) => ({
      key: event.id,
      name: event.name,
      poolKey: event.pool_id,
      defaultPoints: event.default_points,
    })),
    items: dataset.items.map((item) => ({ key: item.id, name: item.name })),
  };
}

function benchHistory(dataset: BenchDataset): Pick<BulkGuild, 'raids' | 'attendance' | 'loot' | 'adjustments'> {
  return {
    raids: dataset.raids.map((raid) => ({
      key: raid.id,
      eventKey: raid.event_id,
      poolKey: raid.pool_id,
      startsAt: raid.starts_at,
      leaderUserKey: raid.leader_id,
      notes: raid.notes,
    })),
    attendance: dataset.attendance.map((entry) => ({
      raidKey: entry.raid_id,
      userKey: entry.user_id,
      characterName: entry.character_name,
      points: entry.points,
    })),
    loot: dataset.loot.map((award) => ({
      key: award.id,
      itemKey: award.item_id,
      userKey: award.user_id,
      poolKey: award.pool_id,
      raidKey: award.raid_id,
      characterName: award.character_name,
      amount: award.amount,
      createdAt: award.created_at,
    })),
    adjustments: dataset.adjustments.map((adjustment) => ({
      userKey: adjustment.user_id,
      poolKey: adjustment.pool_id,
      amount: adjustment.amount,
      reason: adjustment.reason,
      createdAt: adjustment.created_at,
    })),
  };
}
