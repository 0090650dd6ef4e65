import { randomUUID } from 'node:crypto';
import { unwrap } from '@quartermaster/sdk';
import { Type } from 'class-transformer';
import { IsArray, IsString, MaxLength, ValidateNested } from 'class-validator';
import { Problem } from '../../src/platform/http/problem';
import { strictValidationPipe } from '../../src/platform/http/validation';
import { createOrg, problemOf, registerUser, startTestApp, TestApp, TestUser } from '../support/test-app';

const PROBLEM_JSON = /^application\/problem\+json/;

/**
 * One app for the whole file, with a small body limit and a CORS allow-list, so that both are
 * exercised next to the defaults every other convention relies on.
 */
describe('HTTP conventions (e2e)', () => {
  let t: TestApp;
  let user: TestUser;
  let org: string;
  beforeAll(async () => {
    t = await startTestApp({ BODY_LIMIT_BYTES: '2048', CORS_ORIGINS: 'https://allowed.example' });
    user = await registerUser(t);
    org = (await createOrg(user)).slug;
  });
  afterAll(() => t.close());

  /** Raw fetch, for what the typed SDK cannot send. */
  async function raw(
    method: string,
    path: string,
    init: { body?: string; headers?: Record<string, string>; auth?: boolean } = {},
  ) {
    const headers: Record<string, string> = {
      ...(init.auth === false ? {} : { Authorization: `Bearer ${user.token}` }),
      ...init.headers,
    };
    if (init.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
      headers['Content-Type'] = 'application/json';
    const response = await fetch(t.baseUrl + path, { method, headers, body: init.body });
    const text = await response.text();
    let body: any;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    return { status: response.status, headers: response.headers, body };
  }

  function expectProblem(r: { status: number; headers: Headers; body: any }, status: number) {
    expect({ status: r.status, contentType: r.headers.get('content-type') }).toEqual({
      status,
      contentType: expect.stringMatching(PROBLEM_JSON),
    });
    expect(r.body).toEqual(
      expect.objectContaining({
        type: expect.stringMatching(/^https:\/\/quartermaster\.dev\/problems\//),
        title: expect.any(String),
        status,
        requestId: r.headers.get('x-request-id'),
        instance: expect.stringMatching(/^\//),
      }),
    );
  }

  describe('errors and request ids', () => {
    it('answers errors as problem+json with type, title, status, instance and requestId', async () => {
      const r = await raw('GET', '/api/v1/me', { auth: false });
      expectProblem(r, 401);
      expect(r.body.instance).toBe('/api/v1/me');
    });

    it('sends a fresh X-Request-Id, and keeps a valid incoming one', async () => {
      const fresh = await raw('GET', '/api/v1/health/live');
      expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      const mine = await raw('GET', '/api/v1/me', { headers: { 'X-Request-Id': 'trace.abc-123_X' } });
      expect(mine.headers.get('x-request-id')).toBe('trace.abc-123_X');
      const error = await raw('GET', '/api/v1/me', { auth: false, headers: { 'X-Request-Id': 'trace-for-an-error' } });
      expect(error.body.requestId).toBe('trace-for-an-error');
      for (const bad of ['has space', 'x'.repeat(65), 'semi;colon']) {
        const replaced = await raw('GET', '/api/v1/health/live', { headers: { 'X-Request-Id': bad } });
        expect(replaced.headers.get('x-request-id')).not.toBe(bad);
        expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      }
    });

    it('answers an unknown route and an unknown method with a 404 problem', async () => {
      expectProblem(await raw('GET', '/api/v1/no-such-thing'), 404);
      expectProblem(await raw('DELETE', '/api/v1/orgs'), 404);
      expectProblem(await raw('GET', '/nowhere', { auth: false }), 404);
    });
  });

  describe('bodies', () => {
    it('rejects unknown body fields, naming them', async () => {
      const r = await problemOf(
        user.api.POST('/api/v1/orgs', { body: { slug: 'abc-def', name: 'Extra', owner: 'me' } as never }),
      );
      expect(r.status).toBe(400);
      expect(r.body.type).toMatch(/\/validation$/);
      expect(r.body.errors).toEqual([expect.objectContaining({ path: 'owner' })]);
    });

    it('names nested and array element paths', async () => {
      const grants = await problemOf(
        user.api.PATCH('/api/v1/orgs/{org}/members/{userId}', {
          params: { path: { org, userId: user.id } },
          body: { grants: ['recruiter', 'emperor'] as never },
        }),
      );
      expect(grants.status).toBe(400);
      expect(grants.body.errors.map((e: { path: string }) => e.path)).toEqual(['grants']);
      const contexts = await problemOf(
        user.api.POST('/api/v1/orgs', { body: { slug: 'abc-def', name: 'Nested', contexts: ['ok', 3 as never] } }),
      );
      expect(contexts.body.errors).toEqual([expect.objectContaining({ path: 'contexts' })]);
      const many = await problemOf(
        user.api.POST('/api/v1/orgs', { body: { slug: 'A', name: 'x', contexts: 'dkp' as never } }),
      );
      expect([...new Set(many.body.errors.map((e: { path: string }) => e.path))].sort()).toEqual([
        'contexts',
        'name',
        'slug',
      ]);
    });

    it('names nested DTO fields by dotted path (items.1.name)', async () => {
      class LineDto {
        @IsString()
        @MaxLength(5)
        name: string;
      }
      class OrderDto {
        @IsArray()
        @ValidateNested({ each: true })
        @Type(() => LineDto)
        items: LineDto[];
        @ValidateNested()
        @Type(() => LineDto)
        main: LineDto;
      }
      const pipe = strictValidationPipe();
      const error = await pipe
        .transform(
          { items: [{ name: 'ok' }, { name: 'too long' }, { name: 'ok', extra: 1 }], main: { name: 7 } },
          { type: 'body', metatype: OrderDto },
        )
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Problem);
      const body = (error as Problem).getResponse() as { status: number; errors: { path: string }[] };
      expect(body.status).toBe(400);
      expect([...new Set(body.errors.map((e) => e.path))].sort()).toEqual([
        'items.1.name',
        'items.2.extra',
        'main.name',
      ]);
    });

    it('answers malformed JSON with a 400 problem', async () => {
      for (const body of ['{bad', '{"slug":', '', '{"__proto__":{"admin":true},"slug":"abc","name":"xx"}']) {
        const r = await raw('POST', '/api/v1/orgs', { body });
        expectProblem(r, 400);
      }
    });

    it('answers a body over BODY_LIMIT_BYTES with a 413 problem', async () => {
      const r = await raw('POST', '/api/v1/orgs', {
        body: JSON.stringify({ slug: 'big-body', name: 'x'.repeat(4000) }),
      });
      expectProblem(r, 413);
      const fits = await raw('POST', '/api/v1/orgs', {
        body: JSON.stringify({ slug: 'big-body', name: 'x'.repeat(1500) }),
      });
      expectProblem(fits, 400);
    });

    it('answers a non-JSON content type with a 415 problem', async () => {
      for (const [type, body] of [
        ['text/plain', 'slug=abc'],
        ['application/x-www-form-urlencoded', 'slug=abc-def&name=Form'],
        ['application/xml', '<org/>'],
        ['multipart/form-data; boundary=x', '--x--'],
      ]) {
        const r = await raw('POST', '/api/v1/orgs', { body, headers: { 'Content-Type': type } });
        expectProblem(r, 415);
      }
      const charset = await raw('POST', '/api/v1/orgs', {
        body: JSON.stringify({ slug: 'abc', name: 'xx' }),
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
      });
      expect(charset.status).not.toBe(415);
    });

    it('never answers garbage with a 500', async () => {
      const otherUserId = randomUUID();
      const routes: [string, string][] = [
        ['POST', '/api/v1/orgs'],
        ['PATCH', `/api/v1/orgs/${org}`],
        ['POST', `/api/v1/orgs/${org}/members`],
        ['PATCH', `/api/v1/orgs/${org}/members/${otherUserId}`],
        ['POST', `/api/v1/orgs/${org}/invitations`],
        ['POST', `/api/v1/orgs/${org}/bot-keys`],
        ['POST', '/api/v1/me/api-keys'],
        ['POST', '/api/v1/auth/login'],
        ['POST', '/api/v1/auth/register'],
        ['POST', '/api/v1/auth/refresh'],
      ];
      const long = 'ä'.repeat(700);
      const bodies = [
        '[]',
        '[1,2,3]',
        '"text"',
        '42',
        '-1e309',
        'null',
        'true',
        '{}',
        JSON.stringify({
          slug: long,
          name: long,
          tier: long,
          username: long,
          userId: long,
          password: long,
          refreshToken: long,
          scopes: [long],
        }),
        JSON.stringify({
          slug: null,
          name: null,
          tier: null,
          grants: null,
          userId: null,
          username: null,
          contexts: null,
          maxUses: null,
          expiresAt: null,
        }),
        JSON.stringify({
          slug: ['a'],
          name: { a: 1 },
          tier: ['owner'],
          grants: [[['x']]],
          userId: {},
          contexts: [{}],
          maxUses: '5',
          expiresAt: {},
        }),
        JSON.stringify({
          username: 'nul\u0000byte',
          userId: '00000000-0000-0000-0000-000000000000',
          tier: 'member',
          name: 'nul\u0000',
          slug: 'abc',
        }),
        JSON.stringify({ maxUses: 1e308, expiresAt: '99999-01-01', tier: 'member' }),
        JSON.stringify({ expiresAt: 8.64e15 + 1, tier: 'member', scopes: ['a:b'], name: 'n' }),
        JSON.stringify({ constructor: { prototype: { x: 1 } }, slug: 'abc', name: 'xx' }),
      ];
      const failures: string[] = [];
      for (const [method, path] of routes) {
        for (const body of bodies) {
          const r = await raw(method, path, { body });
          if (r.status >= 500 || !String(r.headers.get('content-type')).match(r.status < 300 ? /json/ : PROBLEM_JSON))
            failures.push(`${method} ${path} ${body.slice(0, 60)} -> ${r.status}`);
        }
      }
      const urls = [
        `/api/v1/orgs/${org}/members?limit=-1`,
        `/api/v1/orgs/${org}/members?limit=1e3`,
        `/api/v1/orgs/${org}/members?limit=1&limit=2`,
        `/api/v1/orgs/${org}/members?tier[]=owner`,
        `/api/v1/orgs/${org}/members?search=%00`,
        `/api/v1/orgs/${org}/members?cursor=%00`,
        `/api/v1/orgs/${org}/audit-log?cursor=${Buffer.from('["x","y"]').toString('base64url')}`,
        `/api/v1/orgs/${org}/audit-log?cursor=${Buffer.from('[1,2]').toString('base64url')}`,
        `/api/v1/orgs/${org}/invitations?cursor=${Buffer.from('["2020-01-01T00:00:00Z","nope"]').toString('base64url')}`,
        `/api/v1/orgs/${org}/audit-log?actorUserId=nope`,
        '/api/v1/orgs/%00',
        '/api/v1/orgs/%E0%A4%A',
        `/api/v1/orgs/${'x'.repeat(3000)}`,
        `/api/v1/invitations/${'c'.repeat(300)}/accept`,
      ];
      for (const url of urls) {
        const r = await raw(url.includes('/accept') ? 'POST' : 'GET', url);
        if (r.status >= 500 || !String(r.headers.get('content-type')).match(r.status < 300 ? /json/ : PROBLEM_JSON))
          failures.push(`GET ${url.slice(0, 80)} -> ${r.status} ${r.headers.get('content-type')}`);
      }
      expect(failures).toEqual([]);
    });
  });

  describe('parameters', () => {
    it('answers a malformed UUID path parameter with a 400 naming it', async () => {
      const r = await problemOf(
        user.api.GET('/api/v1/orgs/{org}/members/{userId}', { params: { path: { org, userId: 'not-a-uuid' } } }),
      );
      expect(r.status).toBe(400);
      expect(r.body.errors).toEqual([expect.objectContaining({ path: 'userId' })]);
    });

    it('answers a cursor that does not decode with a 400 on cursor', async () => {
      for (const cursor of [
        '%%%',
        'bm90LWpzb24',
        Buffer.from('{"a":1}').toString('base64url'),
        Buffer.from('["a","b","c"]').toString('base64url'),
        Buffer.from('[null]').toString('base64url'),
      ]) {
        const r = await problemOf(
          user.api.GET('/api/v1/orgs/{org}/members', { params: { path: { org }, query: { cursor } } }),
        );
        expect(r.status).toBe(400);
        expect(r.body.errors).toEqual([expect.objectContaining({ path: 'cursor' })]);
      }
    });

    it('bounds limit to 1-200', async () => {
      for (const limit of [0, 201, 500, 1.5]) {
        const r = await problemOf(user.api.GET('/api/v1/orgs', { params: { query: { limit } } }));
        expect(r.status).toBe(400);
        expect(r.body.errors[0].path).toBe('limit');
      }
      expect(
        (await unwrap(user.api.GET('/api/v1/orgs', { params: { query: { limit: 200 } } }))).items.length,
      ).toBeGreaterThan(0);
      const notNumber = await raw('GET', '/api/v1/orgs?limit=abc');
      expectProblem(notNumber, 400);
    });

    it('rejects unknown query parameters', async () => {
      const r = await raw('GET', `/api/v1/orgs/${org}/members?role=owner`);
      expectProblem(r, 400);
      expect(r.body.errors).toEqual([expect.objectContaining({ path: 'role' })]);
    });
  });

  describe('headers', () => {
    it('sends helmet security headers', async () => {
      const r = await raw('GET', '/api/v1/health/live');
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(r.headers.get('strict-transport-security')).toMatch(/max-age=/);
      expect(r.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
      expect(r.headers.get('x-powered-by')).toBeNull();
      const error = await raw('GET', '/api/v1/me', { auth: false });
      expect(error.headers.get('x-content-type-options')).toBe('nosniff');
    });

    it('answers CORS preflights for allowed origins only', async () => {
      const preflight = (origin: string) =>
        fetch(`${t.baseUrl}/api/v1/orgs`, {
          method: 'OPTIONS',
          headers: {
            Origin: origin,
            'Access-Control-Request-Method': 'POST',
            'Access-Control-Request-Headers': 'authorization,content-type,idempotency-key',
          },
        });
      const allowed = await preflight('https://allowed.example');
      expect(allowed.status).toBeLessThan(300);
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://allowed.example');
      expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('idempotency-key');
      const denied = await preflight('https://evil.example');
      expect(denied.headers.get('access-control-allow-origin')).toBeNull();

      const simple = await fetch(`${t.baseUrl}/api/v1/health/live`, { headers: { Origin: 'https://allowed.example' } });
      expect(simple.headers.get('access-control-allow-origin')).toBe('https://allowed.example');
      expect(simple.headers.get('access-control-expose-headers')).toMatch(/X-Request-Id/i);
      const other = await fetch(`${t.baseUrl}/api/v1/health/live`, { headers: { Origin: 'https://evil.example' } });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  describe('documentation', () => {
    it('serves the OpenAPI document with x-access on every operation', async () => {
      const r = await fetch(`${t.baseUrl}/docs/openapi.json`);
      expect(r.status).toBe(200);
      const doc = (await r.json()) as {
        openapi: string;
        paths: Record<string, Record<string, { operationId: string; 'x-access'?: unknown }>>;
      };
      expect(doc.openapi).toMatch(/^3\./);
      const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
        Object.entries(item).map(([method, op]) => ({ path, method, op })),
      );
      expect(operations.length).toBeGreaterThan(10);
      expect(operations.filter((o) => !o.op['x-access']).map((o) => `${o.method} ${o.path}`)).toEqual([]);
      expect(doc.paths['/api/v1/orgs/{org}'].patch['x-access']).toEqual({ tier: 'admin', scopes: ['org:write'] });
      const ids = operations.map((o) => o.op.operationId);
      expect(new Set(ids).size).toBe(ids.length);
    });

    it('serves Swagger UI', async () => {
      const r = await fetch(`${t.baseUrl}/docs`);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toMatch(/text\/html/);
      expect(await r.text()).toMatch(/swagger/i);
    });
  });
});
