import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DiscoveryService } from '@nestjs/core';
import { CONTEXTS } from '../../src/contexts';
import { buildOpenApiDocument } from '../../src/platform/http/openapi';
import { AVAILABLE_CONTEXTS } from '../../src/platform/tenancy/available-contexts';
import { ORG_CONTEXT } from '../../src/platform/tenancy/org-context.decorator';
import { GRANTS, PLATFORM_GRANTS } from '../../src/platform/tenancy/tiers';
import { listRoutes } from '../support/routes-catalog';
import { addMember, createOrg, problemOf, registerUser, startTestApp, TestApp } from '../support/test-app';

/** The context registry (src/contexts/index.ts) as the platform receives it. */
describe('contexts (e2e)', () => {
  describe('definitions', () => {
    let t: TestApp;
    let app: NestFastifyApplication;
    beforeAll(async () => {
      t = await startTestApp();
      app = t.app;
    });
    afterAll(() => t.close());

    it("lists in each definition exactly the scopes the context's routes name", () => {
      for (const context of CONTEXTS) {
        const controllers = controllersOf(app, context.name);
        const routes = listRoutes(app).filter((route) => controllers.has(route.controller));
        expect(routes.length).toBeGreaterThan(0);
        const used = [...new Set(routes.flatMap((route) => route.policy?.scopes ?? []))].sort();
        expect({ context: context.name, scopes: [...context.scopes].sort() }).toEqual({
          context: context.name,
          scopes: used,
        });
      }
    });

    it("documents one Grant enum: every context's grants, then the platform's", () => {
      const contextGrants = CONTEXTS.flatMap((context) => context.grants);
      expect(GRANTS).toEqual([...new Set([...contextGrants, ...PLATFORM_GRANTS])]);
      const grant = buildOpenApiDocument(app).components?.schemas?.Grant as { enum: string[] };
      expect(grant.enum).toEqual([...GRANTS]);
    });
  });

  describe('a context disabled by CONTEXTS_DISABLED', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ CONTEXTS_DISABLED: 'dkp' });
    });
    afterAll(() => t.close());

    it('is not offered to orgs', () => {
      expect(t.app.get<string[]>(AVAILABLE_CONTEXTS, { strict: false })).not.toContain('dkp');
    });

    it('cannot be enabled by an org, on creation or later', async () => {
      const owner = await registerUser(t, 'ctx-owner');
      const created = await problemOf(
        owner.api.POST('/api/v1/orgs', {
          body: { slug: `ctx-${owner.id.slice(0, 8)}`, name: 'Ctx', contexts: ['dkp'] },
        }),
      );
      expect(created.status).toBe(400);
      expect(created.body.errors).toEqual([expect.objectContaining({ path: 'contexts' })]);
      const org = await createOrg(owner);
      const patched = await problemOf(
        owner.api.PATCH('/api/v1/orgs/{org}', { params: { path: { org: org.slug } }, body: { contexts: ['dkp'] } }),
      );
      expect(patched.status).toBe(400);
      expect(patched.body.errors).toEqual([expect.objectContaining({ path: 'contexts' })]);
    });

    it('has no routes, even for an org that enabled it before it was disabled', async () => {
      const owner = await registerUser(t, 'ctx-owner');
      const org = await createOrg(owner);
      await t.db.query('UPDATE orgs SET contexts = $1 WHERE id = $2', [['dkp'], org.id]);
      const pools = await problemOf(
        owner.api.GET('/api/v1/orgs/{org}/dkp/pools', { params: { path: { org: org.slug } } }),
      );
      expect(pools.status).toBe(404);
    });

    it('keeps its grants valid (they are part of the contract whatever the deployment)', async () => {
      const owner = await registerUser(t, 'ctx-owner');
      const member = await registerUser(t, 'ctx-member');
      const org = await createOrg(owner);
      const added = await addMember(owner, org.slug, member, 'member', ['recruiter']);
      expect(added.grants).toEqual(['recruiter']);
    });
  });
});

/** Names of the controllers marked `@OrgContext(name)`. */
function controllersOf(app: NestFastifyApplication, name: string): Set<string> {
  const discovery = app.get(DiscoveryService, { strict: false });
  return new Set(
    discovery
      .getControllers()
      .filter((wrapper) => wrapper.metatype && Reflect.getMetadata(ORG_CONTEXT, wrapper.metatype) === name)
      .map((wrapper) => wrapper.metatype!.name),
  );
}
