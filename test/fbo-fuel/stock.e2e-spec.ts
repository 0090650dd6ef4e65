import { FuelStockService } from '../../src/contexts/fbo/fuel/stock/fuel-stock.service';
import { startAppWith } from '../support/app-with';
import { expectEachInvalid } from '../support/context-kit';
import { TestApp } from '../support/test-app';
import { createEquipment, createFuelOrg, createTank, eventTypes, FuelOrg } from './fuel-fixtures';

describe('fbo fuel stock (e2e)', () => {
  let t: TestApp;
  let f: FuelOrg;
  beforeAll(async () => ({ t, g: f } = await startAppWith(createFuelOrg)));
  afterAll(async () => {
    // Whatever the tests did, the stock rows equal the ledger.
    expect(await t.app.get(FuelStockService).findMismatches(f.org.id)).toEqual([]);
    await t.close();
  });

  const officer = () => f.org.at('officer');
  const member = () => f.org.at('member');
  const stockOf = async (holderId: string) =>
    (await f.ok(f.org.at('readonly'), 'GET', '/fuel/stock')).find((s: { holderId: string }) => s.holderId === holderId)
      ?.gallons;
  const receive = (tankId: string, gallons: string) =>
    f.ok(officer(), 'POST', '/fuel/receipts', { body: { tankId, gallons, reference: 'BOL-1' } });
  const movementCount = async (holderId: string) =>
    Number(
      (
        await t.db.query('SELECT count(*) FROM fbo_fuel_movements WHERE from_holder_id = $1 OR to_holder_id = $1', [
          holderId,
        ])
      )[0].count,
    );

  it('forbidden paths: readonly reads; officers receive and adjust; members transfer', async () => {
    const tank = await createTank(f);
    const truck = await createEquipment(t, f.org.id);
    for (const path of ['/fuel/stock', '/fuel/movements'])
      await f.forbidden('GET', path, 'readonly', ['fbo:read'], { allowed: true });
    await f.forbidden('GET', '/fuel/variance', 'readonly', ['fbo:read'], {
      query: { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' },
      allowed: true,
    });
    const writes: [string, unknown, 'officer' | 'member'][] = [
      ['/fuel/receipts', { tankId: tank.id, gallons: '100' }, 'officer'],
      ['/fuel/adjustments', { holderId: tank.id, measuredGallons: '100' }, 'officer'],
      ['/fuel/transfers', { fromTankId: tank.id, toTruckId: truck, gallons: '10' }, 'member'],
      ['/fuel/defuels', { truckId: truck, fuelType: 'jet_a', gallons: '10' }, 'member'],
    ];
    for (const [path, body, minTier] of writes) await f.forbidden('POST', path, minTier, ['fbo:write'], { body });
    expect(await movementCount(tank.id)).toBe(0);
    expect(await movementCount(truck)).toBe(0);
  });

  it('receives into a tank, announces it, and never past its capacity', async () => {
    const tank = await createTank(f);
    const received = await receive(tank.id, '5000.5');
    expect(received).toMatchObject({
      kind: 'receipt',
      fuelType: 'jet_a',
      fromHolderId: null,
      toHolderId: tank.id,
      gallons: '5000.50',
      reference: 'BOL-1',
      recordedById: officer().id,
    });
    expect(await stockOf(tank.id)).toBe('5000.50');
    expect(await eventTypes(t, tank.id, 'fbo.fuel.')).toEqual(['fbo.fuel.received']);
    const [event] = await t.db.query(
      `SELECT payload FROM outbox_events WHERE subject_id = $1 AND type = 'fbo.fuel.received'`,
      [tank.id],
    );
    expect(event.payload).toMatchObject({
      tankId: tank.id,
      tankNumber: tank.tankId,
      gallons: '5000.50',
      reference: 'BOL-1',
    });
    const full = await f.call(officer(), 'POST', '/fuel/receipts', { body: { tankId: tank.id, gallons: '5000' } });
    expect(full.status).toBe(409);
    expect(full.body).toMatchObject({ slug: 'fuel-capacity-exceeded', holderId: tank.id, room: '4999.50' });
    for (const body of [
      { tankId: tank.id, gallons: 10 },
      { tankId: tank.id, gallons: '-5' },
      { tankId: tank.id, gallons: '1.234' },
      { tankId: tank.id, gallons: '0' },
      { tankId: 'x', gallons: '1' },
    ])
      expect((await f.call(officer(), 'POST', '/fuel/receipts', { body })).status).toBe(400);
    expect(await movementCount(tank.id)).toBe(1);
  });

  it('replays a receipt sent again with the same Idempotency-Key', async () => {
    const tank = await createTank(f);
    const headers = { 'idempotency-key': `receipt-${tank.id}` };
    const body = { tankId: tank.id, gallons: '100' };
    const first = await f.call(officer(), 'POST', '/fuel/receipts', { body, headers });
    const again = await f.call(officer(), 'POST', '/fuel/receipts', { body, headers });
    expect(again.body).toEqual(first.body);
    expect(await stockOf(tank.id)).toBe('100.00');
  });

  it('transfers tank → truck; refuses overdrafts, non-trucks, other fuels and other orgs', async () => {
    const tank = await createTank(f);
    const truck = await createEquipment(t, f.org.id);
    await receive(tank.id, '1000');
    const moved = await f.ok(member(), 'POST', '/fuel/transfers', {
      body: { fromTankId: tank.id, toTruckId: truck, gallons: '400' },
    });
    expect(moved).toMatchObject({ kind: 'transfer', fromHolderId: tank.id, toHolderId: truck, gallons: '400.00' });
    expect([await stockOf(tank.id), await stockOf(truck)]).toEqual(['600.00', '400.00']);
    const over = await f.call(member(), 'POST', '/fuel/transfers', {
      body: { fromTankId: tank.id, toTruckId: truck, gallons: '600.01' },
    });
    expect(over.status).toBe(409);
    expect(over.body).toMatchObject({ slug: 'insufficient-fuel', holderId: tank.id, available: '600.00' });
    const tug = await createEquipment(t, f.org.id, 'tug', null);
    const notTruck = await f.call(member(), 'POST', '/fuel/transfers', {
      body: { fromTankId: tank.id, toTruckId: tug, gallons: '1' },
    });
    expect(notTruck.status).toBe(400);
    expect(notTruck.body.errors).toEqual([{ path: 'toTruckId', message: expect.any(String) }]);
    const avgas = await createTank(f, { fuelType: 'avgas_100ll' });
    await receive(avgas.id, '500');
    const mixed = await f.call(member(), 'POST', '/fuel/transfers', {
      body: { fromTankId: avgas.id, toTruckId: truck, gallons: '10' },
    });
    expect(mixed.status).toBe(409);
    expect(mixed.body).toMatchObject({ slug: 'fuel-type-mismatch', holderId: truck, holderFuelType: 'jet_a' });
    const theirTruck = await createEquipment(
      t,
      (await t.db.query('SELECT id FROM orgs WHERE slug = $1', [f.org.outsiderSlug]))[0].id,
    );
    expect(
      (
        await f.call(member(), 'POST', '/fuel/transfers', {
          body: { fromTankId: tank.id, toTruckId: theirTruck, gallons: '1' },
        })
      ).status,
    ).toBe(404);
    const theirTank = await createTank(f, {}, f.org.outsiderSlug, f.org.outsider);
    expect(
      (
        await f.call(member(), 'POST', '/fuel/transfers', {
          body: { fromTankId: theirTank.id, toTruckId: truck, gallons: '1' },
        })
      ).status,
    ).toBe(404);
    expect([await stockOf(tank.id), await stockOf(truck)]).toEqual(['600.00', '400.00']);
  });

  it('an empty truck takes another fuel; defuels go into a truck', async () => {
    const truck = await createEquipment(t, f.org.id, 'fuel_truck', '1000');
    const defuel = await f.ok(member(), 'POST', '/fuel/defuels', {
      body: { truckId: truck, fuelType: 'avgas_100ll', gallons: '30', reference: 'N123AB' },
    });
    expect(defuel).toMatchObject({ kind: 'defuel', fuelType: 'avgas_100ll', toHolderId: truck, gallons: '30.00' });
    const jet = await f.call(member(), 'POST', '/fuel/defuels', {
      body: { truckId: truck, fuelType: 'jet_a', gallons: '5' },
    });
    expect(jet.body.slug).toBe('fuel-type-mismatch');
    await f.ok(officer(), 'POST', '/fuel/adjustments', { body: { holderId: truck, measuredGallons: '0' } });
    expect(await stockOf(truck)).toBe('0.00');
    await f.ok(member(), 'POST', '/fuel/defuels', { body: { truckId: truck, fuelType: 'jet_a', gallons: '5' } });
    const rows = await f.ok(f.org.at('readonly'), 'GET', '/fuel/stock', { query: { holderKind: 'truck' } });
    expect(rows.find((s: { holderId: string }) => s.holderId === truck)).toMatchObject({
      fuelType: 'jet_a',
      gallons: '5.00',
    });
  });

  it('books stick readings as variances and sums them per holder', async () => {
    const tank = await createTank(f);
    const truck = await createEquipment(t, f.org.id);
    const from = new Date(Date.now() - 60_000).toISOString();
    await receive(tank.id, '4000');
    const loss = await f.ok(officer(), 'POST', '/fuel/adjustments', {
      body: { holderId: tank.id, levelInches: '39.5', note: 'Morning stick' },
    });
    expect(loss).toMatchObject({ bookGallons: '4000.00', measuredGallons: '3950.00', varianceGallons: '-50.00' });
    expect(loss.movement).toMatchObject({
      kind: 'adjustment',
      fromHolderId: tank.id,
      gallons: '50.00',
      varianceGallons: '-50.00',
    });
    const gain = await f.ok(officer(), 'POST', '/fuel/adjustments', {
      body: { holderId: tank.id, levelInches: '39.55' },
    });
    expect(gain).toMatchObject({ varianceGallons: '5.00', movement: { toHolderId: tank.id, gallons: '5.00' } });
    const same = await f.ok(officer(), 'POST', '/fuel/adjustments', {
      body: { holderId: tank.id, measuredGallons: '3955' },
    });
    expect(same).toMatchObject({ varianceGallons: '0.00', movement: null });
    await expectEachInvalid(
      [
        [{ holderId: tank.id, levelInches: '1', measuredGallons: '1' }, 'levelInches'],
        [{ holderId: tank.id }, 'measuredGallons'],
        [{ holderId: tank.id, levelInches: '120' }, 'levelInches'],
        [{ holderId: truck, levelInches: '10' }, 'levelInches'],
      ] as [unknown, string][],
      (body) => f.call(officer(), 'POST', '/fuel/adjustments', { body }),
    );
    const variance = await f.ok(f.org.at('readonly'), 'GET', '/fuel/variance', {
      query: { from, to: new Date(Date.now() + 60_000).toISOString() },
    });
    expect(variance.holders.find((h: { holderId: string }) => h.holderId === tank.id)).toEqual({
      holderId: tank.id,
      holderKind: 'tank',
      fuelType: 'jet_a',
      adjustments: 2,
      gainGallons: '5.00',
      lossGallons: '50.00',
      varianceGallons: '-45.00',
    });
    expect((await f.call(member(), 'GET', '/fuel/variance', { query: { from, to: from } })).status).toBe(400);
    expect((await f.call(member(), 'GET', '/fuel/variance', { query: { from } })).status).toBe(400);
    const history = await f.ok(member(), 'GET', '/fuel/movements', {
      query: { holderId: tank.id, kind: 'adjustment' },
    });
    expect(history.items.map((m: { varianceGallons: string }) => m.varianceGallons)).toEqual(['5.00', '-50.00']);
    expect((await f.call(officer(), 'DELETE', `/tanks/${tank.id}`)).body.slug).toBe('tank-has-records');
  });

  it('20 parallel transfers from one tank never overdraw it', async () => {
    const tank = await createTank(f);
    const truck = await createEquipment(t, f.org.id);
    await receive(tank.id, '1000');
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        f.call(member(), 'POST', '/fuel/transfers', {
          body: { fromTankId: tank.id, toTruckId: truck, gallons: '100' },
        }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(10);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.slug === 'insufficient-fuel')).toBe(true);
    expect([await stockOf(tank.id), await stockOf(truck)]).toEqual(['0.00', '1000.00']);
  });

  it('the check finds a stock row that differs from the ledger', async () => {
    const tank = await createTank(f);
    await receive(tank.id, '250');
    const check = t.app.get(FuelStockService);
    expect(await check.findMismatches(f.org.id)).toEqual([]);
    await t.db.query('UPDATE fbo_fuel_stock SET gallons = 249 WHERE holder_id = $1', [tank.id]);
    expect(await check.findMismatches(f.org.id)).toEqual([
      { orgId: f.org.id, holderId: tank.id, stored: '249.00', fromLedger: '250.00' },
    ]);
    await t.db.query('UPDATE fbo_fuel_stock SET gallons = 250 WHERE holder_id = $1', [tank.id]);
  });
});
