import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StarcorpShipImportService } from '../../src/contexts/starcorp/people/catalog/ship-import.service';
import { startAppWith } from '../support/app-with';
import { TestApp, unique } from '../support/test-app';
import { createPeopleOrg, expectConflict, expectInvalid, PeopleOrg } from './people-kit';

const READ = ['starcorp:read'];
const SAMPLE = JSON.parse(readFileSync(join(__dirname, 'fixtures/fleetyards-ships.json'), 'utf8'));

const model = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
  id,
  name,
  manufacturer: { code: 'TST', name: 'Test Works' },
  size: 'small',
  productionStatus: 'flight-ready',
  ...extra,
});

describe('starcorp ship catalog and import (e2e)', () => {
  let t: TestApp;
  let p: PeopleOrg;
  let importer: StarcorpShipImportService;
  beforeAll(async () => {
    ({ t, g: p } = await startAppWith(createPeopleOrg));
    importer = t.app.get(StarcorpShipImportService);
    // The catalog is shared by every org of the database: start from the sample alone (ships other
    // test files left in fleets are retired, hence hidden).
    await importer.importExport(SAMPLE, { prune: true });
  });
  afterAll(() => t.close());

  const ships = (query: Record<string, unknown>) => p.ok(p.org.at('readonly'), 'GET', '/ships', { query });
  const shipNamed = async (name: string) => (await ships({ search: name })).items.find((s: any) => s.name === name);

  it('is read by every tier from readonly up, and refused to others', async () => {
    const titan = await shipNamed('Avenger Titan');
    await p.forbidden('GET', '/ships', 'readonly', READ, { allowed: true });
    await p.forbidden('GET', `/ships/${titan.id}`, 'readonly', READ, { allowed: true });
    await p.forbidden('GET', '/manufacturers', 'readonly', READ, { allowed: true });
  });

  it('lists ships with decimals as strings and filters by size, type, status, manufacturer and search', async () => {
    const titan = await shipNamed('Avenger Titan');
    expect(titan).toMatchObject({
      externalId: 'fy-avenger-titan',
      manufacturer: { code: 'AEGS', name: 'Aegis Dynamics' },
      size: 'small',
      length: '22.50',
      mass: '49442.00',
      pledgePrice: '60.00',
      productionStatus: 'flight_ready',
      retired: false,
    });
    const names = (page: any) => page.items.map((s: any) => s.name);
    expect(names(await ships({ manufacturer: 'aegs', search: 'a' }))).toEqual(
      expect.arrayContaining(['Avenger Titan', 'Javelin']),
    );
    expect(names(await ships({ manufacturer: 'AEGS', size: 'capital' }))).toEqual(['Javelin']);
    expect(names(await ships({ manufacturer: 'RSI', status: 'concept' }))).toEqual(['Galaxy']);
    expect(names(await ships({ manufacturer: 'ANVL', type: 'exploration' }))).toEqual(['Carrack']);
    expect(names(await ships({ search: 'CUTLASS' }))).toEqual(['Cutlass Black']);
    expect(names(await ships({ search: '%' }))).toEqual([]);
  });

  it('orders by name or price, keyset-paged', async () => {
    const byPrice = await ships({ manufacturer: 'AEGS', order: 'price' });
    expect(byPrice.items.map((s: any) => s.pledgePrice)).toEqual(['60.00', '2500.00']);
    const first = await ships({ manufacturer: 'RSI', order: 'price', limit: 1 });
    const second = await ships({ manufacturer: 'RSI', order: 'price', limit: 1, cursor: first.nextCursor });
    expect([first.items[0].name, second.items[0].name]).toEqual(['Galaxy', 'Ursa Rover']);
    expect(second.nextCursor).toBeNull();
    const byName = await ships({ manufacturer: 'RSI', limit: 1 });
    expect(byName.items[0].name).toBe('Galaxy');
  });

  it('shows one ship with its components; unknown is 404, bad input 400', async () => {
    const titan = await shipNamed('Avenger Titan');
    const detail = await p.ok(p.org.at('readonly'), 'GET', `/ships/${titan.id}`);
    expect(detail.components).toEqual(
      expect.arrayContaining([
        {
          type: 'weapon',
          name: 'CF-337 Panther Repeater',
          size: '3',
          quantity: 1,
          mountName: 'Nose',
          manufacturer: null,
        },
      ]),
    );
    expect((await p.call(p.org.at('readonly'), 'GET', '/ships/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await p.call(p.org.at('readonly'), 'GET', '/ships/nope')).status).toBe(400);
    expectInvalid(
      await p.call(p.org.at('readonly'), 'GET', '/ships', {
        query: { size: 'huge', order: 'speed', status: 'x', manufacturer: '!!' },
      }),
      ['size', 'order', 'status', 'manufacturer'],
    );
    expect(
      (await p.call(p.org.at('readonly'), 'GET', '/ships', { query: { order: 'price', cursor: 'e30' } })).status,
    ).toBe(400);
  });

  it('lists manufacturers by code', async () => {
    const page = await p.ok(p.org.at('readonly'), 'GET', '/manufacturers', { query: { limit: 200 } });
    const codes = page.items.map((m: any) => m.code);
    expect(codes).toEqual(expect.arrayContaining(['AEGS', 'ANVL', 'DRAK', 'RSI']));
    expect([...codes].sort()).toEqual(codes);
  });

  describe('import', () => {
    it('upserts by externalId: a second run changes nothing, an edit updates one ship', async () => {
      expect(await importer.importExport(SAMPLE)).toMatchObject({ created: 0, updated: 0, unchanged: 6 });
      const edited = structuredClone(SAMPLE);
      edited.models[1].price = '115.00';
      expect(await importer.importExport(edited)).toMatchObject({ created: 0, updated: 1, unchanged: 5 });
      expect((await shipNamed('Cutlass Black')).pledgePrice).toBe('115.00');
      await importer.importExport(SAMPLE);
    });

    it('imports nothing when a model is invalid, naming each bad field', async () => {
      const id = unique('bad');
      await expect(
        importer.importExport([model(id, 'Fine Ship'), model(unique('x'), 'Bad', { size: 'huge' })]),
      ).rejects.toMatchObject({
        response: expect.objectContaining({ errors: [{ path: 'models.1.size', message: expect.any(String) }] }),
      });
      expect(await shipNamed('Fine Ship')).toBeUndefined();
    });

    it('with prune retires ships a fleet uses (no new hulls of them) and deletes the rest', async () => {
      const used = unique('used');
      const unused = unique('unused');
      await importer.importExport([...SAMPLE.models, model(used, `Used ${used}`), model(unused, `Unused ${unused}`)]);
      const usedShip = await shipNamed(`Used ${used}`);
      await p.ok(p.org.at('member'), 'POST', '/fleet', { body: { shipId: usedShip.id, acquiredVia: 'pledge' } });

      const report = await importer.importExport(SAMPLE, { prune: true });
      expect(report.retired).toBeGreaterThanOrEqual(1);
      expect(report.deleted).toBeGreaterThanOrEqual(1);
      expect(await shipNamed(`Unused ${unused}`)).toBeUndefined();
      expect(await shipNamed(`Used ${used}`)).toBeUndefined();
      const retired = await ships({ search: `Used ${used}`, includeRetired: true });
      expect(retired.items).toEqual([expect.objectContaining({ id: usedShip.id, retired: true })]);
      const refused = await p.call(p.org.at('member'), 'POST', '/fleet', {
        body: { shipId: usedShip.id, acquiredVia: 'pledge' },
      });
      expectConflict(refused, 'ship-retired');
      // Back in an export, it is back in the catalog.
      await importer.importExport([model(used, `Used ${used}`)]);
      expect((await shipNamed(`Used ${used}`)).retired).toBe(false);
    });
  });
});
