import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { EqdkpImporter } from '../contexts/dkp/import/eqdkp-importer';
import { parsePoolNames, reportLines } from '../contexts/dkp/import/report-format';
import { runWithApp } from './run-with-app';

/**
 * `npm run import:eqdkp -- --mysql mysql://root@127.0.0.1:3306/eqdkp --prefix eqdkp20_ --org my-guild
 *   [--org-name "My Guild"] [--dry-run] [--encryption-key KEY] [--pools "1=Main,none=Outside"]
 *   [--report eqdkp-import-report.json]`: imports an EQdkp Plus database into the org (created
 * when missing, `dkp` enabled), prints progress per table and the report, writes it as JSON.
 */
void runWithApp('import:eqdkp', async (app, logger) => {
  const { values } = parseArgs({
    options: {
      mysql: { type: 'string' },
      prefix: { type: 'string' },
      org: { type: 'string' },
      'org-name': { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'encryption-key': { type: 'string' },
      pools: { type: 'string' },
      report: { type: 'string', default: 'eqdkp-import-report.json' },
    },
  });
  if (!values.mysql || !values.prefix || !values.org) {
    throw new Error('Usage: import:eqdkp --mysql <url> --prefix <table prefix> --org <slug> [--dry-run] ...');
  }
  const tty = process.stdout.isTTY;
  const progress = (step: string, rows: number) => {
    if (tty) process.stdout.write(`\r\x1b[K▕${'█'.repeat(Math.min(20, step.length))}▏ ${step}: ${rows} rows`);
    else console.log(`${step}: ${rows} rows`);
  };
  const report = await EqdkpImporter.fromApp(app).run({
    mysqlUrl: values.mysql,
    prefix: values.prefix,
    org: values.org,
    orgName: values['org-name'],
    dryRun: values['dry-run'],
    encryptionKey: values['encryption-key'],
    poolNames: parsePoolNames(values.pools),
    progress,
  });
  if (tty) process.stdout.write('\n');
  for (const line of reportLines(report)) console.log(line);
  writeFileSync(values.report!, JSON.stringify(report, null, 2));
  logger.log(`report written to ${values.report}`);
});
