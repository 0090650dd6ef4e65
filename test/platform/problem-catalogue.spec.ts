import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';
import { CONTEXTS } from '../../src/contexts';
import { problemCatalogue } from '../../src/platform/http/problem-catalogue';

const SRC = join(__dirname, '../../src');

/**
 * Slugs built at run time, which no literal shows (users.service: `<field>-taken`; fbo
 * equipment-rules: in use or unavailable by the unit's status).
 */
const COMPUTED_SLUGS = [
  'username-taken',
  'email-taken',
  'discord-id-taken',
  'equipment-in-use',
  'equipment-unavailable',
];

/** The catalogue's data files define slugs (and constants naming them) but throw none. */
const isCatalogueData = (file: string) => /-problems\.ts$|problem-catalogue\.ts$/.test(file);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !/\.(e2e-)?spec\.ts$/.test(entry.name) ? [path] : [];
  });
}

const literal = (node: ts.Node | undefined): string | undefined =>
  node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;

/** String constants and slug helpers (functions with a `slug` parameter) of all the source files, by name. */
interface Shared {
  constants: Map<string, string>;
  helpers: Map<string, number>;
}

const parse = (file: string) => ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);

/** Adds a file's string constants and slug helpers to `shared`: a slug may be a constant or helper of another file. */
function collectShared(source: ts.SourceFile, shared: Shared): void {
  const collect = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && literal(node.initializer))
      shared.constants.set(node.name.text, literal(node.initializer)!);
    const fn = ts.isVariableDeclaration(node) ? node.initializer : node;
    if (fn && (ts.isArrowFunction(fn) || ts.isFunctionDeclaration(fn))) {
      const at = fn.parameters.findIndex((p) => p.name.getText() === 'slug');
      const name = ts.isVariableDeclaration(node) ? node.name.getText() : (node as ts.FunctionDeclaration).name?.text;
      if (at >= 0 && name) shared.helpers.set(name, at);
    }
    ts.forEachChild(node, collect);
  };
  collect(source);
}

/**
 * The problem slugs a file throws, as literals: `slug: '...'` in a `new Problem` options object or
 * a conflict object (beside `detail`), the slug argument of `Problem.conflict` or of a helper with
 * a `slug` parameter (also through a constant, of this file or another), `slug = '...'` defaults,
 * and the `[slug, title]` tables of the HTTP layer.
 */
function slugsIn(source: ts.SourceFile, { constants, helpers }: Shared): string[] {
  const found: string[] = [];
  const valueOf = (node: ts.Node | undefined) =>
    literal(node) ?? (node && ts.isIdentifier(node) ? constants.get(node.text) : undefined);
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
  visit(source);
  return found;
}

describe('problem catalogue', () => {
  const catalogue = problemCatalogue(CONTEXTS);
  const thrown = new Map<string, string>();
  const sources = sourceFiles(SRC).map(parse);
  const shared: Shared = { constants: new Map(), helpers: new Map() };
  for (const source of sources) collectShared(source, shared);
  for (const source of sources.filter((s) => !isCatalogueData(s.fileName)))
    for (const slug of slugsIn(source, shared)) thrown.set(slug, relative(SRC, source.fileName));

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

  it('refuses an extension that a core member would overwrite', () => {
    const problem = { slug: 'thing-taken', status: 409, description: 'x', example: { detail: 'x' } };
    expect(() => problemCatalogue([{ problems: [{ ...problem, extensions: { slug: { type: 'string' } } }] }])).toThrow(
      /core members: slug/,
    );
    expect(() =>
      problemCatalogue([{ problems: [{ ...problem, extensions: { value: { type: 'string' } } }] }]),
    ).not.toThrow();
  });
});
