import { Logger } from '@nestjs/common';
import { unwrap } from '@quartermaster/sdk';
import { DEMO_PASSWORD, DemoOutcome, seedDemoOrgs } from '../../src/cli/seed-demo';
import type { ContextDefinition } from '../../src/platform/contexts/context-definition';
import { CONTEXT_DEFINITIONS } from '../../src/platform/contexts/contexts';
import { startTestApp, TestApp, unique } from '../support/test-app';

/**
 * Demo data per context (issue 12 item 5): one demo org per enabled context, with users who log
 * in with the shared password, and a second run that changes nothing.
 */
describe('demo orgs (e2e)', () => {
  let t: TestApp;
  let contexts: ContextDefinition[];
  let first: DemoOutcome[];
  const logger = new Logger('seed-demo-test');

  /** Row counts of every table: what "changes nothing" is measured by. */
  async function tableCounts(): Promise<Record<string, number>> {
    const tables = (await t.db.query(
      `SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
    )) as { name: string }[];
    const counts: Record<string, number> = {};
    for (const { name } of tables) {
      const [row] = (await t.db.query(`SELECT count(*)::int AS n FROM "${name}"`)) as { n: number }[];
      counts[name] = row.n;
    }
    return counts;
  }

  beforeAll(async () => {
    t = await startTestApp();
    const enabled = t.app.get<ContextDefinition[]>(CONTEXT_DEFINITIONS);
    // Beside the real contexts, one without a seeder; its name must be an enabled context, so it
    // borrows the first one's, under a demo slug of its own.
    const suffix = unique('x').slice(2);
    const bare: ContextDefinition = {
      ...enabled[0],
      seedDemo: undefined,
      demo: { slug: `demo-bare-${suffix}`, name: 'Demo Bare', usernamePrefix: `bare-${suffix}` },
    };
    contexts = [...enabled, bare];
    first = await seedDemoOrgs(t.app, logger, contexts);
  }, 300_000);
  afterAll(() => t.close());

  it('creates one demo org per context, with the dkp one at demo-guild', () => {
    // The real demo orgs have fixed slugs: on a database kept from an earlier run they exist already.
    expect(first.at(-1)!.created).toBe(true);
    expect(first.map((o) => o.org.slug)).toEqual(expect.arrayContaining(['demo-guild']));
    expect(new Set(first.map((o) => o.org.slug)).size).toBe(first.length);
  });

  it("every demo org's users log in with the shared password and hold their tier and grants there", async () => {
    for (const outcome of first) {
      expect(outcome.accounts.map((a) => a.tier).slice(0, 3)).toEqual(['owner', 'officer', 'member']);
      for (const account of outcome.accounts) {
        const tokens = await unwrap(
          t.anonymous.POST('/api/v1/auth/login', { body: { username: account.username, password: DEMO_PASSWORD } }),
        );
        const mine = await unwrap(t.as(tokens.accessToken).GET('/api/v1/orgs'));
        expect(mine.items).toContainEqual(
          expect.objectContaining({
            slug: outcome.org.slug,
            tier: account.tier,
            grants: account.grants,
            contexts: [outcome.context],
          }),
        );
      }
    }
  });

  it('adds a member per context grant (dkp: a recruiter)', () => {
    const dkp = first.find((o) => o.org.slug === 'demo-guild')!;
    expect(dkp.accounts).toContainEqual({ username: 'demo-recruiter', tier: 'member', grants: ['recruiter'] });
  });

  it('changes nothing when run a second time', async () => {
    const before = await tableCounts();
    const second = await seedDemoOrgs(t.app, logger, contexts);
    expect(second.map((o) => o.created)).toEqual(contexts.map(() => false));
    expect(await tableCounts()).toEqual(before);
  });
});
