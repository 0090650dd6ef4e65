import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGuild, Guild } from '../support/dkp-fixtures';
import { buildFuzzPlan, FuzzFixtures, FuzzRequest, OpenApiDocument } from '../support/fuzz-cases';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Schema-driven fuzzing of every operation in the committed OpenAPI document (issue 9, item 3):
 * null, wrong types, objects, arrays and 40-level nesting in each body property, odd whole bodies,
 * malformed path parameters and bad query values, sent by an org owner with real ids elsewhere.
 * No answer may be a 5xx (or hang), and a null in a property the spec does not mark `nullable`
 * is never accepted. The figures (operations, requests, count by status) are printed.
 */
describe('fuzzing every operation (e2e)', () => {
  let t: TestApp;
  let g: Guild;
  let fixtures: FuzzFixtures;
  const REQUEST_TIMEOUT_MS = 15_000;
  const CONCURRENCY = 4;
  /** About 2,200 requests: well under a minute on a quiet machine, several on a busy one. */
  const TEST_TIMEOUT_MS = 600_000;

  beforeAll(async () => {
    // Discord login configured (else its start answers its documented 503), towards a closed port.
    t = await startTestApp({
      DISCORD_CLIENT_ID: 'cid',
      DISCORD_CLIENT_SECRET: 'secret',
      DISCORD_BASE_URL: 'http://127.0.0.1:9',
    });
    g = await createGuild(t);
    const item = await g.ok(g.owner, 'POST', '/items', { body: { name: 'Fuzzed Cloak' } });
    const raid = await g.raid();
    const rank = await g.ok(g.owner, 'POST', '/ranks', { body: { name: 'Raider' } });
    // Values the schema cannot tell (ids of this guild, Discord ids, names of its characters).
    const values: Record<string, unknown> = {
      poolId: g.pool.id,
      eventId: g.event.id,
      userId: g.member.id,
      leaderUserId: g.officer.id,
      itemId: item.id,
      raidId: raid.id,
      rankId: rank.id,
      characterId: g.chars.member.id,
      characterName: g.chars.member.name,
      discordId: '123456789012345678',
      discordRoleId: '223456789012345678',
      scopes: 'dkp:read',
      tier: 'member',
      lateAwardFraction: '0.50',
      leftEarlyAwardFraction: '0.50',
      decayPercent: '10',
    };
    // The id of `/<collection>/{id}` for the collections the guild has one of.
    const byCollection: Record<string, string> = {
      events: g.event.id,
      items: item.id,
      raids: raid.id,
      pools: g.pool.id,
      characters: g.chars.member.id,
      ranks: rank.id,
    };
    const named: Record<string, string> = {
      org: g.slug,
      userId: g.member.id,
      poolId: g.pool.id,
      discordId: '123456789012345678',
      name: g.chars.member.name,
      characterName: g.chars.member.name,
    };
    fixtures = {
      pathValue: (name, path) => (name === 'id' ? byCollection[/\/(\w+)\/\{id\}/.exec(path)?.[1] ?? ''] : named[name]),
      valueFor: (name) => values[name],
    };
  });
  afterAll(() => t.close());

  async function send(request: FuzzRequest): Promise<number | 'timeout'> {
    try {
      const response = await fetch(t.baseUrl + request.url, {
        method: request.method,
        headers: {
          authorization: `Bearer ${g.owner.token}`,
          ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: request.body,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        redirect: 'manual',
      });
      await response.arrayBuffer();
      return response.status;
    } catch (error) {
      if ((error as Error).name === 'TimeoutError') return 'timeout';
      throw error;
    }
  }

  it(
    'answers no 5xx to hostile input on any operation',
    async () => {
      const doc = JSON.parse(readFileSync(join(__dirname, '../../openapi/openapi.json'), 'utf8')) as OpenApiDocument;
      const plan = buildFuzzPlan(doc, fixtures);
      const started = performance.now();
      const results: { request: FuzzRequest; status: number | 'timeout' }[] = [];
      const queue = [...plan.requests];
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          for (let request = queue.shift(); request; request = queue.shift())
            results.push({ request, status: await send(request) });
        }),
      );
      const seconds = ((performance.now() - started) / 1000).toFixed(1);

      const byStatus: Record<string, number> = {};
      for (const { status } of results) byStatus[status] = (byStatus[status] ?? 0) + 1;
      const describe = ({ request, status }: (typeof results)[number]) =>
        `${status} ${request.operationId} ${request.label}`;
      const serverErrors = results.filter(({ status }) => status === 'timeout' || status >= 500).map(describe);
      const nullsAccepted = results
        .filter(({ request, status }) => request.nullInNonNullable && typeof status === 'number' && status < 300)
        .map(describe);
      console.log(
        `fuzz (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded database'}): ${plan.operations} operations ` +
          `(${plan.operationsWithBody} with a body), ${results.length} requests in ${seconds} s, by status ` +
          `${JSON.stringify(byStatus)}, 5xx or hung: ${serverErrors.length}, nulls accepted: ${nullsAccepted.length}`,
      );

      expect(results).toHaveLength(plan.requests.length);
      expect(serverErrors).toEqual([]);
      expect(nullsAccepted).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );
});
