import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { StarcorpShipImportService } from '../contexts/starcorp/people/catalog/ship-import.service';
import { type FieldError, Problem } from '../platform/http/problem';
import { runWithApp } from './run-with-app';

/**
 * `npm run starcorp:import-ships -- --file ships.json [--prune]`: upserts the shared Star Citizen
 * ship catalog by `externalId` from a FleetYards-style export (the accepted JSON is documented in
 * src/contexts/starcorp/people/catalog/ship-import.ts; a sample is
 * test/starcorp-people/fixtures/fleetyards-ships.json). With `--prune` the file is the whole
 * catalog: ships missing from it are deleted, or retired when a fleet has a hull of them. An
 * export with any invalid model imports nothing and lists every bad field.
 */
void runWithApp('starcorp:import-ships', async (app, logger) => {
  const { values } = parseArgs({
    options: { file: { type: 'string' }, prune: { type: 'boolean', default: false } },
  });
  if (!values.file) throw new Error('Usage: starcorp:import-ships --file <export.json> [--prune]');
  const json: unknown = JSON.parse(readFileSync(values.file, 'utf8'));
  try {
    const report = await app.get(StarcorpShipImportService).importExport(json, { prune: values.prune });
    logger.log(
      `manufacturers ${report.manufacturers}, ships created ${report.created}, updated ${report.updated}, ` +
        `unchanged ${report.unchanged}, retired ${report.retired}, deleted ${report.deleted}`,
    );
  } catch (error) {
    const errors = error instanceof Problem ? (error.getResponse() as { errors?: FieldError[] }).errors : undefined;
    if (!errors) throw error;
    for (const e of errors) logger.error(`${e.path}: ${e.message}`);
    throw new Error(`The export is invalid (${errors.length} errors above); nothing was imported`, { cause: error });
  }
});
