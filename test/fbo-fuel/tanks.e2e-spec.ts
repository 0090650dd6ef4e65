import { FuelInspectionsService } from '../../src/contexts/fbo/fuel/inspections/inspections.service';
import { startAppWith } from '../support/app-with';
import { expectEachInvalid } from '../support/context-kit';
import { TestApp } from '../support/test-app';
import { createFuelOrg, createTank, eventTypes, FuelOrg, tankBody } from './fuel-fixtures';

describe('fbo fuel tanks, readings and inspections (e2e)', () => {
  let t: TestApp;
  let f: FuelOrg;
  beforeAll(async () => ({ t, g: f } = await startAppWith(createFuelOrg)));
  afterAll(() => t.close());

  const officer = () => f.org.at('officer');
  const member = () => f.org.at('member');
  const countTanks = async (tankId: string) =>
    Number((await t.db.query('SELECT count(*) FROM fbo_fuel_tanks WHERE tank_id = $1', [tankId]))[0].count);

  describe('tanks', () => {
    it('forbidden paths: reads from readonly, writes by officers', async () => {
      const tank = await createTank(f);
      await f.forbidden('GET', '/tanks', 'readonly', ['fbo:read'], { allowed: true });
      const body = tankBody();
      await f.forbidden('POST', '/tanks', 'officer', ['fbo:write'], { body });
      await f.forbidden('PATCH', `/tanks/${tank.id}`, 'officer', ['fbo:write'], { body: { name: 'x' } });
      await f.forbidden('DELETE', `/tanks/${tank.id}`, 'officer', ['fbo:write']);
      expect(await countTanks(body.tankId)).toBe(0);
    });

    it('creates, reads, updates and deletes a tank; a taken tankId is a 409 naming the field', async () => {
      const body = tankBody({ capacityGallons: '10000.5' });
      const created = await f.ok(officer(), 'POST', '/tanks', { body });
      expect(created).toMatchObject({
        tankId: body.tankId,
        capacityGallons: '10000.50',
        calibrationTable: [
          { inches: '0.00', gallons: '0.00' },
          { inches: '50.00', gallons: '5000.00' },
          { inches: '100.00', gallons: '10000.00' },
        ],
        latestReading: null,
        status: null,
        usableGallons: null,
        inspectionDue: false,
      });
      expect(await f.ok(f.org.at('readonly'), 'GET', `/tanks/${created.id}`)).toEqual(created);
      const dup = await f.call(officer(), 'POST', '/tanks', { body: tankBody({ tankId: body.tankId }) });
      expect(dup.status).toBe(409);
      expect(dup.body).toMatchObject({ slug: 'tank-id-taken', field: 'tankId' });
      const updated = await f.ok(officer(), 'PATCH', `/tanks/${created.id}`, {
        body: { name: 'Renamed', lowLevelGallons: '2500' },
      });
      expect(updated).toMatchObject({ name: 'Renamed', lowLevelGallons: '2500.00' });
      expect((await f.call(officer(), 'DELETE', `/tanks/${created.id}`)).status).toBe(204);
      expect((await f.call(officer(), 'GET', `/tanks/${created.id}`)).status).toBe(404);
    });

    it('refuses a calibration table that does not rise, with the field path, writing nothing', async () => {
      const body = tankBody({
        calibrationTable: [
          { inches: '0', gallons: '0' },
          { inches: '50', gallons: '5000' },
          { inches: '60', gallons: '4000' },
          { inches: '100', gallons: '10000' },
        ],
      });
      const res = await f.call(officer(), 'POST', '/tanks', { body });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ path: 'calibrationTable.2.gallons', message: expect.any(String) }]);
      expect(await countTanks(body.tankId)).toBe(0);
    });

    it('refuses malformed and inconsistent input (400 with paths)', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ fuelType: 'diesel' }, 'fuelType'],
        [{ capacityGallons: 10000 }, 'capacityGallons'],
        [{ tankId: 'bad id!' }, 'tankId'],
        [
          {
            calibrationTable: [
              { inches: '0', gallons: '0' },
              { inches: 'x', gallons: '1' },
            ],
          },
          'calibrationTable.1.inches',
        ],
        [{ criticalLevelGallons: '3500' }, 'lowLevelGallons'],
        [{ usableMaxInches: '101' }, 'usableMaxInches'],
        [{ maxLevelInches: '120', usableMaxInches: '95' }, 'maxLevelInches'],
      ];
      await expectEachInvalid(cases, (patch) => f.call(officer(), 'POST', '/tanks', { body: tankBody(patch) }));
      const res = await f.call(officer(), 'POST', '/tanks', { body: { ...tankBody(), extra: 1 } });
      expect(res.status).toBe(400);
    });

    it("another org's tank is a 404 for every route", async () => {
      const other = await f.ok(f.org.outsider, 'POST', '/tanks', { body: tankBody(), slug: f.org.outsiderSlug });
      await f.expectNotFound(f.org.owner, [
        ['GET', `/tanks/${other.id}`],
        ['PATCH', `/tanks/${other.id}`, { name: 'x' }],
        ['DELETE', `/tanks/${other.id}`],
        ['GET', `/tanks/${other.id}/readings`],
        ['POST', `/tanks/${other.id}/readings`, { levelInches: '10' }],
        ['GET', `/tanks/${other.id}/inspections`],
        ['POST', `/tanks/${other.id}/inspections`, { checklist: [{ item: 'Sump', result: 'pass' }] }],
      ]);
      const batch = await f.call(f.org.owner, 'POST', '/tank-readings/batch', {
        body: { readings: [{ tankId: other.tankId, levelInches: '10', recordedAt: new Date().toISOString() }] },
      });
      expect(batch.status).toBe(400);
      expect(batch.body.errors).toEqual([{ path: 'readings.0.tankId', message: expect.any(String) }]);
      expect(await t.db.query('SELECT 1 FROM fbo_fuel_tank_readings WHERE fuel_tank_id = $1', [other.id])).toEqual([]);
    });

    it('lists by tank number with filters, keyset-paged', async () => {
      const jet = await createTank(f, { tankId: `A${Date.now()}` });
      const avgas = await createTank(f, { tankId: `B${Date.now()}`, fuelType: 'avgas_100ll' });
      const page1 = await f.ok(f.org.at('readonly'), 'GET', '/tanks', { query: { limit: 1 } });
      expect(page1.items).toHaveLength(1);
      expect(page1.nextCursor).toEqual(expect.any(String));
      const page2 = await f.ok(f.org.at('readonly'), 'GET', '/tanks', {
        query: { limit: 1, cursor: page1.nextCursor },
      });
      expect(page2.items[0].tankId > page1.items[0].tankId).toBe(true);
      const avgasOnly = await f.ok(member(), 'GET', '/tanks', { query: { fuelType: 'avgas_100ll', limit: 200 } });
      expect(avgasOnly.items.map((x: { id: string }) => x.id)).toContain(avgas.id);
      expect(avgasOnly.items.map((x: { id: string }) => x.id)).not.toContain(jet.id);
      for (const query of [{ fuelType: 'x' }, { status: 'x' }, { inspectionDue: 'maybe' }, { cursor: 'garbage' }])
        expect((await f.call(member(), 'GET', '/tanks', { query })).status).toBe(400);
    });
  });

  describe('readings', () => {
    it('forbidden paths: members record, readonly reads', async () => {
      const tank = await createTank(f);
      await f.forbidden('GET', `/tanks/${tank.id}/readings`, 'readonly', ['fbo:read'], { allowed: true });
      await f.forbidden('POST', `/tanks/${tank.id}/readings`, 'member', ['fbo:write'], { body: { levelInches: '10' } });
      expect(await t.db.query('SELECT 1 FROM fbo_fuel_tank_readings WHERE fuel_tank_id = $1', [tank.id])).toEqual([]);
    });

    it('converts the level with the calibration table and shows it on the tank', async () => {
      const tank = await createTank(f);
      const reading = await f.ok(member(), 'POST', `/tanks/${tank.id}/readings`, {
        body: { levelInches: '42.5', waterDetected: true, recordedAt: '2026-01-01T06:00:00Z' },
      });
      expect(reading).toMatchObject({
        fuelTankId: tank.id,
        levelInches: '42.50',
        gallons: '4250.00',
        waterDetected: true,
        source: 'manual',
        recordedBy: member().id,
      });
      const detail = await f.ok(member(), 'GET', `/tanks/${tank.id}`);
      expect(detail).toMatchObject({
        latestReading: {
          levelInches: '42.50',
          gallons: '4250.00',
          waterDetected: true,
          recordedAt: '2026-01-01T06:00:00.000Z',
        },
        usableGallons: '3750.00',
        status: 'ok',
      });
      const again = await f.call(member(), 'POST', `/tanks/${tank.id}/readings`, {
        body: { levelInches: '40', recordedAt: '2026-01-01T06:00:00Z' },
      });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ slug: 'reading-exists', field: 'recordedAt' });
    });

    it('refuses a level outside the calibration table and bad input, storing nothing', async () => {
      const tank = await createTank(f);
      for (const body of [
        { levelInches: '100.01' },
        { levelInches: '-1' },
        { levelInches: 12 },
        { levelInches: '1', recordedAt: 'x' },
      ]) {
        const res = await f.call(member(), 'POST', `/tanks/${tank.id}/readings`, { body });
        expect({ body, status: res.status }).toEqual({ body, status: 400 });
      }
      const out = await f.call(member(), 'POST', `/tanks/${tank.id}/readings`, { body: { levelInches: '100.01' } });
      expect(out.body.errors).toEqual([{ path: 'levelInches', message: expect.stringContaining('0.00 to 100.00') }]);
      expect(await t.db.query('SELECT 1 FROM fbo_fuel_tank_readings WHERE fuel_tank_id = $1', [tank.id])).toEqual([]);
      expect((await f.call(member(), 'GET', `/tanks/not-a-uuid/readings`)).status).toBe(400);
      expect((await f.call(member(), 'GET', `/tanks/${tank.id}/readings`, { query: { days: 0 } })).status).toBe(400);
    });

    it('lists the readings of the last days, newest first', async () => {
      const tank = await createTank(f);
      const now = Date.now();
      for (const daysAgo of [1, 3, 10])
        await f.ok(member(), 'POST', `/tanks/${tank.id}/readings`, {
          body: { levelInches: String(80 - daysAgo), recordedAt: new Date(now - daysAgo * 86_400_000).toISOString() },
        });
      const week = await f.ok(f.org.at('readonly'), 'GET', `/tanks/${tank.id}/readings`);
      expect(week.items.map((r: { levelInches: string }) => r.levelInches)).toEqual(['79.00', '77.00']);
      const month = await f.ok(f.org.at('readonly'), 'GET', `/tanks/${tank.id}/readings`, {
        query: { days: 30, limit: 2 },
      });
      expect(month.items).toHaveLength(2);
      const rest = await f.ok(f.org.at('readonly'), 'GET', `/tanks/${tank.id}/readings`, {
        query: { days: 30, limit: 2, cursor: month.nextCursor },
      });
      expect(rest.items.map((r: { levelInches: string }) => r.levelInches)).toEqual(['70.00']);
      // The tank shows the newest reading, whatever order they were sent in.
      expect((await f.ok(member(), 'GET', `/tanks/${tank.id}`)).latestReading.levelInches).toBe('79.00');
    });

    it('announces each fall below the low and critical levels once; rising back re-arms it', async () => {
      const tank = await createTank(f);
      const levels = ['50', '29', '25', '9', '8', '40', '20'];
      let minute = 0;
      for (const levelInches of levels)
        await f.ok(member(), 'POST', `/tanks/${tank.id}/readings`, {
          body: { levelInches, recordedAt: new Date(Date.UTC(2026, 0, 2, 6, minute++)).toISOString() },
        });
      expect(await eventTypes(t, tank.id, 'fbo.tank.')).toEqual(['fbo.tank.low', 'fbo.tank.critical', 'fbo.tank.low']);
      expect(await f.ok(member(), 'GET', `/tanks/${tank.id}`)).toMatchObject({ status: 'low' });
      const low = await f.ok(member(), 'GET', '/tanks', { query: { status: 'low', limit: 200 } });
      expect(low.items.map((x: { id: string }) => x.id)).toContain(tank.id);
      // A late reading (older than the latest) is history only: no alert, no status change.
      await f.ok(member(), 'POST', `/tanks/${tank.id}/readings`, {
        body: { levelInches: '1', recordedAt: '2025-12-01T00:00:00Z' },
      });
      expect(await eventTypes(t, tank.id, 'fbo.tank.')).toHaveLength(3);
      const [event] = await t.db.query(
        `SELECT payload FROM outbox_events WHERE subject_id = $1 AND type = 'fbo.tank.critical'`,
        [tank.id],
      );
      expect(event.payload).toMatchObject({ tankId: tank.id, tankNumber: tank.tankId, gallons: '900.00' });
    });
  });

  describe('gauge batch', () => {
    it('only a member or a bot key with fbo:gauge posts batches', async () => {
      const tank = await createTank(f);
      const body = { readings: [{ tankId: tank.tankId, levelInches: '10', recordedAt: new Date().toISOString() }] };
      await f.forbidden('POST', '/tank-readings/batch', 'member', ['fbo:gauge'], { body });
      const writer = await f.org.botKeyWith(['fbo:write', 'fbo:read']);
      expect((await f.call({ apiKey: writer.key }, 'POST', '/tank-readings/batch', { body })).status).toBe(403);
      // ...and a gauge key cannot do anything else.
      const gauge = await f.org.botKeyWith(['fbo:gauge']);
      expect((await f.call({ apiKey: gauge.key }, 'GET', '/tanks')).status).toBe(403);
      expect(
        (await f.call({ apiKey: gauge.key }, 'POST', `/tanks/${tank.id}/readings`, { body: { levelInches: '1' } }))
          .status,
      ).toBe(403);
    });

    it('stores a batch once: an Idempotency-Key replays, a re-sent reading is a duplicate', async () => {
      const [a, b] = [await createTank(f), await createTank(f)];
      const gauge = await f.org.botKeyWith(['fbo:gauge']);
      const at = '2026-02-01T06:00:00.000Z';
      const body = {
        readings: [
          { tankId: a.tankId, levelInches: '20', recordedAt: at },
          { tankId: b.tankId, levelInches: '60.5', recordedAt: at, waterDetected: true },
        ],
      };
      const headers = { 'idempotency-key': `gauge-${a.id}` };
      const first = await f.call({ apiKey: gauge.key }, 'POST', '/tank-readings/batch', { body, headers });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ stored: 2, duplicates: 0 });
      expect(first.body.readings.map((r: { gallons: string }) => r.gallons).sort()).toEqual(['2000.00', '6050.00']);
      expect(first.body.readings[0]).toMatchObject({ source: 'gauge', recordedBy: null });
      const replay = await f.call({ apiKey: gauge.key }, 'POST', '/tank-readings/batch', { body, headers });
      expect(replay.body).toEqual(first.body);
      const resent = await f.ok({ apiKey: gauge.key }, 'POST', '/tank-readings/batch', {
        body: { readings: [...body.readings, body.readings[0]] },
      });
      expect(resent).toMatchObject({ stored: 0, duplicates: 3, readings: [] });
      const rows = await t.db.query('SELECT count(*) FROM fbo_fuel_tank_readings WHERE fuel_tank_id = ANY($1)', [
        [a.id, b.id],
      ]);
      expect(Number(rows[0].count)).toBe(2);
      expect(await eventTypes(t, a.id, 'fbo.tank.')).toEqual(['fbo.tank.low']);
    });

    it('refuses the whole batch when one reading is bad, naming it', async () => {
      const tank = await createTank(f);
      const at = new Date().toISOString();
      const res = await f.call(member(), 'POST', '/tank-readings/batch', {
        body: {
          readings: [
            { tankId: tank.tankId, levelInches: '10', recordedAt: at },
            { tankId: tank.tankId, levelInches: '500', recordedAt: '2026-01-01T00:00:00Z' },
          ],
        },
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ path: 'readings.1.levelInches', message: expect.any(String) }]);
      const missingTime = await f.call(member(), 'POST', '/tank-readings/batch', {
        body: { readings: [{ tankId: tank.tankId, levelInches: '10' }] },
      });
      expect(missingTime.status).toBe(400);
      expect(missingTime.body.errors.map((e: { path: string }) => e.path)).toContain('readings.0.recordedAt');
      expect((await f.call(member(), 'POST', '/tank-readings/batch', { body: { readings: [] } })).status).toBe(400);
      expect(await t.db.query('SELECT 1 FROM fbo_fuel_tank_readings WHERE fuel_tank_id = $1', [tank.id])).toEqual([]);
    });
  });

  describe('inspections', () => {
    const checklist = [
      { item: 'Bonding cable intact', result: 'pass' },
      { item: 'Sump drained, no water', result: 'fail', findings: 'Water in sump' },
    ];

    it('forbidden paths', async () => {
      const tank = await createTank(f);
      await f.forbidden('GET', `/tanks/${tank.id}/inspections`, 'readonly', ['fbo:read'], { allowed: true });
      await f.forbidden('POST', `/tanks/${tank.id}/inspections`, 'member', ['fbo:write'], { body: { checklist } });
    });

    it('records a checklist (any failed item fails it) and clears the tank from the due list', async () => {
      const tank = await createTank(f);
      await t.db.query(`UPDATE fbo_fuel_tanks SET created_at = now() - interval '4 months' WHERE id = $1`, [tank.id]);
      const dueIds = async () =>
        (await f.ok(member(), 'GET', '/tanks', { query: { inspectionDue: true, limit: 200 } })).items.map(
          (x: { id: string }) => x.id,
        );
      expect(await dueIds()).toContain(tank.id);
      const inspection = await f.ok(member(), 'POST', `/tanks/${tank.id}/inspections`, {
        body: { checklist, findings: 'Drained' },
      });
      expect(inspection).toMatchObject({
        fuelTankId: tank.id,
        result: 'fail',
        inspectorId: member().id,
        checklist: [
          { item: 'Bonding cable intact', result: 'pass', findings: '' },
          { item: 'Sump drained, no water', result: 'fail', findings: 'Water in sump' },
        ],
      });
      expect(await dueIds()).not.toContain(tank.id);
      expect((await f.ok(member(), 'GET', `/tanks/${tank.id}`)).inspectionDue).toBe(false);
      const list = await f.ok(f.org.at('readonly'), 'GET', `/tanks/${tank.id}/inspections`);
      expect(list.items.map((i: { id: string }) => i.id)).toEqual([inspection.id]);
    });

    it('refuses bad input and an inspector who is not a member', async () => {
      const tank = await createTank(f);
      await expectEachInvalid(
        [
          [{ checklist: [] }, 'checklist'],
          [{ checklist: [{ item: 'x', result: 'maybe' }] }, 'checklist.0.result'],
          [{ checklist, inspectorId: f.org.outsider.id }, 'inspectorId'],
        ] as [unknown, string][],
        (body) => f.call(member(), 'POST', `/tanks/${tank.id}/inspections`, { body }),
      );
      const bot = await f.org.botKeyWith(['fbo:write']);
      const res = await f.call({ apiKey: bot.key }, 'POST', `/tanks/${tank.id}/inspections`, { body: { checklist } });
      expect(res.body.errors).toEqual([{ path: 'inspectorId', message: expect.any(String) }]);
      expect(await t.db.query('SELECT 1 FROM fbo_fuel_inspections WHERE fuel_tank_id = $1', [tank.id])).toEqual([]);
    });

    it('the daily job announces a tank overdue once per lapse', async () => {
      const tank = await createTank(f);
      await t.db.query(`UPDATE fbo_fuel_tanks SET created_at = now() - interval '4 months' WHERE id = $1`, [tank.id]);
      const jobs = t.app.get(FuelInspectionsService);
      expect(await jobs.flagOverdue(new Date())).toBeGreaterThanOrEqual(1);
      await jobs.flagOverdue(new Date());
      expect(await eventTypes(t, tank.id, 'fbo.inspection.')).toEqual(['fbo.inspection.overdue']);
      await f.ok(member(), 'POST', `/tanks/${tank.id}/inspections`, {
        body: { checklist, inspectedAt: new Date(Date.now() - 100 * 86_400_000).toISOString() },
      });
      await jobs.flagOverdue(new Date());
      expect(await eventTypes(t, tank.id, 'fbo.inspection.')).toEqual([
        'fbo.inspection.overdue',
        'fbo.inspection.overdue',
      ]);
      const hasRecords = await f.call(officer(), 'DELETE', `/tanks/${tank.id}`);
      expect(hasRecords.status).toBe(409);
      expect(hasRecords.body.slug).toBe('tank-has-records');
    });
  });
});
