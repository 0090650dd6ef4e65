#!/usr/bin/env node
// Lists the longest functions and methods under the given folders (default: src), longest first.
// Usage: node scripts/function-lengths.mjs [--over N] [--top N] [dir...]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  if (at < 0) return fallback;
  const value = Number(args[at + 1]);
  args.splice(at, 2);
  return value;
};
const over = option('--over', 0);
const top = option('--top', 15);
const roots = args.length ? args : ['src'];

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.ts$/.test(path) && !/\.(d|spec|e2e-spec)\.ts$/.test(path) && !path.includes('/migrations/')) yield path;
  }
}

const found = [];
for (const root of roots) {
  for (const file of files(root)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node) => {
      if (ts.isFunctionLike(node) && 'body' in node && node.body) {
        const start = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
        const end = source.getLineAndCharacterOfPosition(node.getEnd()).line + 1;
        const name =
          node.name?.getText(source) ??
          (ts.isVariableDeclaration(node.parent) ? node.parent.name.getText(source) : '(anonymous)');
        found.push({ lines: end - start + 1, where: `${file}:${start}`, name });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
}
found.sort((a, b) => b.lines - a.lines);
const shown = found.filter((f) => f.lines > over).slice(0, top);
for (const f of shown) console.log(`${String(f.lines).padStart(5)}  ${f.name}  ${f.where}`);
console.log(
  `${found.filter((f) => f.lines > 60).length} functions over 60 lines, ${found.filter((f) => f.lines > 40).length} over 40, of ${found.length}`,
);
