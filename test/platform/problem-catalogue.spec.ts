import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';
import { CONTEXTS } from '../../src/contexts';
import { problemCatalogue } from '../../src/platform/http/problem-catalogue';

const SRC = join(__dirname, '../../src');

/** Slugs built at run time, which no literal shows (users.service: `<field>-taken`). */
const COMPUTED_SLUGS = ['username-taken', 'email-taken', 'discord-id-taken'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    const catalogueData = /-problems\.ts$|problem-catalogue\.ts$/.test(entry.name);
    return entry.name.endsWith('.ts') && !/\.(e2e-)?spec\.ts$/.test(entry.name) && !catalogueData ? [path] : [];
  });
}

const literal = (node: ts.Node | undefined): string | undefined =>
  node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;

/**
 * The problem slugs a file throws, as literals: `slug: '...'` in a `new Problem` options object or
 * a conflict object (beside `detail`), the slug argument of `Problem.conflict` or of a local
 * helper with a `slug` parameter (also through a local constant), `slug = '...'` defaults, and
 * the `[slug, title]` tables of the HTTP layer.
 */
function slugsIn(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const constants = new Map<string, string>();
  const helpers = new Map<string, number>();
  const found: string[] = [];
  const valueOf = (node: ts.Node | undefined) =>
    literal(node) ?? (node && ts.isIdentifier(node) ? constants.get(node.text) : undefined);
  const collect = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && literal(node.initializer))
      constants.set(node.name.text, literal(node.initializer)!);
    const fn = ts.isVariableDeclaration(node) ? node.initializer : node;
    if (fn && (ts.isArrowFunction(fn) || ts.isFunctionDeclaration(fn))) {
      const at = fn.parameters.findIndex((p) => p.name.getText() === 'slug');
      const name = ts.isVariableDeclaration(node) ? node.name.getText() : (node as ts.FunctionDeclaration).name?.text;
      if (at >= 0 && name) helpers.set(name, at);
    }
    ts.forEachChild(node, collect);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAssignment(node) && node.name.getText() === 'slug' && literal(node.initializer)) {
      const object = node.parent;
      const inProblem = ts.isNewExpression(object.parent) && object.parent.expression.getText() === 'Problem';
      const conflict = object.properties.some((p) => p.name?.getText() === 'detail');
      if (inProblem || conflict) found.push(literal(node.initializer)!);
    }
    if (ts.isParameter(node) && node.name.getText() === 'slug' && literal(node.initializer))
      found.push(literal(node.initializer)!);
    if (ts.isCallExpression(node)) {
      const callee = node.expression.getText();
      const at = callee === 'Problem.conflict' ? 1 : helpers.get(callee);
      const slug = at === undefined ? undefined : valueOf(node.arguments[at]);
      if (slug) found.push(slug);
    }
    if (ts.isVariableDeclaration(node) && node.type?.getText().includes('[slug: string') && node.initializer)
      for (const row of (node.initializer as ts.ObjectLiteralExpression).properties ?? [])
        if (ts.isPropertyAssignment(row) && ts.isArrayLiteralExpression(row.initializer))
          found.push(literal(row.initializer.elements[0])!);
    ts.forEachChild(node, visit);
  };
  collect(source);
  visit(source);
  return found;
}

describe('problem catalogue', () => {
  const catalogue = problemCatalogue(CONTEXTS);
  const thrown = new Map<string, string>();
  for (const file of sourceFiles(SRC)) for (const slug of slugsIn(file)) thrown.set(slug, relative(SRC, file));

  it('finds the slugs the code throws (the scan works)', () => {
    expect([...thrown.keys()]).toEqual(
      expect.arrayContaining(['insufficient-tier', 'idempotency-key-reused', 'idempotency-in-progress', 'bid-too-low']),
    );
    expect(thrown.get('token-expired')).toBe('platform/auth/tokens/tokens.service.ts');
    expect(thrown.get('item-in-use')).toBe('contexts/dkp/items/items.service.ts');
    expect(thrown.get('request-timeout')).toBe('platform/http/server-limits.ts');
  });

  it('knows every slug the code throws', () => {
    const unknown = [...thrown].filter(([slug]) => !catalogue.has(slug)).map(([slug, file]) => `${slug} (${file})`);
    expect(unknown).toEqual([]);
  });

  it('defines no slug that nothing throws', () => {
    const unused = [...catalogue.keys()].filter((slug) => !thrown.has(slug) && !COMPUTED_SLUGS.includes(slug));
    expect(unused).toEqual([]);
  });

  it('refuses a slug defined twice or not in kebab case', () => {
    const example = { detail: 'x' };
    expect(() =>
      problemCatalogue([{ problems: [{ slug: 'validation', status: 400, description: 'x', example }] }]),
    ).toThrow(/defined twice/);
    expect(() =>
      problemCatalogue([{ problems: [{ slug: 'Bad_Slug', status: 400, description: 'x', example }] }]),
    ).toThrow(/lower-case/);
  });
});
