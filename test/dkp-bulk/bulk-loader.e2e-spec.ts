import { unwrap } from '@quartermaster/sdk';
import { BalanceMismatchError } from '../../src/contexts/dkp/bulk/balance-check';
import type { BulkGuild } from '../../src/contexts/dkp/bulk/bulk-guild';
import { DkpBulkLoader } from '../../src/contexts/dkp/bulk/dkp-bulk-loader';
import { generateDemoGuild } from '../../src/contexts/dkp/demo/demo-guild';
import { LedgerService } from '../../src/contexts/dkp/points/ledger.service';
import { registerUser, startTestApp, TestApp, unique } from '../support/test-app';

/** A guild small enough to check by hand: two members, one officer (the registered user). */
function tinyGuild(officerId: string, officerName: string): BulkGuild {
  const a = unique('tank').slice(0, 32);
  const b = unique('heal').slice(0, 32);
  return {
    users: [
      { key: 'o', username: officerName, userId: officerId, tier: 'owner' },
      { key: 'a', username: a, tier: 'member' },
      { key: 'b', username: b, tier: 'officer' },
    ],
    pools: [{ key: 'main', name: 'Main' }],
    events: [{ key: 'vox', name: 'Lady Vox', poolKey: 'main', defaultPoints: '10.00' }],
    items: [{ key: 'cloak', name: 'Cloak of Flames' }],
    characters: [
      { key: 'a1', name: 'Tankalot', userKey: 'a', characterClass: 'Warrior', level: 60, isMain: true },
      { key: 'a2', name: 'Tankbot', userKey: 'a', characterClass: 'Magician', level: 52, isMain: false },
      { key: 'b1', name: 'Healsalot', userKey: 'b', characterClass: 'Cleric', level: 60, isMain: true },
    ],
    raids: [
      { key: 1, eventKey: 'vox', poolKey: 'main', startsAt: '2025-01-01T02:00:00Z', leaderUserKey: 'b' },
      { key: 2, eventKey: 'vox', poolKey: 'main', startsAt: '2025-01-08T02:00:00Z', value: '12.50' },
    ],
    attendance: [
      { raidKey: 1, userKey: 'a', characterName: 'Tankalot', points: '10.00' },
      { raidKey: 1, userKey: 'b', characterName: 'Healsalot', points: '10.00' },
      { raidKey: 2, userKey: 'a', characterName: 'Tankbot', points: '12.50' },
    ],
    loot: [
      {
        key: 'l1',
        itemKey: 'cloak',
        userKey: 'a',
        poolKey: 'main',
        raidKey: 2,
        characterName: 'Tankbot',
        amount: '15.00',
        createdAt: '2025-01-08T03:00:00Z',
      },
    ],
    adjustments: [
      { userKey: 'b', poolKey: 'main', amount: '-2.50', reason: 'AFK', createdAt: '2025-01-02T00:00:00Z' },
      { userKey: 'a', poolKey: 'main', amount: '1.25', reason: 'Pulled the train', createdAt: '2025-01-09T00:00:00Z' },
    ],
  };
}

describe('dkp bulk loader (e2e)', () => {
  let t: TestApp;
  let loader: DkpBulkLoader;
  let ledger: LedgerService;
  beforeAll(async () => {
    t = await startTestApp();
    loader = t.app.get(DkpBulkLoader);
    ledger = t.app.get(LedgerService);
  });
  afterAll(() => t.close());

  async function newOrg(): Promise<{ id: string; slug: string }> {
    const [org] = await t.db.query(
      "INSERT INTO orgs (slug, name, contexts) VALUES ($1, 'Bulk', '{dkp}') RETURNING id, slug",
      [unique('bulk')],
    );
    return org;
  }

  it('loads a guild whose balances equal the ledger and the expected summaries', async () => {
    const officer = await registerUser(t, 'gm');
    const org = await newOrg();
    const expected = [
      { userKey: 'a', poolKey: 'main', earned: '22.50', spent: '15.00', adjusted: '1.25', balance: '8.75' },
      { userKey: 'b', poolKey: 'main', earned: '10.00', spent: '0.00', adjusted: '-2.50', balance: '7.50' },
    ];
    const result = await loader.load(org.id, tinyGuild(officer.id, officer.username), { expected });
    expect(result).toMatchObject({
      membershipsCreated: 3,
      balancesChecked: 2,
      counts: { attendance: 3, loot: 1, adjustments: 2, ledger: 6 },
    });
    expect(await ledger.findMismatches(org.id)).toEqual([]);
    // Memberships come through the platform, so each one is announced.
    const joined = await t.db.query(
      "SELECT payload FROM outbox_events WHERE org_id = $1 AND type = 'platform.member.joined'",
      [org.id],
    );
    expect(joined.map((row: { payload: { tier: string } }) => row.payload.tier).sort()).toEqual([
      'member',
      'officer',
      'owner',
    ]);
    expect(joined[0].payload).toMatchObject({ via: 'context', reason: 'dkp.bulk-load' });

    // What the API shows: the leaderboard, a user's history (in event time) and the roster's main/alt link.
    const path = { org: org.slug };
    const {
      items: [pool],
    } = await unwrap(officer.api.GET('/api/v1/orgs/{org}/dkp/pools', { params: { path } }));
    const board = await unwrap(
      officer.api.GET('/api/v1/orgs/{org}/dkp/points/leaderboard/{poolId}', {
        params: { path: { ...path, poolId: pool.id } },
      }),
    );
    expect(board.items.map((i) => [i.mainCharacterName, i.balance])).toEqual([
      ['Tankalot', '8.75'],
      ['Healsalot', '7.50'],
    ]);
    const userA = result.ids.users.get('a')!;
    const history = await unwrap(
      officer.api.GET('/api/v1/orgs/{org}/dkp/points/users/{userId}/history', {
        params: { path: { ...path, userId: userA } },
      }),
    );
    expect(history.items.map((e) => [e.kind, e.amount, e.source])).toEqual([
      ['adjustment', '1.25', 'bulk-load'],
      ['loot', '-15.00', 'bulk-load'],
      ['attendance', '12.50', 'bulk-load'],
      ['attendance', '10.00', 'bulk-load'],
    ]);
    expect(new Date(history.items[3].createdAt).toISOString()).toBe('2025-01-01T02:00:00.000Z');
  });

  it('loads the generated demo guild and checks it against the replayed summaries', async () => {
    const org = await newOrg();
    const { guild, expected } = generateDemoGuild({ seed: 7, users: 40, now: new Date('2025-06-01T00:00:00Z') });
    // Users are global: fresh names so that runs on one database do not share them.
    for (const u of guild.users) {
      u.username = unique(u.username.slice(0, 20));
      u.discordId = null;
    }
    const result = await loader.load(org.id, guild, { expected });
    expect(result.balancesChecked).toBe(expected.length);
    expect(result.counts.raids).toBeGreaterThan(100);
    expect(await ledger.findMismatches(org.id)).toEqual([]);
    const [{ negative }] = await t.db.query(
      'SELECT count(*)::int AS negative FROM dkp_balances WHERE org_id = $1 AND balance < 0',
      [org.id],
    );
    expect(negative).toBe(0);
  });

  it('refuses, and rolls back, a load whose balances differ from the expected ones', async () => {
    const officer = await registerUser(t, 'gm');
    const org = await newOrg();
    const wrong = [
      { userKey: 'a', poolKey: 'main', earned: '22.50', spent: '15.00', adjusted: '1.25', balance: '8.75' },
      { userKey: 'b', poolKey: 'main', earned: '10.00', spent: '0.00', adjusted: '-2.50', balance: '7.49' },
    ];
    await expect(loader.load(org.id, tinyGuild(officer.id, officer.username), { expected: wrong })).rejects.toThrow(
      BalanceMismatchError,
    );
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM dkp_ledger WHERE org_id = $1', [org.id]);
    expect(n).toBe(0);
  });

  it('finds a balance row that no longer equals the ledger', async () => {
    const officer = await registerUser(t, 'gm');
    const org = await newOrg();
    const result = await loader.load(org.id, tinyGuild(officer.id, officer.username));
    const userB = result.ids.users.get('b')!;
    const poolId = result.ids.pools.get('main')!;
    await t.db.query(
      'UPDATE dkp_balances SET balance = balance + 1, earned = earned + 1 WHERE org_id = $1 AND user_id = $2',
      [org.id, userB],
    );
    try {
      expect(await ledger.findMismatches(org.id)).toEqual([
        { orgId: org.id, poolId, userId: userB, stored: '8.50', fromLedger: '7.50' },
      ]);
      // A missing row is a mismatch too.
      await t.db.query('DELETE FROM dkp_balances WHERE org_id = $1 AND user_id = $2', [org.id, userB]);
      expect(await ledger.findMismatches(org.id)).toEqual([
        { orgId: org.id, poolId, userId: userB, stored: null, fromLedger: '7.50' },
      ]);
    } finally {
      // Leave the shared test database consistent for `check:ledger`.
      await t.db.transaction((tx) => ledger.rebuildBalances(tx, org.id));
    }
    expect(await ledger.findMismatches(org.id)).toEqual([]);
  });
});
