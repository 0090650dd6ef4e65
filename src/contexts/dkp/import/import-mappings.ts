import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { BulkIds, Key } from '../bulk/bulk-guild';

/**
 * The import's SQL over `dkp_import_mappings`: which source key became which new id (per kind)
 * and which steps have committed. A step's marker row (`source_table` `#step`) is written in the
 * same transaction as the step's rows and their mappings, so a run that dies leaves either all of
 * a step or none of it, and the next run reads here what is done and the ids it must reuse.
 */

const STEP_TABLE = '#step';

/** What earlier runs into this org committed. */
export interface ImportState {
  /** The steps that committed (`users`, `raids`, `raid_attendees:1-250`, `complete` ...). */
  done: Set<string>;
  /** Source key (as stored, see `storedKey`) -> new id, per kind. */
  known: Map<string, Map<string, string>>;
}

/**
 * A key as `source_id` (64 characters) holds it: longer keys (item names) keep their start and a
 * hash of the whole, so two long names sharing their first 64 characters stay apart.
 */
export function storedKey(key: Key): string {
  const text = String(key);
  if (text.length <= 64) return text;
  return `${text.slice(0, 47)}#${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
}

export async function readImportState(tx: EntityManager, orgId: string, source: string): Promise<ImportState> {
  const rows: { source_table: string; source_id: string; new_id: string }[] = await tx.query(
    'SELECT source_table, source_id, new_id FROM dkp_import_mappings WHERE org_id = $1 AND source = $2',
    [orgId, source],
  );
  const state: ImportState = { done: new Set(), known: new Map() };
  for (const row of rows) {
    if (row.source_table === STEP_TABLE) state.done.add(row.source_id);
    else (state.known.get(row.source_table) ?? state.known.set(row.source_table, new Map()).get(row.source_table)!).set(row.source_id, row.new_id); // prettier-ignore
  }
  return state;
}

/** Replaces the fresh ids of `ids` by those an earlier run committed for the same keys. */
export function reuseKnownIds(ids: BulkIds, state: ImportState): void {
  for (const [kind, map] of Object.entries(ids) as [string, Map<Key, string>][]) {
    const known = state.known.get(kind);
    if (!known) continue;
    for (const key of map.keys()) {
      const id = known.get(storedKey(key));
      if (id) map.set(key, id);
    }
  }
}

/** The mapping rows of the given kinds of `ids`, and the step's marker. */
export async function writeStepMappings(
  tx: EntityManager,
  orgId: string,
  source: string,
  step: string,
  ids: Partial<BulkIds>,
): Promise<number> {
  const tables: string[] = [STEP_TABLE];
  const sourceIds: string[] = [step];
  const newIds: string[] = [orgId];
  for (const [kind, map] of Object.entries(ids) as [string, Map<Key, string>][]) {
    for (const [key, id] of map) {
      tables.push(kind);
      sourceIds.push(storedKey(key));
      newIds.push(id);
    }
  }
  const chunk = 10000;
  for (let start = 0; start < newIds.length; start += chunk) {
    await tx.query(
      `INSERT INTO dkp_import_mappings (org_id, source, source_table, source_id, new_id)
       SELECT $1, $2, * FROM unnest($3::varchar[], $4::varchar[], $5::uuid[]) ON CONFLICT DO NOTHING`,
      [orgId, source, tables.slice(start, start + chunk), sourceIds.slice(start, start + chunk), newIds.slice(start, start + chunk)], // prettier-ignore
    );
  }
  return newIds.length - 1;
}
