import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

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

/**
 * Public operations say so with `security: []` (otherwise they would look like an omission),
 * and every tag an operation uses is listed at the top level, sorted.
 */
function completeSecurityAndTags(document: OpenAPIObject): void {
  const tags = new Set<string>();
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item) as {
      security?: unknown[];
      tags?: string[];
      'x-access'?: { public?: boolean };
    }[]) {
      if (operation['x-access']?.public) operation.security = [];
      operation.tags?.forEach((t) => tags.add(t));
    }
  }
  document.tags = [...tags].sort().map((name) => ({ name }));
}

/**
 * The contract: operationIds are the handler names (unique across the API), both credential
 * kinds are declared, and the output is key-sorted so that it is byte-identical run to run.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Quartermaster API')
    .setDescription(
      'Back office API for organizations: guilds, corporations, brokerages and FBOs. ' +
        'Every operation carries its access policy as `x-access`. Errors are RFC 9457 problem+json.',
    )
    .setVersion('1.0.0')
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
  completeSecurityAndTags(document);
  return sortKeys(document) as OpenAPIObject;
}
