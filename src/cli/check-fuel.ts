import { FuelStockService } from '../contexts/fbo/fuel/stock/fuel-stock.service';
import { runWithApp } from './run-with-app';

/**
 * `npm run check:fuel`: recomputes the stock of every FBO tank and fuel truck from the movement
 * ledger and compares it with the stored stock row. Exits 0 with a summary when all are equal,
 * 1 listing each difference.
 */
void runWithApp('check:fuel', async (app, logger) => {
  const stock = app.get(FuelStockService);
  const started = Date.now();
  const mismatches = await stock.findMismatches();
  const { holders, movements } = await stock.counts();
  if (mismatches.length) {
    for (const m of mismatches) {
      logger.error(
        `org ${m.orgId} holder ${m.holderId}: stored stock ${m.stored ?? '(no row)'}, ledger says ${m.fromLedger ?? '(no movements)'}`,
      );
    }
    logger.error(`${mismatches.length} of ${holders} stock rows differ from the ledger (${movements} movements)`);
    process.exitCode = 1;
    return;
  }
  logger.log(
    `${holders} stock rows checked, all equal to the ledger (${movements} movements, ${Date.now() - started} ms)`,
  );
});
