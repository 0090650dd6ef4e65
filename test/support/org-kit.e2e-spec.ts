import { unwrap } from '@quartermaster/sdk';
import { createTestOrg, expectForbiddenPaths, TestOrg, TIERS_BELOW_OWNER } from './org-kit';
import { embeddedTemplate } from './embedded-template';
import { startTestApp, TestApp } from './test-app';

/**
 * The shared test kit on a real app: what `createTestOrg` builds, and `expectForbiddenPaths` in
 * its typed form (the one a new context should use) on a read and on a write of the dkp context.
 */
describe('org test kit (e2e)', () => {
  let t: TestApp;
  let org: TestOrg;
  beforeAll(async () => {
    t = await startTestApp();
    org = await createTestOrg(t, {
      contexts: ['dkp'],
      grants: { member: ['recruiter'] },
      botKeyScopes: [['dkp:read']],
    });
  });
  afterAll(() => t.close());

  // Without it every test file would boot and migrate its own database (most of a minute).
  (process.env.DATABASE_URL ? it.skip : it)(
    'starts the embedded database from the run template (test/global-setup.ts)',
    () => {
      expect(embeddedTemplate()).toEqual(expect.stringMatching(/pglite\.tar$/));
    },
  );

  it('creates a user at every tier, with the grants asked for, and the bot keys', async () => {
    const members = await unwrap(
      org.owner.api.GET('/api/v1/orgs/{org}/members', { params: { path: { org: org.slug }, query: { limit: 100 } } }),
    );
    const tierOf = Object.fromEntries(members.items.map((m) => [m.userId, m.tier]));
    for (const tier of ['owner', ...TIERS_BELOW_OWNER] as const)
      expect({ tier, got: tierOf[org.at(tier).id] }).toEqual({ tier, got: tier });
    const member = await unwrap(
      org.owner.api.GET('/api/v1/orgs/{org}/members/{userId}', {
        params: { path: { org: org.slug, userId: org.at('member').id } },
      }),
    );
    expect(member.grants).toEqual(['recruiter']);
    expect(org.botKeys.map((key) => key.scopes)).toEqual([['dkp:read']]);
    expect(members.items.map((m) => m.userId)).not.toContain(org.outsider.id);
  });

  it('checks a read: refusals, then readonly and a dkp:read key succeed', async () => {
    await expectForbiddenPaths({
      org,
      context: 'dkp',
      scopes: ['dkp:read'],
      minTier: 'readonly',
      request: (api, slug) => api.GET('/api/v1/orgs/{org}/dkp/pools', { params: { path: { org: slug } } }),
      allowed: true,
      revokedKey: true,
    });
  });

  it('checks a write: every tier below admin and a key without dkp:admin are refused', async () => {
    await expectForbiddenPaths({
      org,
      context: 'dkp',
      scopes: ['dkp:admin'],
      minTier: 'admin',
      request: (api, slug) =>
        api.POST('/api/v1/orgs/{org}/dkp/pools', { params: { path: { org: slug } }, body: { name: 'Refused' } }),
      revokedKey: true,
    });
    const pools = await unwrap(
      org.owner.api.GET('/api/v1/orgs/{org}/dkp/pools', { params: { path: { org: org.slug } } }),
    );
    expect(pools.items.map((pool) => pool.name)).not.toContain('Refused');
  });
});
