/**
 * Schema-driven hostile requests: from the OpenAPI document, for every operation, requests that
 * put `null`, a wrong type, an object, an array or a 40-level nesting into one body property at a
 * time (the others valid), odd whole bodies, malformed path parameters and bad query values.
 * The generator is pure; test/platform/fuzz.e2e-spec.ts sends the requests.
 */

interface Schema {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  minItems?: number;
  nullable?: boolean;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
}

interface Parameter {
  in: string;
  name: string;
  schema?: Schema;
}

interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

/** Real values for path parameters and id fields, so a request that passes validation goes deeper. */
export interface FuzzFixtures {
  /** Value of a path parameter (`org`, `id`, ...) in `path`, or undefined for a random UUID. */
  pathValue(name: string, path: string): string | undefined;
  /** A valid value for a body field named `name` (`poolId`, `discordId`, ...), if the schema cannot tell. */
  valueFor(name: string): unknown;
}

export interface FuzzRequest {
  operationId: string;
  method: string;
  /** Path with parameters filled in and the query string, e.g. `/api/v1/orgs/x/dkp/items?limit=abc`. */
  url: string;
  /** The JSON text sent, if any. */
  body?: string;
  /** What was fuzzed, e.g. `body.name=null`. */
  label: string;
  /** A null in a property the spec does not mark nullable: must never be accepted. */
  nullInNonNullable?: boolean;
}

export interface FuzzPlan {
  operations: number;
  operationsWithBody: number;
  requests: FuzzRequest[];
}

/** Nesting deeper than the API's limit of 32 levels. */
export const DEEP_LEVELS = 40;
const deep = (levels: number): unknown => {
  let value: unknown = 'bottom';
  for (let i = 0; i < levels; i++) value = i % 2 ? [value] : { a: value };
  return value;
};
const RANDOM_UUID = '6f1c1c1e-0000-4000-8000-00000000f022';
const PATTERN_SAMPLES = ['Soandso', '123456789012345678', '10.00', '0.50', '10', 'fuzz'];

export function buildFuzzPlan(doc: OpenApiDocument, fixtures: FuzzFixtures): FuzzPlan {
  const planner = new FuzzPlanner(doc, fixtures);
  const operations = Object.entries(doc.paths).flatMap(([template, byMethod]) =>
    Object.entries(byMethod).map(([method, operation]) => ({ template, method, operation })),
  );
  return {
    operations: operations.length,
    operationsWithBody: operations.filter(({ operation }) => planner.bodySchema(operation)).length,
    requests: operations.flatMap(({ template, method, operation }) => planner.requests(template, method, operation)),
  };
}

/** The hostile values for one property: null, a wrong type, an object, an array, deep nesting. */
function hostileValues(schema: Schema): [label: string, value: unknown][] {
  const wrongPrimitive = schema.type === 'string' || schema.enum ? 12345 : 'fuzz';
  return [
    ['null', null],
    [`wrong type ${typeof wrongPrimitive}`, wrongPrimitive],
    ['object', schema.type === 'object' ? [] : { $gt: '' }],
    ['array', schema.type === 'array' ? { 0: 'fuzz' } : ['fuzz', 1, null]],
    [`${DEEP_LEVELS} levels deep`, deep(DEEP_LEVELS)],
  ];
}

/** Whole bodies of the wrong shape. */
const ODD_BODIES: [label: string, json: string][] = [
  ['body=null', 'null'],
  ['body=array', '[]'],
  ['body=string', '"fuzz"'],
  ['body=number', '1'],
  [`body=${DEEP_LEVELS} levels deep`, JSON.stringify(deep(DEEP_LEVELS))],
];

class FuzzPlanner {
  constructor(
    private readonly doc: OpenApiDocument,
    private readonly fixtures: FuzzFixtures,
  ) {}

  bodySchema(operation: Operation): Schema | undefined {
    return operation.requestBody?.content['application/json']?.schema;
  }

  requests(template: string, method: string, operation: Operation): FuzzRequest[] {
    const fill = (overrides: Record<string, string> = {}) =>
      template.replace(/\{(\w+)\}/g, (_, name: string) =>
        encodeURIComponent(overrides[name] ?? this.fixtures.pathValue(name, template) ?? RANDOM_UUID),
      );
    const request = (label: string, url: string, body?: unknown, nullInNonNullable = false): FuzzRequest => ({
      operationId: operation.operationId,
      method: method.toUpperCase(),
      url,
      label,
      nullInNonNullable,
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const parameters = operation.parameters ?? [];
    const requests = [
      ...this.pathVariants(parameters).map(([label, overrides]) => request(label, fill(overrides))),
      ...this.queryVariants(parameters).map(([label, query]) => request(label, `${fill()}?${query}`)),
    ];
    const bodySchema = this.bodySchema(operation);
    if (bodySchema) {
      const schema = this.resolve(bodySchema);
      const base = this.everyProperty(schema);
      requests.push(...ODD_BODIES.map(([label, json]) => request(label, fill(), json)));
      requests.push(request('body=unknown property', fill(), { ...base, fuzzUnknown: null }));
      for (const [label, body, nullInNonNullable] of this.bodyVariants(schema, base))
        requests.push(request(label, fill(), body, nullInNonNullable));
    } else if (method !== 'get') {
      // A body it does not expect, too deep to parse (so a DELETE without a body is never carried out).
      requests.push(request(`unexpected body ${DEEP_LEVELS} levels deep`, fill(), deep(DEEP_LEVELS)));
    } else if (!requests.length) {
      requests.push(request('as is', fill())); // a GET without any input
    }
    return requests;
  }

  /** Each path parameter malformed in turn: [label, overrides]. */
  private pathVariants(parameters: Parameter[]): [string, Record<string, string>][] {
    return parameters
      .filter((p) => p.in === 'path')
      .flatMap((p) => [
        [`path.${p.name}=not-a-uuid`, { [p.name]: 'not-a-uuid' }],
        [`path.${p.name}=300 chars`, { [p.name]: 'x'.repeat(300) }],
      ]);
  }

  /** Each query parameter with values of the wrong type or size, or repeated: [label, query string]. */
  private queryVariants(parameters: Parameter[]): [string, string][] {
    return parameters
      .filter((p) => p.in === 'query')
      .flatMap((param) => {
        const schema = this.resolve(param.schema);
        const numeric = schema.type === 'number' || schema.type === 'integer';
        const bad = numeric ? ['abc', '-1', '1e309'] : ['%00', 'x'.repeat(600)];
        if (schema.type === 'boolean') bad.push('maybe');
        if (schema.format === 'uuid' || schema.format === 'date-time' || schema.enum) bad.push('bogus');
        return [
          ...bad.map((value): [string, string] => [
            `query.${param.name}=${value.slice(0, 12)}`,
            `${param.name}=${encodeURIComponent(value)}`,
          ]),
          [`query.${param.name}=[a,b]`, `${param.name}=a&${param.name}=b`],
        ];
      });
  }

  /** Each property (and each property of a nested object) hostile in turn: [label, body, null where not nullable]. */
  private bodyVariants(schema: Schema, base: unknown, prefix: string[] = []): [string, unknown, boolean][] {
    return Object.entries(schema.properties ?? {}).flatMap(([key, raw]) => {
      const property = this.resolve(raw);
      const path = [...prefix, key];
      const variants = hostileValues(property).map(([label, value]): [string, unknown, boolean] => [
        `body.${path.join('.')}=${label}`,
        setAt(base, path, value),
        value === null && !property.nullable,
      ]);
      const nested = property.type === 'array' ? this.resolve(property.items) : property;
      if (nested.type === 'object' && nested.properties && !prefix.length) {
        const nestedPath = property.type === 'array' ? [key, '0'] : [key];
        const withElement = setAt(base, nestedPath, this.requiredOf(nested, 1));
        variants.push(...this.bodyVariants(nested, withElement, nestedPath));
      }
      return variants;
    });
  }

  private resolve(schema: Schema | undefined): Schema {
    if (!schema) return {};
    const ref = schema.$ref ?? (schema.allOf?.length === 1 ? schema.allOf[0].$ref : undefined);
    if (ref) return { ...this.resolve(this.doc.components.schemas[ref.split('/').pop()!]), nullable: schema.nullable };
    return schema;
  }

  /** Every property valid, so that one hostile property meets the others (`userId` with `characterName`). */
  private everyProperty(schema: Schema): Record<string, unknown> {
    return Object.fromEntries(
      Object.entries(schema.properties ?? {}).map(([key, raw]) => [key, this.valid(key, raw, 1)]),
    );
  }

  private requiredOf(schema: Schema, depth: number): Record<string, unknown> {
    return Object.fromEntries(
      (schema.required ?? []).map((key) => [key, this.valid(key, schema.properties?.[key], depth + 1)]),
    );
  }

  /** A plausible valid value: the fixtures' for a known name, else one the schema allows. */
  private valid(name: string, raw: Schema | undefined, depth: number): unknown {
    const schema = this.resolve(raw);
    const known = this.fixtures.valueFor(name);
    if (known !== undefined && schema.type !== 'array') return known;
    if (schema.enum?.length) return schema.enum[0];
    if (schema.example !== undefined) return schema.example;
    if (schema.format) return formatSample(schema.format);
    if (schema.pattern) return PATTERN_SAMPLES.find((sample) => new RegExp(schema.pattern!).test(sample)) ?? 'fuzz';
    switch (schema.type) {
      case 'number':
      case 'integer':
        return schema.minimum ?? 1;
      case 'boolean':
        return true;
      case 'array':
        return depth < 3 ? [this.valid(name, schema.items, depth + 1)] : [];
      case 'object':
        return this.requiredOf(schema, depth);
      default:
        return 'fuzz'.padEnd(schema.minLength ?? 0, 'z').slice(0, schema.maxLength ?? 100);
    }
  }
}

function formatSample(format: string): string {
  const samples: Record<string, string> = {
    uuid: RANDOM_UUID,
    'date-time': new Date(Date.now() + 86_400_000).toISOString(), // tomorrow: expiries must lie ahead
    uri: 'https://example.com/fuzz',
    email: 'fuzz@example.com',
  };
  return samples[format] ?? 'fuzz';
}

/** A copy of `value` with `value[path[0]][path[1]]... = replacement` (arrays stay arrays). */
function setAt(value: unknown, path: string[], replacement: unknown): unknown {
  if (!path.length) return replacement;
  const [head, ...rest] = path;
  const container = value ?? (/^\d+$/.test(head) ? [] : {});
  const copy: Record<string, unknown> = Array.isArray(container)
    ? ([...container] as never)
    : { ...(container as object) };
  copy[head] = setAt(copy[head], rest, replacement);
  return copy;
}
