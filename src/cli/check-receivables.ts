import { ReceivablesService } from '../contexts/brokerage/receivables/receivables/receivables.service';
import { runWithApp } from './run-with-app';

/**
 * `npm run check:receivables`: recomputes every issued brokerage invoice's outstanding (its total,
 * less its issued credit notes and the allocations of payments not reversed; nothing for a void
 * one) and compares it with the stored one. Exits 0 with a summary when all are equal, 1 listing
 * each difference.
 */
void runWithApp('check:receivables', async (app, logger) => {
  const receivables = app.get(ReceivablesService);
  const started = Date.now();
  const mismatches = await receivables.findMismatches();
  const { invoices, allocations } = await receivables.counts();
  if (mismatches.length) {
    for (const m of mismatches)
      logger.error(
        `org ${m.orgId} invoice ${m.number ?? m.invoiceId} (${m.status}): stored outstanding ${m.stored}, recomputed ${m.expected}`,
      );
    logger.error(`${mismatches.length} of ${invoices} invoices differ (${allocations} allocations)`);
    process.exitCode = 1;
    return;
  }
  logger.log(`${invoices} invoices checked, all consistent (${allocations} allocations, ${Date.now() - started} ms)`);
});
