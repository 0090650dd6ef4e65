import { StarcorpShipImportService } from '../../src/contexts/starcorp/people/catalog/ship-import.service';
import { startAppWith } from '../support/app-with';
import { TestApp, TestUser, unique } from '../support/test-app';
import { createPeopleOrg, PeopleOrg } from './people-kit';

const model = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
  id,
  name,
  manufacturer: { code: 'ETG', name: 'Etag Works' },
  size: 'small',
  productionStatus: 'flight-ready',
  ...extra,
});

describe('starcorp ship catalog conditional GETs (e2e)', () => {
  let t: TestApp;
  let p: PeopleOrg;
  let importer: StarcorpShipImportService;
  const externalId = unique('etag');
  const name = `Etag ${externalId}`;
  let shipId: string;
  beforeAll(async () => {
    ({ t, g: p } = await startAppWith(createPeopleOrg));
    importer = t.app.get(StarcorpShipImportService);
    await importer.importExport([model(externalId, name, { price: '10.00' })]);
    const page = await p.ok(p.org.at('readonly'), 'GET', '/ships', { query: { search: name } });
    shipId = page.items[0].id;
  });
  afterAll(() => t.close());

  const get = (path: string, ifNoneMatch?: string, who: TestUser = p.org.at('readonly'), slug = p.org.slug) =>
    fetch(`${t.baseUrl}/api/v1/orgs/${slug}/starcorp${path}`, {
      headers: { authorization: `Bearer ${who.token}`, ...(ifNoneMatch ? { 'if-none-match': ifNoneMatch } : {}) },
    });
  const paths = () => [`/ships?search=${encodeURIComponent(name)}`, `/ships/${shipId}`, '/manufacturers?limit=200'];

  it('sends the catalog version as ETag; the same If-None-Match gets a bodiless 304', async () => {
    for (const path of paths()) {
      const first = await get(path);
      expect(first.status).toBe(200);
      const etag = first.headers.get('etag')!;
      expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
      expect(first.headers.get('cache-control')).toBe('private, no-cache');
      expect(await first.json()).toBeTruthy();

      const again = await get(path, etag);
      expect(again.status).toBe(304);
      expect(again.headers.get('etag')).toBe(etag);
      expect(await again.text()).toBe('');
      // A weak form of the tag, or one among others, matches too; another tag does not.
      expect((await get(path, `"other", W/${etag}`)).status).toBe(304);
      expect((await get(path, '"other"')).status).toBe(200);
    }
  });

  it('changes the ETag when an import writes the catalog', async () => {
    const before = (await get(paths()[1])).headers.get('etag')!;
    await importer.importExport([model(externalId, name, { price: '20.00' })]);
    for (const path of paths()) {
      const res = await get(path, before);
      expect(res.status).toBe(200);
      expect(res.headers.get('etag')).not.toBe(before);
    }
    const detail = (await (await get(paths()[1], before)).json()) as { pledgePrice: string };
    expect(detail.pledgePrice).toBe('20.00');
  });

  it('gives no ETag to a missing ship, and never a 304 to someone who may not read', async () => {
    const missing = await get('/ships/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('etag')).toBeNull();
    const etag = (await get(paths()[0])).headers.get('etag')!;
    expect((await get(paths()[0], etag, p.org.outsider)).status).toBe(404);
    expect((await get(paths()[0], etag, p.org.at('applicant'))).status).toBe(403);
    // The catalog is the same for every org: its version is valid in another org the caller reads.
    expect((await get(paths()[0], etag, p.org.outsider, p.org.outsiderSlug)).status).toBe(304);
  });
});
