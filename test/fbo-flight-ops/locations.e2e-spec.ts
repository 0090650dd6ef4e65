import { startAppWith } from '../support/app-with';
import { expectEachInvalid } from '../support/context-kit';
import { TestApp } from '../support/test-app';
import { createFboOrg, FboOrg, withAirports } from './fbo-kit';

const square = [
  [-114.09, 46.91],
  [-114.08, 46.91],
  [-114.08, 46.92],
  [-114.09, 46.92],
  [-114.09, 46.91],
];

describe('fbo settings and parking locations (e2e)', () => {
  let t: TestApp;
  let f: FboOrg;
  beforeAll(async () => ({ t, g: f } = await startAppWith(createFboOrg)));
  afterAll(() => t.close());

  describe('settings', () => {
    it('reads the defaults before any write, as readonly', async () => {
      const s = await f.ok(f.org.at('readonly'), 'GET', '/settings');
      expect(s).toMatchObject({
        airports: [],
        timeZone: 'UTC',
        fuelDensities: { jet_a: '6.700', avgas_100ll: '6.000' },
        tags: [],
      });
    });

    it('admin changes airports, zone, densities and tags; fields left out stay', async () => {
      const s = await f.ok(f.org.at('admin'), 'PATCH', '/settings', {
        body: { airports: ['KMSO', 'KGPI'], timeZone: 'America/Denver', fuelDensities: { jet_a: '6.75' } },
      });
      expect(s).toMatchObject({
        airports: ['KMSO', 'KGPI'],
        timeZone: 'America/Denver',
        fuelDensities: { jet_a: '6.750', avgas_100ll: '6.000' },
      });
      expect((await f.ok(f.org.at('readonly'), 'GET', '/settings')).airports).toEqual(['KMSO', 'KGPI']);
    });

    it('refuses a zone, code, density or tag that is not one, naming the field, and writes nothing', async () => {
      const before = await f.ok(f.org.owner, 'GET', '/settings');
      await expectEachInvalid(
        [
          [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
          [{ timeZone: '+05:00' }, 'timeZone'],
          [{ airports: ['kmso'] }, 'airports'],
          [{ fuelDensities: { avgas_100ll: 6 } }, 'fuelDensities.avgas_100ll'],
          [{ fuelDensities: { jet_a: '6.7001' } }, 'fuelDensities.jet_a'],
          [{ tags: ['Not A Tag'] }, 'tags'],
          [{ colour: 'red' }, 'colour'],
        ] as const,
        (body) => f.call(f.org.owner, 'PATCH', '/settings', { body }),
      );
      expect(await f.ok(f.org.owner, 'GET', '/settings')).toEqual(before);
    });

    it('refuses callers below their policies', async () => {
      await f.forbidden('GET', '/settings', 'readonly', ['fbo:read'], { allowed: true });
      await f.forbidden('PATCH', '/settings', 'admin', ['fbo:admin'], { body: { timeZone: 'UTC' } });
    });
  });

  describe('parking locations', () => {
    beforeAll(() => withAirports(f, ['KMSO', 'KGPI']));

    const create = (body: Record<string, unknown>) =>
      f.call(f.org.at('officer'), 'POST', '/parking-locations', { body: { airport: 'KMSO', ...body } });

    it('officer creates a spot with coordinates and a polygon; readers read it', async () => {
      const res = await create({
        locationCode: 'A-1',
        description: 'North ramp',
        terminal: 'Main',
        gate: '3',
        latitude: '46.9163',
        longitude: '-114.0906',
        polygon: { type: 'Polygon', coordinates: [square] },
        displayOrder: 1,
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        locationCode: 'A-1',
        airport: 'KMSO',
        latitude: '46.916300',
        longitude: '-114.090600',
        polygon: { type: 'Polygon', coordinates: [square] },
        active: true,
      });
      expect(await f.ok(f.org.at('readonly'), 'GET', `/parking-locations/${res.body.id}`)).toEqual(res.body);
    });

    it('a code is unique per airport (409 naming locationCode), but may repeat at another airport', async () => {
      expect((await create({ locationCode: 'DUP-1' })).status).toBe(201);
      const dup = await create({ locationCode: 'DUP-1' });
      expect(dup.status).toBe(409);
      expect(dup.body).toMatchObject({ slug: 'fbo-location-code-taken', field: 'locationCode' });
      expect((await create({ locationCode: 'DUP-1', airport: 'KGPI' })).status).toBe(201);
    });

    it('refuses bad input with field paths and writes nothing', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ locationCode: 'a-1' }, 'locationCode'],
        [{ locationCode: 'B-1', airport: 'KSEA' }, 'airport'],
        [{ locationCode: 'B-1', latitude: '91' }, 'latitude'],
        [{ locationCode: 'B-1', longitude: '-180.5' }, 'longitude'],
        [{ locationCode: 'B-1', latitude: 46.9 }, 'latitude'],
        [
          { locationCode: 'B-1', polygon: { type: 'Polygon', coordinates: [square.slice(0, 4)] } },
          'polygon.coordinates.0',
        ],
        [{ locationCode: 'B-1', polygon: { type: 'Point', coordinates: [square] } }, 'polygon.type'],
        [{ locationCode: 'B-1', polygon: 'square' }, 'polygon'],
      ];
      await expectEachInvalid(cases, (body) => create(body));
      const list = await f.ok(f.org.owner, 'GET', '/parking-locations', { query: { limit: 200 } });
      expect(list.items.map((p: { locationCode: string }) => p.locationCode)).not.toContain('B-1');
    });

    it('lists by airport and display order with keyset pages, filtered by airport and active', async () => {
      for (const [code, order] of [
        ['L-3', 3],
        ['L-1', 1],
        ['L-2', 2],
      ] as const)
        await f.ok(f.org.at('officer'), 'POST', '/parking-locations', {
          body: { airport: 'KGPI', locationCode: code, displayOrder: order },
        });
      const codes: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await f.ok(f.org.at('readonly'), 'GET', '/parking-locations', {
          query: { airport: 'KGPI', limit: 2, cursor },
        });
        codes.push(...page.items.map((p: { locationCode: string }) => p.locationCode));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(codes).toEqual(['DUP-1', 'L-1', 'L-2', 'L-3']);
      expect((await f.call(f.org.owner, 'GET', '/parking-locations', { query: { cursor: 'nope' } })).status).toBe(400);
      expect((await f.call(f.org.owner, 'GET', '/parking-locations', { query: { active: 'maybe' } })).status).toBe(400);
    });

    it('DELETE deactivates; PATCH brings it back; a PATCH to a taken code is 409', async () => {
      const spot = (await create({ locationCode: 'D-1' })).body;
      const del = await f.call(f.org.at('officer'), 'DELETE', `/parking-locations/${spot.id}`);
      expect(del.status).toBe(204);
      const inactive = await f.ok(f.org.owner, 'GET', '/parking-locations', {
        query: { airport: 'KMSO', active: false },
      });
      expect(inactive.items.map((p: { id: string }) => p.id)).toEqual([spot.id]);
      const back = await f.ok(f.org.at('officer'), 'PATCH', `/parking-locations/${spot.id}`, {
        body: { active: true },
      });
      expect(back.active).toBe(true);
      const taken = await f.call(f.org.at('officer'), 'PATCH', `/parking-locations/${spot.id}`, {
        body: { locationCode: 'A-1' },
      });
      expect(taken.status).toBe(409);
      expect(taken.body.field).toBe('locationCode');
    });

    it("refuses callers below their policies, and another org's id is 404", async () => {
      const spot = (await create({ locationCode: 'P-1' })).body;
      await f.forbidden('GET', '/parking-locations', 'readonly', ['fbo:read'], { allowed: true });
      for (const [method, body] of [['POST', { airport: 'KMSO', locationCode: 'P-2' }]] as const)
        await f.forbidden(method, '/parking-locations', 'officer', ['fbo:write'], { body });
      await f.forbidden('DELETE', `/parking-locations/${spot.id}`, 'officer', ['fbo:write']);
      const other = await createFboOrg(t);
      await withAirports(other);
      const path = `/parking-locations/${spot.id}`;
      await other.expectNotFound(other.org.owner, [
        ['GET', path],
        ['PATCH', path, { description: 'x' }],
        ['DELETE', path],
      ]);
      expect((await f.ok(f.org.owner, 'GET', `/parking-locations/${spot.id}`)).active).toBe(true);
    });
  });
});
