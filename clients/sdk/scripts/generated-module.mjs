/**
 * The command-line part shared by the SDK's generators (generate-operations.mjs,
 * generate-problems.mjs): read the contract, render a module, format it like the repository, and
 * either write it or, with --check, exit 1 when the committed file is stale.
 *
 * Usage of a generator: node scripts/<generator>.mjs [spec] [out]   (or --check)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Whether the module at `moduleUrl` is the script node was started with. */
export function isMainScript(moduleUrl) {
  return Boolean(process.argv[1]) && resolve(process.argv[1]) === fileURLToPath(moduleUrl);
}

/** Formatted like the rest of the repository when prettier is at hand (it is in the monorepo). */
async function format(source, filepath) {
  try {
    const prettier = await import('prettier');
    const config = (await prettier.resolveConfig(filepath)) ?? {};
    return await prettier.format(source, { ...config, filepath });
  } catch {
    return source;
  }
}

/** Renders `defaultOut` (relative to src/) from the contract; writes it, or checks it with --check. */
export async function generateModule(render, defaultOut, script) {
  const args = process.argv.slice(2).filter((a) => a !== '--check');
  const check = process.argv.includes('--check');
  const specPath = resolve(args[0] ?? resolve(here, '../../../openapi/openapi.json'));
  const outPath = resolve(args[1] ?? resolve(here, '../src', defaultOut));
  const source = await format(render(JSON.parse(readFileSync(specPath, 'utf8'))), outPath);
  if (!check) {
    writeFileSync(outPath, source);
    return;
  }
  let current = '';
  try {
    current = readFileSync(outPath, 'utf8');
  } catch {
    // missing counts as stale
  }
  if (current !== source) {
    console.error(`${outPath} is stale: run node clients/sdk/scripts/${script}`);
    process.exit(1);
  }
}
