import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** Sorts object keys recursively, except where order carries meaning (arrays keep their order). */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
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
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Access JWT from /auth/login, or an API key' }, 'bearer')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'Personal or bot API key' }, 'apiKey')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controllerKey, methodKey) => methodKey,
    autoTagControllers: false,
  });
  sortParameters(document);
  return sortKeys(document) as OpenAPIObject;
}
