import { startAppWith } from '../support/app-with';
import { TestApp } from '../support/test-app';
import { Brokerage, createBrokerage, errorPaths, uniqueName } from './brokerage-kit';

describe('brokerage products (e2e)', () => {
  let t: TestApp;
  let b: Brokerage;
  beforeAll(async () => ({ t, g: b } = await startAppWith(createBrokerage)));
  afterAll(() => t.close());

  const member = () => b.org.at('member');
  const code = () => uniqueName('P').replace(/\s/g, '-').slice(0, 32);
  const product = (overrides: Record<string, unknown> = {}) => ({
    productCode: code(),
    description: 'Beef 81/19 trimmings, 60 lb combo',
    proteinType: 'beef',
    storage: 'frozen',
    packageType: 'box',
    weightType: 'catch',
    edible: true,
    tested: true,
    unitWeight: { value: '60', unit: 'LBS' },
    ...overrides,
  });

  it('members add and change products; codes are unique per org (409 naming the field); proteins are the org’s', async () => {
    const body = product();
    const created = await b.ok(member(), 'POST', '/products', { body });
    expect(created).toMatchObject({
      productCode: body.productCode,
      proteinType: 'Beef',
      storage: 'frozen',
      weightType: 'catch',
      unitWeight: { value: '60.000', unit: 'LBS' },
      active: true,
    });
    expect(await b.ok(b.org.at('readonly'), 'GET', `/products/${created.id}`)).toEqual(created);
    const dup = await b.fails(member(), 409, 'POST', '/products', {
      body: product({ productCode: body.productCode }),
      problem: 'duplicate-value',
    });
    expect(dup.field).toBe('productCode');
    const changed = await b.ok(member(), 'PATCH', `/products/${created.id}`, {
      body: { active: false, proteinType: 'Pork', unitWeight: { value: '27.216', unit: 'KG' } },
    });
    expect(changed).toMatchObject({ active: false, proteinType: 'Pork', unitWeight: { value: '27.216', unit: 'KG' } });
    const inactive = await b.ok(member(), 'GET', '/products', { query: { active: false, search: body.productCode } });
    expect(inactive.items.map((p: any) => p.id)).toEqual([created.id]);
    expect(
      (await b.ok(member(), 'GET', '/products', { query: { active: true, search: body.productCode } })).items,
    ).toEqual([]);
    const byProtein = await b.ok(member(), 'GET', '/products', {
      query: { proteinType: 'pork', search: body.productCode },
    });
    expect(byProtein.items).toHaveLength(1);
  });

  it('bad input is 400 with field paths and nothing is written', async () => {
    const productCode = code();
    const bad = await b.fails(member(), 400, 'POST', '/products', {
      body: product({
        productCode,
        storage: 'thawed',
        packageType: 'crate',
        weightType: 'gross',
        unitWeight: { value: 60, unit: 'TONS' },
        edible: 'yes',
      }),
    });
    expect(errorPaths(bad)).toEqual(
      expect.arrayContaining(['storage', 'packageType', 'weightType', 'unitWeight.value', 'unitWeight.unit', 'edible']),
    );
    expect(
      errorPaths(
        await b.fails(member(), 400, 'POST', '/products', { body: product({ productCode, proteinType: 'Dragon' }) }),
      ),
    ).toEqual(['proteinType']);
    expect(
      errorPaths(
        await b.fails(member(), 400, 'POST', '/products', {
          body: product({ productCode, unitWeight: { value: '0', unit: 'KG' } }),
        }),
      ),
    ).toEqual(['unitWeight.value']);
    await b.fails(member(), 400, 'POST', '/products', { body: product({ productCode: 'has space' }) });
    expect((await b.ok(member(), 'GET', '/products', { query: { search: productCode } })).items).toEqual([]);
  });

  it('a protein products use cannot be deleted (409 in-use); unused products are deleted by officers', async () => {
    const protein = await b.ok(b.org.at('admin'), 'POST', '/proteins', {
      body: { name: uniqueName('Bison').slice(0, 40) },
    });
    const p = await b.ok(member(), 'POST', '/products', { body: product({ proteinType: protein.name }) });
    await b.fails(b.org.at('admin'), 409, 'DELETE', `/proteins/${protein.id}`, { problem: 'in-use' });
    await b.fails(member(), 403, 'DELETE', `/products/${p.id}`);
    await b.ok(b.org.at('officer'), 'DELETE', `/products/${p.id}`);
    await b.fails(member(), 404, 'GET', `/products/${p.id}`);
    await b.ok(b.org.at('admin'), 'DELETE', `/proteins/${protein.id}`);
  });

  it('tiers and orgs: readonly reads, member writes; another org’s product is 404', async () => {
    await b.forbidden('GET', '/products', 'readonly', ['brokerage:read'], { allowed: true });
    await b.forbidden('POST', '/products', 'member', ['brokerage:write'], { body: product() });
    const other = await createBrokerage(t);
    const theirs = await other.ok(other.org.owner, 'POST', '/products', { body: product() });
    await b.expectNotFound(b.org.owner, [
      ['GET', `/products/${theirs.id}`],
      ['PATCH', `/products/${theirs.id}`, { active: false }],
      ['DELETE', `/products/${theirs.id}`],
    ]);
    expect((await other.ok(other.org.owner, 'GET', `/products/${theirs.id}`)).active).toBe(true);
  });
});
