import { readFileSync } from 'node:fs';
import type { BulkGuild, BulkSummary } from './dkp-bulk-loader';

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
  raids: { id: number; event_id: number; pool_id: number; starts_at: string; leader_id: number | null; notes: string }[];
  attendance: { id: number; raid_id: number; user_id: number; character_name: string; points: string }[];
  loot: { id: number; item_id: number; user_id: number; raid_id: number | null; pool_id: number; character_name: string; amount: string; created_at: string }[];
  adjustments: { id: number; user_id: number; pool_id: number; amount: string; reason: string; created_at: string }[];
  expected_summaries: { user_id: number; pool_id: number; earned: string; spent: string; adjusted: string; balance: string }[];
}

/** Reads and checks a data set file; refuses any other format and tables whose size disagrees with `counts`. */
export function readBenchDataset(path: string): BenchDataset {
  const data = JSON.parse(readFileSync(path, 'utf8')) as BenchDataset;
  if (data?.format !== BENCH_DATASET_FORMAT) throw new Error(`${path}: format ${JSON.stringify(data?.format)} is not ${BENCH_DATASET_FORMAT}`);
  for (const [table, count] of Object.entries(data.counts ?? {})) {
    const rows = (data as unknown as Record<string, unknown[]>)[table];
    if (!Array.isArray(rows) || rows.length !== count) throw new Error(`${path}: ${table} has ${Array.isArray(rows) ? rows.length : 'no'} rows, counts says ${count}`);
  }
  return data;
}

/** The data set as the bulk loader takes it (keys are the data set's integer ids). */
export function benchDatasetToGuild(d: BenchDataset): { guild: BulkGuild; expected: BulkSummary[] } {
  const joinedOf = new Map(d.users.map((u) => [u.id, u.date_joined]));
  const guild: BulkGuild = {
    users: d.users.map((u) => ({ key: u.id, username: u.username, discordId: u.discord_id, displayName: u.username, tier: u.role_group === 'officer' ? 'officer' : 'member' })),
    pools: d.pools.map((p) => ({ key: p.id, name: p.name, description: p.description })),
    events: d.events.map((e) => ({ key: e.id, name: e.name, poolKey: e.pool_id, defaultPoints: e.default_points })),
    items: d.items.map((i) => ({ key: i.id, name: i.name })),
    characters: d.characters.map((c) => ({ key: c.id, name: c.name, userKey: c.user_id, characterClass: c.char_class, level: c.level, isMain: c.is_main, joinedAt: joinedOf.get(c.user_id) })),
    raids: d.raids.map((r) => ({ key: r.id, eventKey: r.event_id, poolKey: r.pool_id, startsAt: r.starts_at, leaderUserKey: r.leader_id, notes: r.notes })),
    attendance: d.attendance.map((a) => ({ raidKey: a.raid_id, userKey: a.user_id, characterName: a.character_name, points: a.points })),
    loot: d.loot.map((l) => ({ key: l.id, itemKey: l.item_id, userKey: l.user_id, poolKey: l.pool_id, raidKey: l.raid_id, characterName: l.character_name, amount: l.amount, createdAt: l.created_at })),
    adjustments: d.adjustments.map((a) => ({ userKey: a.user_id, poolKey: a.pool_id, amount: a.amount, reason: a.reason, createdAt: a.created_at })),
  };
  const expected = d.expected_summaries.map((s) => ({ userKey: s.user_id, poolKey: s.pool_id, earned: s.earned, spent: s.spent, adjusted: s.adjusted, balance: s.balance }));
  return { guild, expected };
}
