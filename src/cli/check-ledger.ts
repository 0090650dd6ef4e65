import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { LedgerService } from '../contexts/dkp/points/ledger.service';
import { runWithApp } from './run-with-app';

/**
 * `npm run check:ledger`: recomputes every DKP balance from the ledger and compares it with the
 * stored balance row. Exits 0 with a summary when all are equal, 1 listing each mismatch.
 */
void runWithApp('check:ledger', async (app, logger) => {
  const db = app.get<DataSource>(getDataSourceToken());
  const started = Date.now();
  const mismatches = await app.get(LedgerService).findMismatches();
  const [{ balances }] = await db.query('SELECT count(*)::int AS balances FROM dkp_balances');
  const [{ entries }] = await db.query('SELECT count(*)::int AS entries FROM dkp_ledger');
  if (mismatches.length) {
    for (const m of mismatches) {
      logger.error(
        `org ${m.orgId} pool ${m.poolId} user ${m.userId}: stored balance ${m.stored ?? '(no row)'}, ledger says ${m.fromLedger ?? '(no entries)'}`,
      );
    }
    logger.error(`${mismatches.length} of ${balances} balances differ from the ledger (${entries} entries)`);
    process.exitCode = 1;
    return;
  }
  logger.log(
    `${balances} balances checked, all equal to the ledger (${entries} ledger entries, ${Date.now() - started} ms)`,
  );
});
