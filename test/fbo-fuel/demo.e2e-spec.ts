import { seedFuelDemo } from '../../src/contexts/fbo/fuel/demo/fuel-demo-seeder';
import { FuelStockService } from '../../src/contexts/fbo/fuel/stock/fuel-stock.service';
import { demoOrgOf } from '../support/context-kit';
import { startTestApp, TestApp } from '../support/test-app';
import { createFuelOrg, FuelOrg } from './fuel-fixtures';

describe('fbo fuel demo seeder (e2e)', () => {
  let t: TestApp;
  let f: FuelOrg;
  beforeAll(async () => {
    t = await startTestApp();
    f = await createFuelOrg(t);
    await seedFuelDemo(t.app, demoOrgOf(f.org, 'Demo', { trainer: f.trainer }));
  });
  afterAll(() => t.close());

  it('seeds 7 tanks (Jet A and 100LL) with 30 days of readings and stock, one of them low', async () => {
    const tanks = await f.ok(f.org.at('readonly'), 'GET', '/tanks');
    expect(tanks.items).toHaveLength(7);
    expect([...new Set(tanks.items.map((x: { fuelType: string }) => x.fuelType))].sort()).toEqual([
      'avgas_100ll',
      'jet_a',
    ]);
    expect(
      tanks.items.filter((x: { status: string }) => x.status !== 'ok').map((x: { tankId: string }) => x.tankId),
    ).toEqual(['LL-2']);
    const readings = await f.ok(f.org.at('readonly'), 'GET', `/tanks/${tanks.items[0].id}/readings`, {
      query: { limit: 200, days: 31 },
    });
    // 30 days of readings, two a day.
    expect(readings.items).toHaveLength(60);
    const times = readings.items.map((r: { recordedAt: string }) => Date.parse(r.recordedAt));
    expect((Math.max(...times) - Math.min(...times)) / 86_400_000).toBeGreaterThanOrEqual(29);
    const stock = await f.ok(f.org.at('readonly'), 'GET', '/fuel/stock');
    expect(stock).toHaveLength(7);
    expect(await t.app.get(FuelStockService).findMismatches(f.org.id)).toEqual([]);
  });

  it('seeds 12 fuelers: one expired certification, two expiring within the month', async () => {
    const fuelers = await f.ok(f.org.at('readonly'), 'GET', '/fuelers', { query: { limit: 200 } });
    expect(fuelers.items).toHaveLength(12);
    const count = async (status: string) =>
      (await f.ok(f.org.at('readonly'), 'GET', '/certifications', { query: { status, days: 30, limit: 200 } })).items
        .length;
    expect(await count('expired')).toBe(1);
    expect(await count('expiring_soon')).toBe(2);
    expect(await count('valid')).toBe(22);
    const compliance = await f.ok(f.org.at('readonly'), 'GET', '/compliance', { query: { limit: 200, days: 30 } });
    expect(compliance.items).toHaveLength(12);
    const failing = compliance.items.filter((c: { compliant: boolean }) => !c.compliant);
    expect(failing).toHaveLength(1);
    expect(failing[0].courses.map((c: { standing: string }) => c.standing).sort()).toEqual(['expired', 'valid']);
    expect(
      compliance.items.filter((c: { courses: { standing: string }[] }) =>
        c.courses.some((k) => k.standing === 'expiring_soon'),
      ),
    ).toHaveLength(2);
    const mine = await f.ok(f.org.at('member'), 'GET', '/fuelers/me');
    expect(mine.certifications).toHaveLength(2);
  });
});
