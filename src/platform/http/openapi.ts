import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { AccessPolicy } from '../auth/access.decorator';
import { describeOperation } from './openapi-descriptions';
import { applyProblemCatalogue } from './problem-catalogue';
import { CONTEXT_DEFINITIONS } from '../contexts/contexts';
import type { ContextDefinition } from '../contexts/context-definition';
import { openApiTags, tagForPath, TagTable } from './openapi-tags';

/** `info.version` follows the package version (CI's breaking-change gate checks it). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const PACKAGE_VERSION: string = (require('../../../package.json') as { version: string }).version;

/** Sorts object keys recursively, except where order carries meaning (arrays keep their order). */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** Parameters in a stable order: by location, then name. */
function sortParameters(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item)) {
      const params = (operation as { parameters?: { in: string; name: string }[] }).parameters;
      params?.sort((a, b) => a.in.localeCompare(b.in) || a.name.localeCompare(b.name));
    }
  }
}

type Operation = {
  security?: unknown[];
  tags?: string[];
  description?: string;
  responses?: Record<string, { description?: string }>;
  'x-access'?: AccessPolicy;
};

/** Every operation of the document, with its path. */
function operations(document: OpenAPIObject): { path: string; operation: Operation }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.values(item as Record<string, Operation>).map((operation) => ({ path, operation })),
  );
}

/** The tag an operation shows under when its path matches no tag entry (a test keeps it empty). */
export const UNTAGGED = 'Untagged';

/**
 * Public operations say so with `security: []` (otherwise they would look like an omission); each
 * operation gets the tag its URL belongs to (openapi-tags.ts) and a description saying who may call
 * it and what can go wrong; the tags are declared in reading order and grouped by `x-tagGroups`.
 */
function completeOperations(document: OpenAPIObject, tags: TagTable): void {
  const used = new Set<string>();
  for (const { path, operation } of operations(document)) {
    if (operation['x-access']?.public) operation.security = [];
    const tag = tagForPath(tags.entries, path)?.name ?? UNTAGGED;
    operation.tags = [tag];
    used.add(tag);
    operation.description = describeOperation(operation.description, operation['x-access'], operation.responses);
  }
  const declared = tags.entries.filter((entry) => used.has(entry.name));
  document.tags = declared.map(({ name, description }) => ({ name, description }));
  if (used.has(UNTAGGED))
    document.tags.push({
      name: UNTAGGED,
      description: 'Routes missing from the tag tables (openapi-tags.ts, ContextDefinition.openapi).',
    });
  const groups: { name: string; tags: string[] }[] = tags.groupOrder
    .map((group) => ({
      name: group,
      tags: declared.filter((entry) => entry.group === group).map((entry) => entry.name),
    }))
    .filter((group) => group.tags.length);
  if (used.has(UNTAGGED)) groups.push({ name: 'Other', tags: [UNTAGGED] });
  (document as OpenAPIObject & { 'x-tagGroups'?: unknown })['x-tagGroups'] = groups;
}

/** The landing text of Swagger UI: what the API is and how to start calling it. */
const API_DESCRIPTION = [
  'Back office API for organizations: guilds, corporations, brokerages and FBOs. Every org is a tenant; ' +
    'org routes live under `/api/v1/orgs/{org}/...` with the org slug.',
  '**Try it:** run `POST /api/v1/auth/login` (Platform · Auth) with the example body (the demo officer, ' +
    'loaded by `npm start -- --demo`), copy `accessToken`, press **Authorize** and paste it under `bearer`. ' +
    'Authorization survives a page reload. An API key works the same way, or under `apiKey`.',
  '**Access:** each operation says who may call it: a tier on the ladder ' +
    '`owner > admin > officer > member > trial > readonly > applicant > guest`, grants that stand in for a ' +
    'tier, and the scopes a bot key needs. The same policy is machine-readable in `x-access`.',
  '**Errors** are RFC 9457 `application/problem+json` with a stable `type`. Points are decimal strings ' +
    '(`"125.50"`), times ISO 8601 UTC. The raw contract: [/docs/openapi.json](/docs/openapi.json).',
].join('\n\n');

/**
 * The contract: operationIds are the handler names (unique across the API), both credential
 * kinds are declared, and the output is key-sorted so that it is byte-identical run to run.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Quartermaster API')
    .setDescription(API_DESCRIPTION)
    .setVersion(PACKAGE_VERSION)
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'Access JWT from /auth/login, or an API key' },
      'bearer',
    )
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'Personal or bot API key' }, 'apiKey')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controllerKey, methodKey) => methodKey,
    autoTagControllers: false,
  });
  sortParameters(document);
  // The enabled contexts, as the platform was given them: a disabled context's tags do not show.
  const contexts = app.get<readonly ContextDefinition[]>(CONTEXT_DEFINITIONS, { strict: false });
  completeOperations(document, openApiTags(contexts));
  applyProblemCatalogue(document, app);
  return sortKeys(document) as OpenAPIObject;
}
