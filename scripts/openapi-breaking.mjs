#!/usr/bin/env node
/**
 * The breaking-change gate of the contract: compares the generated spec with the last released
 * one and fails (exit 1) on a breaking change that CHANGELOG.md's "Unreleased" section does not
 * declare with a line `BREAKING: <operationId, path or schema>` naming it.
 *
 * Breaking: a removed path or operation, a changed operationId, a removed field of a 2xx
 * response, a new required request field or parameter, an enum that lost values (Tier, Grant,
 * ProblemSlug, ...), a changed type, a removed schema. (oasdiff is a Go tool and not on npm.)
 *
 * Usage: node scripts/openapi-breaking.mjs [released] [current] [changelog] [--json] [--expect-version=x.y.z]
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/** Resolves a local $ref (and single-item allOf wrappers) to its schema. */
function deref(spec, schema, seen = new Set()) {
  let s = schema;
  while (s && (s.$ref || (s.allOf?.length === 1 && !s.properties))) {
    const ref = s.$ref ?? s.allOf[0].$ref;
    if (!ref) return s.allOf ? deref(spec, s.allOf[0], seen) : s;
    if (seen.has(ref)) return {};
    seen.add(ref);
    s = ref
      .split('/')
      .slice(1)
      .reduce((node, part) => node?.[part], spec);
  }
  return s ?? {};
}

/** Properties and required names of an object schema (merging allOf). */
function shape(spec, schema) {
  const s = deref(spec, schema);
  const parts = s.allOf ? s.allOf.map((p) => shape(spec, p)) : [];
  return {
    type: s.type,
    enum: s.enum,
    items: s.items,
    properties: Object.assign({}, ...parts.map((p) => p.properties), s.properties ?? {}),
    required: [...parts.flatMap((p) => p.required), ...(s.required ?? [])],
  };
}

/**
 * Compares two schemas in one direction: `response` (the client reads it: a removed field or a
 * changed type breaks it) or `request` (the client writes it: a new required field, a narrowed
 * enum or a changed type breaks it). Named enums are also compared as schemas (`breakingChanges`).
 */
function compareSchema(base, head, ctx, where, direction, out, depth = 0) {
  if (depth > 8 || !base || !head) return;
  const a = shape(ctx.base, base);
  const b = shape(ctx.head, head);
  if (a.type && b.type && a.type !== b.type) out.push(`${where}: type changed from ${a.type} to ${b.type}`);
  // A response enum that lost values is not breaking (fewer cases to read); a request's is.
  if (a.enum && b.enum && direction === 'request') {
    const lost = a.enum.filter((v) => !b.enum.includes(v));
    if (lost.length) out.push(`${where}: enum lost ${lost.join(', ')}`);
  } else if (!a.enum && b.enum && direction === 'request') out.push(`${where}: now restricted to an enum`);
  for (const [name, prop] of Object.entries(a.properties)) {
    if (!(name in b.properties)) {
      if (direction === 'response') out.push(`${where}.${name}: removed from the response`);
      continue;
    }
    compareSchema(prop, b.properties[name], ctx, `${where}.${name}`, direction, out, depth + 1);
  }
  if (direction === 'request') {
    for (const name of b.required.filter((n) => !a.required.includes(n)))
      out.push(`${where}.${name}: new required request field`);
  }
  if (a.items && b.items) compareSchema(a.items, b.items, ctx, `${where}[]`, direction, out, depth + 1);
}

function operations(spec) {
  const ops = new Map();
  for (const [path, item] of Object.entries(spec.paths ?? {}))
    for (const method of METHODS) if (item[method]) ops.set(`${method.toUpperCase()} ${path}`, item[method]);
  return ops;
}

function compareOperation(key, a, b, ctx, out) {
  const name = a.operationId ?? key;
  const push = (message) => out.push({ subject: name, path: key, message });
  if (a.operationId && a.operationId !== b.operationId) push(`operationId changed to ${b.operationId}`);
  const params = (op) => new Map((op.parameters ?? []).map((p) => [`${p.in}:${p.name}`, p]));
  const [pa, pb] = [params(a), params(b)];
  for (const [id, p] of pb) if (p.required && !pa.get(id)?.required) push(`parameter ${id} is newly required`);
  for (const [id, p] of pa)
    if (pb.has(id)) {
      const found = [];
      compareSchema(p.schema, pb.get(id).schema, ctx, `parameter ${id}`, 'request', found);
      found.forEach(push);
    }
  const body = (op) => op.requestBody?.content?.['application/json']?.schema;
  if (!a.requestBody?.required && b.requestBody?.required) push('request body is newly required');
  const found = [];
  if (body(a) && body(b)) compareSchema(body(a), body(b), ctx, 'request body', 'request', found);
  for (const [status, response] of Object.entries(a.responses ?? {})) {
    if (!/^2/.test(status)) continue;
    const schemaOf = (r) => r?.content?.['application/json']?.schema;
    if (!b.responses?.[status]) found.push(`response ${status} removed`);
    else if (schemaOf(response))
      compareSchema(schemaOf(response), schemaOf(b.responses[status]), ctx, `response ${status}`, 'response', found);
  }
  found.forEach(push);
}

/** Every breaking change from `base` (released) to `head` (current), as { subject, path, message }. */
export function breakingChanges(base, head) {
  const ctx = { base, head };
  const out = [];
  const [opsA, opsB] = [operations(base), operations(head)];
  for (const [key, a] of opsA) {
    if (!opsB.has(key)) out.push({ subject: a.operationId ?? key, path: key, message: 'operation removed' });
    else compareOperation(key, a, opsB.get(key), ctx, out);
  }
  const [sa, sb] = [base.components?.schemas ?? {}, head.components?.schemas ?? {}];
  for (const [name, schema] of Object.entries(sa)) {
    if (!sb[name]) {
      out.push({ subject: name, path: `#/components/schemas/${name}`, message: 'schema removed' });
      continue;
    }
    if (schema.enum && sb[name].enum) {
      const lost = schema.enum.filter((v) => !sb[name].enum.includes(v));
      const what = name === 'ProblemSlug' ? 'problem slugs removed' : 'enum lost';
      if (lost.length)
        out.push({ subject: name, path: `#/components/schemas/${name}`, message: `${what}: ${lost.join(', ')}` });
    }
  }
  return dedupe(out);
}

function dedupe(changes) {
  const seen = new Set();
  return changes.filter((c) => {
    const key = `${c.subject}|${c.path}|${c.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/** The subjects CHANGELOG.md's Unreleased section declares with `BREAKING: <subject>`. */
export function declaredBreaking(changelog) {
  const section = changelog.split(/^## /m).find((s) => /^\[?Unreleased\]?/i.test(s)) ?? '';
  return [...section.matchAll(/BREAKING:\s*`?([^\s`]+(?: \/[^\s`]*)?)`?/g)].map((m) => m[1]);
}

/** The breaking changes not declared. */
export function undeclared(changes, declared) {
  return changes.filter((c) => !declared.some((d) => d === c.subject || d === c.path || c.path.endsWith(` ${d}`)));
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const [released = 'openapi/released.json', current = 'openapi/openapi.json', log = 'CHANGELOG.md'] = args;
  const read = (p) => readFileSync(resolve(p), 'utf8');
  const changes = breakingChanges(JSON.parse(read(released)), JSON.parse(read(current)));
  const open = undeclared(changes, declaredBreaking(read(log)));
  // `info.version` follows the package version: --expect-version=<root package version>.
  const expected = process.argv.find((a) => a.startsWith('--expect-version='))?.split('=')[1];
  const version = JSON.parse(read(current)).info?.version;
  if (expected && version !== expected) {
    console.error(`${current} has info.version ${version}; the package version is ${expected}`);
    process.exit(1);
  }
  if (process.argv.includes('--json')) console.log(JSON.stringify({ changes, undeclared: open }, null, 2));
  else {
    for (const c of changes)
      console.log(`${open.includes(c) ? 'BREAKING' : 'declared'}  ${c.subject} (${c.path}): ${c.message}`);
    if (open.length)
      console.error(
        `\n${open.length} undeclared breaking change(s) against ${released}. Declare each in ${log} under "## Unreleased"` +
          ' as `BREAKING: <operationId, path or schema>` (and bump the major version), or undo it.',
      );
    else console.log(`No undeclared breaking change against ${released} (${changes.length} declared).`);
  }
  process.exit(open.length ? 1 : 0);
}
