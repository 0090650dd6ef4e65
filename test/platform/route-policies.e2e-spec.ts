import { Controller, Get, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { unwrap } from '@quartermaster/sdk';
import { randomUUID } from 'node:crypto';
import { Access } from '../../src/platform/auth/access.decorator';
import { AccessGuard } from '../../src/platform/auth/access.guard';
import { CredentialAuthenticator } from '../../src/platform/auth/credential-authenticator';
import { isIdempotent } from '../../src/platform/http/idempotency';
import { ProblemFilter } from '../../src/platform/http/problem.filter';
import { AVAILABLE_CONTEXTS } from '../../src/platform/tenancy/available-contexts';
import { OrgResolver } from '../../src/platform/tenancy/org-resolver';
import { listRoutes, policyJson, RouteInfo } from '../support/routes-catalog';
import { createOrg, registerUser, startTestApp, TestApp, unique } from '../support/test-app';

@Controller('probe')
class ProbeController {
  /** Deliberately without @Access: the guard must refuse it. */
  @Get('no-policy')
  noPolicy() {
    return { leaked: true };
  }

  @Get('public')
  @Access.public()
  open() {
    return { ok: true };
  }
}

@Module({
  controllers: [ProbeController],
  providers: [
    { provide: OrgResolver, useValue: {} },
    // Never reached: the guard refuses a route without a policy before it authenticates.
    { provide: CredentialAuthenticator, useValue: {} },
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_FILTER, useClass: ProblemFilter },
  ],
})
class ProbeModule {}

/** Fills `:param`s: the org slug for `:org`, a random UUID (or code) for anything else. */
function fill(path: string, org: string): string {
  return path.replace(/:(\w+)/g, (_, name: string) =>
    name === 'org' ? org : name === 'code' ? 'probe-code' : randomUUID(),
  );
}

describe('route policies (e2e)', () => {
  let t: TestApp;
  let routes: RouteInfo[];
  beforeAll(async () => {
    t = await startTestApp();
    routes = listRoutes(t.app);
  });
  afterAll(() => t.close());

  it('finds the routes', () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(routes).toContainEqual(
      expect.objectContaining({ method: 'PATCH', path: '/api/v1/orgs/:org', handler: 'updateOrg' }),
    );
  });

  it('gives every route an @Access policy', () => {
    expect(routes.filter((r) => !r.policy).map((r) => `${r.method} ${r.path} (${r.controller}.${r.handler})`)).toEqual(
      [],
    );
  });

  it('puts every tier policy on an org route, and every org route under a tier or public-site policy', () => {
    const mismatched = routes.filter(
      (r) => Boolean(r.policy?.tier || r.policy?.publicSite) !== r.path.includes('/:org'),
    );
    expect(mismatched.map((r) => `${r.method} ${r.path} ${policyJson(r.policy)}`)).toEqual([]);
  });

  it('matches the reviewed list of routes and policies', () => {
    // A change here is a permission change: review it, then regenerate with `npx jest --ci=false -u <this file>`.
    expect(routes.map((r) => `${r.method} ${r.path} -> ${policyJson(r.policy)}`)).toMatchSnapshot();
  });

  it('wraps every mutation in the audit interceptor, idempotent ones in idempotency outside it, and reads in none', () => {
    const expected = (r: RouteInfo) => [
      ...(isIdempotent(r.handlerFunction) ? ['IdempotencyInterceptor'] : []),
      ...(['GET', 'HEAD', 'OPTIONS'].includes(r.method) ? [] : ['AuditInterceptor']),
    ];
    const wrong = routes.filter((r) => JSON.stringify(r.interceptors) !== JSON.stringify(expected(r)));
    expect(wrong.map((r) => `${r.method} ${r.path}: ${r.interceptors.join(', ') || 'none'}`)).toEqual([]);
    expect(routes.filter((r) => r.interceptors.includes('IdempotencyInterceptor')).length).toBeGreaterThan(10);
    expect(routes.filter((r) => r.method === 'GET' && r.interceptors.length === 0).length).toBeGreaterThan(20);
  });

  it('has unique handler names (they are the operationIds)', () => {
    const names = routes.map((r) => r.handler);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  it('refuses, at the guard, a route that declares no policy', async () => {
    const app = await NestFactory.create<NestFastifyApplication>(ProbeModule, new FastifyAdapter(), { logger: false });
    await app.listen(0, '127.0.0.1');
    try {
      const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
      const refused = await fetch(`${base}/probe/no-policy`);
      expect(refused.status).toBe(403);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await refused.text()).not.toContain('leaked');
      // Even with a credential: the refusal comes before authentication.
      expect((await fetch(`${base}/probe/no-policy`, { headers: { Authorization: 'Bearer whatever' } })).status).toBe(
        403,
      );
      expect((await fetch(`${base}/probe/public`)).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  describe('tenant isolation, for every org route', () => {
    const send = (token: { bearer?: string; apiKey?: string }, method: string, path: string) =>
      fetch(t.baseUrl + path, {
        method,
        headers: {
          ...(token.bearer ? { Authorization: `Bearer ${token.bearer}` } : { 'X-API-Key': token.apiKey! }),
          ...(method === 'GET' || method === 'DELETE' ? {} : { 'Content-Type': 'application/json' }),
        },
        body: method === 'GET' || method === 'DELETE' ? undefined : '{}',
      }).then(async (r) => ({ status: r.status, body: (await r.json().catch(() => ({}))) as Record<string, unknown> }));

    let victimSlug: string;
    let victimToken: string;
    let strangerToken: string;
    let botKey: string;
    const orgRoutes = () => routes.filter((r) => r.path.includes('/:org'));

    beforeAll(async () => {
      // Both orgs enable every context, so that a 404 comes from membership, not a context switched off.
      const contexts = t.app.get<string[]>(AVAILABLE_CONTEXTS, { strict: false });
      const victim = await registerUser(t, 'victim');
      victimSlug = (await createOrg(victim, contexts)).slug;
      victimToken = victim.token;
      expect(
        (await unwrap(victim.api.GET('/api/v1/orgs/{org}', { params: { path: { org: victimSlug } } }))).contexts,
      ).toEqual([...contexts].sort());
      const stranger = await registerUser(t, 'stranger');
      strangerToken = stranger.token;
      const strangerOrg = await createOrg(stranger, contexts);
      // The bot of the stranger's org holds every scope any route names.
      const scopes = [...new Set(routes.flatMap((r) => r.policy?.scopes ?? []))].sort();
      const key = await unwrap(
        stranger.api.POST('/api/v1/orgs/{org}/bot-keys', {
          params: { path: { org: strangerOrg.slug } },
          body: { name: 'isolation probe', scopes, rateLimitTier: 'standard' },
        }),
      );
      botKey = key.key;
    });

    /** The org's own owner on every list route (GET without ids): proves the routes are reachable. */
    const ownerOnLists = async () => {
      // Public-site routes are 404 until the org switches its site on; their own tests cover them.
      // A caller's own record (`.../me`, say their fueler record) is 404 for a caller without one.
      const lists = orgRoutes().filter(
        (r) =>
          r.method === 'GET' &&
          !r.stream &&
          !r.policy?.publicSite &&
          !r.path.endsWith('/me') &&
          !/:(?!org\b)\w+/.test(r.path),
      );
      expect(lists.length).toBeGreaterThan(3);
      return Promise.all(
        lists.map(async (r) => ({
          path: r.path,
          ...(await send({ bearer: victimToken }, r.method, fill(r.path, victimSlug))),
        })),
      );
    };

    it('reaches the routes at all: the org owner gets no 404 on its list routes', async () => {
      // Otherwise the 404s below could come from a switched-off context rather than from isolation.
      expect((await ownerOnLists()).filter((r) => r.status === 404).map((r) => r.path)).toEqual([]);
    });

    it('answers the org owner without a server error on every list route', async () => {
      expect((await ownerOnLists()).filter((r) => r.status >= 500).map((r) => `${r.path}: ${r.status}`)).toEqual([]);
    });

    it('answers 404 to a member of another org, exactly as for an org that does not exist', async () => {
      expect(orgRoutes().length).toBeGreaterThan(10);
      const leaks: string[] = [];
      // Routes open to any user (applying to join an org) answer strangers by design; their own tests cover them.
      for (const r of orgRoutes().filter((route) => !route.policy?.openToAnyUser)) {
        const real = await send({ bearer: strangerToken }, r.method, fill(r.path, victimSlug));
        const missing = await send({ bearer: strangerToken }, r.method, fill(r.path, unique('missing')));
        if (
          real.status !== 404 ||
          missing.status !== 404 ||
          real.body.type !== missing.body.type ||
          real.body.detail !== missing.body.detail
        ) {
          leaks.push(`${r.method} ${r.path}: ${real.status} ${String(real.body.detail)} vs missing ${missing.status}`);
        }
      }
      expect(leaks).toEqual([]);
    });

    it('answers 404 to a bot key of another org on every scoped org route, and never tells orgs apart', async () => {
      const leaks: string[] = [];
      for (const r of orgRoutes()) {
        const real = await send({ apiKey: botKey }, r.method, fill(r.path, victimSlug));
        const missing = await send({ apiKey: botKey }, r.method, fill(r.path, unique('missing')));
        // Routes that name no scope are closed to every bot key (403 before any org lookup);
        // public-site routes ignore credentials, and the victim's site is off.
        const expected = r.policy?.scopes?.length || r.policy?.publicSite ? 404 : 403;
        if (
          real.status !== expected ||
          missing.status !== expected ||
          real.body.type !== missing.body.type ||
          real.body.detail !== missing.body.detail
        ) {
          leaks.push(`${r.method} ${r.path}: ${real.status} ${String(real.body.detail)} vs missing ${missing.status}`);
        }
      }
      expect(leaks).toEqual([]);
    });
  });
});
