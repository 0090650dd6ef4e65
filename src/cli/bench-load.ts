import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { benchDatasetToGuild, readBenchDataset, scaleBenchDataset } from '../contexts/dkp/bulk/bench-dataset';
import { DkpBulkLoader } from '../contexts/dkp/bulk/dkp-bulk-loader';
import { UsersService } from '../platform/auth/users/users.service';
import { runWithApp } from './run-with-app';

export const BENCH_ORG_SLUG = 'bench-guild';
export const BENCH_OFFICER = 'bench-officer';
export const BENCH_OFFICER_PASSWORD = 'bench-officer-password';

/**
 * `npm run bench:load -- [--dataset bench/dataset.json] [--scale N]`: (re)creates the org `bench-guild`
 * (contexts ['dkp']) with the benchmark data set in it, owned by `bench-officer` /
 * `bench-officer-password`, checks every balance against the data set's expected summaries
 * (a mismatch rolls the load back), runs VACUUM (ANALYZE) and prints counts and time.
 * Real Postgres with DATABASE_URL; the embedded database otherwise (slower). `--scale N` loads
 * N copies of the data set's members, characters and raids (with their attendance, loot and
 * adjustments) into the same pools: `scaleBenchDataset`.
 */
void runWithApp('bench:load', async (app, logger) => {
  const { values } = parseArgs({
    options: { dataset: { type: 'string', default: 'bench/dataset.json' }, scale: { type: 'string', default: '1' } },
  });
  const path = resolve(values.dataset!);
  const t0 = Date.now();
  const data = scaleBenchDataset(readBenchDataset(path), Number(values.scale));
  const { guild, expected } = benchDatasetToGuild(data);
  const tRead = Date.now() - t0;

  const db = app.get<DataSource>(getDataSourceToken());
  const users = app.get(UsersService);
  const passwordHash = await users.hashPassword(BENCH_OFFICER_PASSWORD);
  const loader = app.get(DkpBulkLoader);
  const result = await db.transaction(async (tx) => {
    const { orgId, officerId } = await recreateBenchOrg(tx, loader, passwordHash);
    return loader.load(orgId, guild, { expected, tx, actorUserId: officerId });
  });
  const tLoad = result.ms;
  const t1 = Date.now();
  await vacuumAnalyze(db);
  const tAnalyze = Date.now() - t1;
  const counts = Object.entries(result.counts)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  logger.log(
    `loaded ${path} (scale ${values.scale}) into org "${BENCH_ORG_SLUG}": ${counts} (memberships created: ${result.membershipsCreated})`,
  );
  logger.log(`${result.balancesChecked} balances equal the expected summaries`);
  logger.log(`read ${tRead} ms, load ${tLoad} ms, vacuum+analyze ${tAnalyze} ms, total ${Date.now() - t0} ms`);
  logger.log(`log in as ${BENCH_OFFICER} / ${BENCH_OFFICER_PASSWORD}`);
  // Machine-readable line for bench/run.js.
  console.log(
    `BENCH_LOAD_RESULT ${JSON.stringify({ counts: result.counts, balancesChecked: result.balancesChecked, readMs: tRead, loadMs: tLoad, analyzeMs: tAnalyze, totalMs: Date.now() - t0 })}`,
  );
});

/**
 * Drops the previous bench org (its dkp rows first, then the org: memberships cascade) and creates
 * it again, owned by the bench officer. CLI set-up code, outside any context: it may write the
 * platform tables directly, in the same transaction as the load.
 */
async function recreateBenchOrg(
  tx: EntityManager,
  loader: DkpBulkLoader,
  passwordHash: string,
): Promise<{ orgId: string; officerId: string }> {
  const [old] = await tx.query('SELECT id FROM orgs WHERE slug = $1', [BENCH_ORG_SLUG]);
  if (old) {
    await loader.purgeOrg(tx, old.id);
    await tx.query('DELETE FROM orgs WHERE id = $1', [old.id]);
  }
  const [org] = await tx.query(
    "INSERT INTO orgs (slug, name, contexts) VALUES ($1, 'Bench Guild', '{dkp}') RETURNING id",
    [BENCH_ORG_SLUG],
  );
  const [officer] = await tx.query(
    `INSERT INTO users (username, display_name, password_hash) VALUES ($1, $1, $2)
     ON CONFLICT (username) DO UPDATE SET password_hash = EXCLUDED.password_hash, disabled_at = NULL RETURNING id`,
    [BENCH_OFFICER, passwordHash],
  );
  await tx.query("INSERT INTO memberships (org_id, user_id, tier) VALUES ($1, $2, 'owner')", [org.id, officer.id]);
  return { orgId: org.id, officerId: officer.id };
}

/** VACUUM as well as ANALYZE: it sets the visibility map, so index-only scans skip the heap from the start. */
async function vacuumAnalyze(db: DataSource): Promise<void> {
  const tables = ['users', 'memberships', 'dkp_pools', 'dkp_events', 'dkp_items', 'dkp_characters'];
  tables.push('dkp_character_ownership', 'dkp_raids', 'dkp_attendance', 'dkp_loot', 'dkp_ledger', 'dkp_balances');
  for (const table of tables) await db.query(`VACUUM (ANALYZE) ${table}`);
}
