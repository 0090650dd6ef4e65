import { brokerageContext } from '../../src/contexts/brokerage/brokerage.context';
import { startAppWith } from '../support/app-with';
import { demoOrgOf } from '../support/context-kit';
import { TestApp } from '../support/test-app';
import { Brokerage, createBrokerage } from './brokerage-kit';

describe('brokerage demo seeder (e2e)', () => {
  let t: TestApp;
  let b: Brokerage;
  beforeAll(async () => ({ t, g: b } = await startAppWith(createBrokerage)));
  afterAll(() => t.close());

  it('fills an org with parties, products and one purchase order per state, through the services', async () => {
    await brokerageContext.seedDemo!(t.app, demoOrgOf(b.org, 'Prime Meats'));
    const reader = b.org.at('readonly');
    const settings = await b.ok(reader, 'GET', '/settings');
    expect(settings).toMatchObject({ legalName: 'Prime Meats Brokerage LLC', timeZone: 'America/Chicago' });
    expect((await b.ok(reader, 'GET', '/suppliers')).items).toHaveLength(4);
    expect((await b.ok(reader, 'GET', '/customers')).items).toHaveLength(4);
    expect((await b.ok(reader, 'GET', '/plants')).items).toHaveLength(3);
    const carriers = (await b.ok(reader, 'GET', '/carriers')).items;
    expect(carriers.map((c: any) => c.insuranceExpired).sort()).toEqual([false, false, true]);
    expect((await b.ok(reader, 'GET', '/products')).items).toHaveLength(8);
    const orders = (await b.ok(reader, 'GET', '/purchase-orders')).items;
    expect(orders.map((o: any) => o.status).sort()).toEqual(
      ['approved', 'cancelled', 'closed', 'draft', 'pending_approval', 'received'].sort(),
    );
    expect(orders.map((o: any) => o.number).sort()).toEqual([
      'PO-000001',
      'PO-000002',
      'PO-000003',
      'PO-000004',
      'PO-000005',
      'PO-000006',
    ]);
  });
});
