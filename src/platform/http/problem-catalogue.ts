import type { INestApplicationContext } from '@nestjs/common';
import type { OpenAPIObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';
import { CONTEXT_DEFINITIONS } from '../contexts/contexts';
import type { ContextDefinition } from '../contexts/context-definition';
import type { AccessPolicy } from '../auth/access.decorator';
import { API_PROBLEM_EXTENSION, type DeclaredProblems } from './api-problem.decorator';
import { PLATFORM_PROBLEMS } from './platform-problems';
import { defaultProblem, PROBLEM_BASE } from './problem';

/**
 * One problem type of the contract: the `slug` (last segment of `type`) a client switches on, the
 * status it comes with, and the extension members it carries beside RFC 9457's.
 */
export interface ProblemDefinition {
  /** Lower-case words joined by dashes, e.g. `bid-too-low`. */
  slug: string;
  status: number;
  /** The `title` the server sends; the status's title (`Conflict`, ...) when not given. */
  title?: string;
  /** What it means and what the client can do about it. */
  description: string;
  /** Extension members, as JSON Schemas. */
  extensions?: Record<string, SchemaObject | ReferenceObject>;
  /** The extension members always present. */
  required?: string[];
  /** A realistic `detail` and extension values, for the examples of the docs. */
  example: { detail: string } & Record<string, unknown>;
}

export type ProblemCatalogue = ReadonlyMap<string, ProblemDefinition>;

const SLUG = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** Members every problem body has (RFC 9457 and ours): an extension of that name would be overwritten. */
const CORE_MEMBERS = ['type', 'slug', 'title', 'status', 'detail', 'instance', 'requestId'];
const PROBLEM_JSON = 'application/problem+json';

/** The platform's problems and every given context's, by slug; a slug defined twice is an error. */
export function problemCatalogue(contexts: readonly Pick<ContextDefinition, 'problems'>[] = []): ProblemCatalogue {
  const catalogue = new Map<string, ProblemDefinition>();
  for (const problem of [...PLATFORM_PROBLEMS, ...contexts.flatMap((c) => c.problems ?? [])]) {
    if (!SLUG.test(problem.slug)) throw new Error(`Problem slug "${problem.slug}" must be lower-case words and dashes`);
    if (catalogue.has(problem.slug)) throw new Error(`Problem slug "${problem.slug}" is defined twice`);
    const shadowing = Object.keys(problem.extensions ?? {}).filter((name) => CORE_MEMBERS.includes(name));
    if (shadowing.length)
      throw new Error(`Problem "${problem.slug}" has extensions named like core members: ${shadowing.join(', ')}`);
    catalogue.set(problem.slug, problem);
  }
  return catalogue;
}

/** The body the server sends for a problem, with the example's detail and extension values. */
export function exampleProblem(problem: ProblemDefinition, instance: string): Record<string, unknown> {
  return {
    ...problem.example,
    type: PROBLEM_BASE + problem.slug,
    slug: problem.slug,
    title: problem.title ?? defaultProblem(problem.status).title,
    status: problem.status,
    instance,
    requestId: 'req-7f3a1c',
  };
}

/**
 * Publishes the problems in the document: the `ProblemSlug` enum (with each slug's status, title,
 * description and extension schemas under `x-problems`), `slug` in `ProblemDto`, and for each
 * operation one problem response per status listing its slugs, with an example of each. The
 * slugs of an operation are the generic ones its shape implies (see `genericProblems`) plus those
 * its handler declares with `@ApiProblem(status, [slugs])`.
 */
export function applyProblemCatalogue(
  document: OpenAPIObject,
  source: INestApplicationContext | readonly ContextDefinition[],
): void {
  const catalogue = problemCatalogue(Array.isArray(source) ? source : contextsOf(source as INestApplicationContext));
  addProblemSchemas(document, catalogue);
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!operation || typeof operation !== 'object' || !('responses' in operation)) continue;
      documentOperation(operation as Operation, `${method.toUpperCase()} ${path}`, path, catalogue);
    }
  }
}

function contextsOf(app: INestApplicationContext): readonly ContextDefinition[] {
  try {
    return app.get<ContextDefinition[]>(CONTEXT_DEFINITIONS, { strict: false });
  } catch {
    return [];
  }
}

function addProblemSchemas(document: OpenAPIObject, catalogue: ProblemCatalogue): void {
  const schemas = (document.components ??= {}).schemas ?? (document.components.schemas = {});
  const slugs = [...catalogue.keys()].sort();
  schemas.ProblemSlug = {
    type: 'string',
    enum: slugs,
    description:
      'Every problem type the API sends, by slug (the last segment of `type`). Status and meaning:\n\n' +
      slugs
        .map((slug) => `- \`${slug}\` (${catalogue.get(slug)!.status}): ${catalogue.get(slug)!.description}`)
        .join('\n'),
    'x-problems': Object.fromEntries(slugs.map((slug) => [slug, catalogueEntry(catalogue.get(slug)!)])),
  } as SchemaObject;
  const problem = schemas.ProblemDto as SchemaObject | undefined;
  if (!problem) throw new Error('ProblemDto is missing from the document (see ApiProblem)');
  problem.properties ??= {};
  problem.properties.slug = {
    allOf: [{ $ref: '#/components/schemas/ProblemSlug' }],
    description: 'The problem type in short: the last segment of `type`. Switch on this.',
  };
  problem.properties.type = {
    type: 'string',
    format: 'uri',
    description: 'Stable URI of the problem type: `https://quartermaster.dev/problems/` followed by the `slug`.',
    example: `${PROBLEM_BASE}validation`,
  };
  problem.required = [...new Set([...(problem.required ?? []), 'type', 'slug', 'title', 'status'])];
}

function catalogueEntry(problem: ProblemDefinition): Record<string, unknown> {
  return {
    status: problem.status,
    title: problem.title ?? defaultProblem(problem.status).title,
    description: problem.description,
    ...(problem.extensions ? { extensions: { ...problem.extensions } } : {}),
    ...(problem.required?.length ? { required: [...problem.required] } : {}),
  };
}

interface Operation {
  parameters?: { in: string; name: string }[];
  requestBody?: unknown;
  responses: Record<string, { description?: string; content?: Record<string, unknown> } | undefined>;
  'x-access'?: AccessPolicy;
  [extension: string]: unknown;
}

/** Per status: the slugs and the handler's descriptions. */
type ProblemsByStatus = Map<number, { slugs: Set<string>; descriptions: string[] }>;

function documentOperation(operation: Operation, name: string, path: string, catalogue: ProblemCatalogue): void {
  const byStatus: ProblemsByStatus = new Map();
  const entry = (status: number) => {
    if (!byStatus.has(status)) byStatus.set(status, { slugs: new Set(), descriptions: [] });
    return byStatus.get(status)!;
  };
  for (const [status, slugs] of genericProblems(operation)) slugs.forEach((s) => entry(status).slugs.add(s));
  for (const declared of takeDeclaredProblems(operation)) {
    const at = entry(declared.status);
    for (const slug of declared.slugs) {
      const known = catalogue.get(slug);
      if (!known) throw new Error(`${name} declares problem "${slug}", which no problem catalogue defines`);
      if (known.status !== declared.status)
        throw new Error(`${name} declares "${slug}" under ${declared.status}; it is a ${known.status}`);
      at.slugs.add(slug);
    }
    if (declared.description && !at.descriptions.includes(declared.description))
      at.descriptions.push(declared.description);
  }
  for (const [code, response] of Object.entries(operation.responses)) {
    if (response?.content?.[PROBLEM_JSON]) entry(Number(code));
  }
  for (const [status, { slugs, descriptions }] of byStatus) {
    if (!slugs.size) slugs.add(defaultSlug(status, name, catalogue));
    operation.responses[String(status)] = problemResponse(status, [...slugs].sort(), descriptions, path, catalogue);
  }
}

/** The declarations `@ApiProblem` left on the operation (removed from it: they are not contract). */
function takeDeclaredProblems(operation: Operation): DeclaredProblems[] {
  const declared: DeclaredProblems[] = [];
  for (const key of Object.keys(operation)) {
    if (!key.startsWith(API_PROBLEM_EXTENSION)) continue;
    declared.push(operation[key] as DeclaredProblems);
    delete operation[key];
  }
  return declared.sort((a, b) => a.order - b.order);
}

function defaultSlug(status: number, name: string, catalogue: ProblemCatalogue): string {
  const slug = defaultProblem(status).type.slice(PROBLEM_BASE.length);
  if (!catalogue.has(slug)) throw new Error(`${name} documents a ${status} without a slug: name one in @ApiProblem`);
  return slug;
}

/**
 * The problems any operation of this shape can answer, whatever its handler does: validation
 * where there is input, the credential and policy checks of its `x-access`, the org lookup,
 * Idempotency-Key handling, rate limits and a database outage.
 */
export function genericProblems(operation: Operation): Map<number, string[]> {
  const policy = operation['x-access'] ?? {};
  const params = operation.parameters ?? [];
  const problems = new Map<number, string[]>();
  const add = (status: number, ...slugs: string[]) => problems.set(status, [...(problems.get(status) ?? []), ...slugs]);
  const hasInput = params.some((p) => p.in === 'query' || (p.in === 'path' && p.name !== 'org'));
  if (operation.requestBody) add(400, 'validation', 'bad-request', 'body-too-deep');
  else if (hasInput) add(400, 'validation');
  if (!policy.public) {
    add(401, 'unauthenticated', 'invalid-api-key', 'token-expired', 'session-ended');
    add(403, 'insufficient-scope');
    if (policy.tier) add(403, 'insufficient-tier');
    if (policy.platformAdmin || !policy.tier) add(403, 'forbidden');
  }
  if (policy.tier) add(404, 'not-found');
  if (params.some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key')) {
    if (!problems.has(400)) add(400, 'validation');
    add(409, 'idempotency-in-progress');
    add(422, 'idempotency-key-reused');
  }
  add(429, 'rate-limited');
  add(503, 'database-unavailable');
  return problems;
}

function problemResponse(
  status: number,
  slugs: string[],
  descriptions: string[],
  path: string,
  catalogue: ProblemCatalogue,
): { description: string; content: Record<string, unknown> } {
  const problems = slugs.map((slug) => catalogue.get(slug)!);
  const lead = descriptions.length ? descriptions.join('; ') : defaultProblem(status).title;
  const extensions = Object.assign({}, ...problems.map((p) => p.extensions ?? {})) as Record<
    string,
    SchemaObject | ReferenceObject
  >;
  const instance = path.replace('{org}', 'demo').replace(/\{[^}]+\}/g, '3f1c9a52-7b1e-4f0a-9c55-2d8e6b41a7c3');
  return {
    description: `${lead}. Problems: ${slugs.map((s) => `\`${s}\``).join(', ')}.`,
    content: {
      [PROBLEM_JSON]: {
        schema: {
          allOf: [
            { $ref: '#/components/schemas/ProblemDto' },
            { type: 'object', properties: { slug: { type: 'string', enum: slugs }, ...extensions } },
          ],
        },
        examples: Object.fromEntries(
          problems.map((p) => [p.slug, { summary: p.description, value: exampleProblem(p, instance) }]),
        ),
      },
    },
  };
}
