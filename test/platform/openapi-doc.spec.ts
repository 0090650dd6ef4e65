import type { OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from '../../src/app.module';
import { DEMO_PASSWORD } from '../../src/cli/seed-demo';
import type { AccessPolicy } from '../../src/platform/auth/access.decorator';
import { loadConfig } from '../../src/platform/config/app-config';
import { createApp } from '../../src/platform/http/create-app';
import { buildOpenApiDocument, UNTAGGED } from '../../src/platform/http/openapi';
import { describeAccess, WHO_MAY_CALL } from '../../src/platform/http/openapi-descriptions';
import { CONTEXTS } from '../../src/contexts';
import { openApiTags } from '../../src/platform/http/openapi-tags';
import { loadSwaggerPluginMetadata } from '../support/swagger-plugin-metadata';

type Operation = {
  operationId: string;
  summary?: string;
  description?: string;
  tags?: string[];
  'x-access'?: AccessPolicy;
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
};

/**
 * The document as Swagger UI shows it to an admin, built the way `npm run openapi` builds it
 * (with the Swagger plugin's metadata, in preview mode: no database).
 */
describe('OpenAPI document for Swagger UI', () => {
  let document: OpenAPIObject;
  let operations: { method: string; path: string; operation: Operation }[];

  beforeAll(async () => {
    await loadSwaggerPluginMetadata();
    const app = await createApp(AppModule, loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), { preview: true });
    await app.init();
    document = buildOpenApiDocument(app);
    await app.close();
    operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item as Record<string, Operation>).map(([method, operation]) => ({ method, path, operation })),
    );
  }, 180_000);

  const { entries: tagEntries, groupOrder } = openApiTags(CONTEXTS);
  const schema = (ref: string) => document.components!.schemas![ref.split('/').pop()!] as Record<string, any>;

  it('puts every operation in exactly one declared tag', () => {
    const untagged = operations.filter(({ operation }) => operation.tags?.[0] === UNTAGGED);
    expect(untagged.map(({ method, path }) => `${method.toUpperCase()} ${path}`)).toEqual([]);
    const declared = new Set(tagEntries.map((t) => t.name));
    for (const { operation } of operations) {
      expect(operation.tags).toHaveLength(1);
      expect(declared.has(operation.tags![0])).toBe(true);
    }
  });

  it('declares the used tags with descriptions, in table order, grouped by x-tagGroups', () => {
    const used = new Set(operations.map(({ operation }) => operation.tags![0]));
    expect(document.tags!.map((t) => t.name)).toEqual(tagEntries.map((t) => t.name).filter((n) => used.has(n)));
    for (const tag of document.tags!) expect(tag.description).toEqual(expect.any(String));
    const groups = (document as unknown as { 'x-tagGroups': { name: string; tags: string[] }[] })['x-tagGroups'];
    expect(groups.map((g) => g.name)).toEqual(groupOrder.filter((g) => groups.some((x) => x.name === g)));
    expect(groups.flatMap((g) => g.tags)).toEqual(document.tags!.map((t) => t.name));
  });

  it('groups the bot routes under DKP · Discord bot', () => {
    const bot = operations.filter(({ path }) => path.includes('/dkp/discord/'));
    expect(bot.length).toBeGreaterThan(5);
    for (const { operation } of bot) expect(operation.tags).toEqual(['DKP · Discord bot']);
  });

  it('gives every operation a summary and a description saying who may call it', () => {
    const missing = operations
      .filter(({ operation }) => !operation.summary?.trim())
      .map((o) => o.operation.operationId);
    expect(missing).toEqual([]);
    for (const { operation } of operations) {
      expect(operation.description).toContain(describeAccess(operation['x-access']));
      expect(operation.description!.split(WHO_MAY_CALL)).toHaveLength(2);
    }
  });

  it('describes tiers, grants and scopes from the route policy', () => {
    const find = (id: string) => operations.find((o) => o.operation.operationId === id)!.operation;
    expect(find('login').description).toContain('anyone; no credential needed');
    expect(find('listAllOrgs').description).toContain('platform administrators only');
    const leaderboard = find('getLeaderboard').description!;
    expect(leaderboard).toMatch(/tier `readonly` or above/);
    expect(leaderboard).toContain('`dkp:read`');
    expect(leaderboard).toContain('**What can go wrong**');
    expect(leaderboard).toMatch(/- `403` /);
  });

  it('shows the demo credentials as the login example and a raid dump on the attendance import', () => {
    const login = operations.find((o) => o.operation.operationId === 'login')!.operation;
    const loginSchema = schema(login.requestBody!.content['application/json'].schema.$ref!);
    expect(loginSchema.properties.username.example).toBe('demo-officer');
    expect(loginSchema.properties.password.example).toBe(DEMO_PASSWORD);
    const importOp = operations.find((o) => o.path.endsWith('/attendance/import') && o.method === 'post')!.operation;
    const text = schema(importOp.requestBody!.content['application/json'].schema.$ref!).properties.text.example;
    expect(text).toMatch(/^1\tArlorwyn\t125\tWarrior\tRaid Leader\t/);
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(8);
  });

  it('lists the index routes that point to the docs as public', () => {
    for (const path of ['/', '/api/v1']) {
      const get = (document.paths[path] as Record<string, Operation> | undefined)?.get;
      expect(get?.['x-access']).toEqual({ public: true });
      expect(get?.tags).toEqual(['Platform · Service']);
    }
  });
});
