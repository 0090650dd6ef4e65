import { seedBrokerageDemo } from '../../src/contexts/brokerage/demo/brokerage-demo-seeder';
import { seedInsightsDemo } from '../../src/contexts/brokerage/insights/demo/insights-demo-seeder';
import { seedReceivablesDemo } from '../../src/contexts/brokerage/receivables/demo/receivables-demo-seeder';
import { seedSalesDemo } from '../../src/contexts/brokerage/sales/demo/sales-demo-seeder';
import { Brokerage, createBrokerage } from '../brokerage/brokerage-kit';
import { startAppWith } from '../support/app-with';
import { demoOrgOf } from '../support/context-kit';
import { TestApp } from '../support/test-app';

describe('brokerage insights demo (e2e)', () => {
  let t: TestApp;
  let b: Brokerage;
  beforeAll(async () => ({ t, g: b } = await startAppWith(createBrokerage)));
  afterAll(() => t.close());

  it('the dashboard shows the demo orders and invoices; one completed export of them, once', async () => {
    const treasurer = await b.org.addUser('member', ['treasurer']);
    const demo = demoOrgOf(b.org, 'Prime Meats', { treasurer });
    for (const seed of [seedBrokerageDemo, seedSalesDemo, seedReceivablesDemo, seedInsightsDemo])
      await seed(t.app, demo);
    await seedInsightsDemo(t.app, demo);
    const dashboard = await b.ok(b.org.at('readonly'), 'GET', '/dashboard');
    expect(dashboard.purchaseOrders.total).toBeGreaterThan(0);
    expect(dashboard.receivables.totals[0].total).not.toBe('0.00');
    const exports = (await b.ok(b.org.at('admin'), 'GET', '/exports')).items;
    expect(exports).toHaveLength(1);
    expect(exports[0]).toMatchObject({ status: 'completed', requestedById: b.org.owner.id });
    expect(exports[0].counts['purchase-orders.csv']).toBe(dashboard.purchaseOrders.total);
  });
});
