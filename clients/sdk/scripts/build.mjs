#!/usr/bin/env node
/**
 * Builds the package twice with tsc: CommonJS into dist/cjs and ES modules into dist/esm, each
 * with its declarations. Node reads a folder's module format from the nearest package.json, so
 * each output folder gets one naming its format. Node's ESM loader needs file extensions on
 * relative imports, which the sources leave out (jest and the monorepo's tsc resolve them
 * without), so they are added to the ESM output, declarations included.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');

rmSync(join(root, 'dist'), { recursive: true, force: true });
for (const project of ['tsconfig.json', 'tsconfig.esm.json']) {
  execFileSync(process.execPath, [tsc, '-p', join(root, project)], { stdio: 'inherit' });
}
writeFileSync(join(root, 'dist/cjs/package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`);
writeFileSync(join(root, 'dist/esm/package.json'), `${JSON.stringify({ type: 'module' })}\n`);

const RELATIVE = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]+?)\2/g;

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

for (const file of files(join(root, 'dist/esm')).filter((f) => /\.(js|d\.ts)$/.test(f))) {
  const source = readFileSync(file, 'utf8');
  const fixed = source.replace(RELATIVE, (match, lead, quote, spec) =>
    /\.(m?js|json)$/.test(spec) ? match : `${lead}${quote}${spec}.js${quote}`,
  );
  if (fixed !== source) writeFileSync(file, fixed);
}
