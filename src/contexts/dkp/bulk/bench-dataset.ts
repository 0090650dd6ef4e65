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
