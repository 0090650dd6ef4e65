import { addDays } from '../../src/platform/domain/calendar-dates';
import { monthOf } from '../../src/contexts/brokerage/insights/dashboard/dashboard-rules';
import { todayIn } from '../../src/contexts/brokerage/sales/invoices/invoice-rules';
import { Brokerage, createBrokerage } from '../brokerage/brokerage-kit';
import { amountLines, customer, orderBody, orderIn, SalesRefs, salesRefs } from '../brokerage-sales/sales-kit';
import { startTestApp, TestApp } from '../support/test-app';
import { issuedInvoice, purchaseOrder } from './insights-kit';

/* eslint-disable @typescript-eslint/no-explicit-any */

const TIME_ZONE = 'Pacific/Auckland';
const zeroBuckets = { '0-30': '0.00', '31-60': '0.00', '61-90': '0.00', '91-120': '0.00', '121+': '0.00' };

/** Issue 14 item 8: the brokerage dashboard. */
describe('brokerage dashboard (e2e)', () => {
  let t: TestApp;
  let b: Brokerage;
  let refs: SalesRefs;
  let dashboard: any;
  let today: string;
  const names: Record<string, any> = {};

  beforeAll(async () => {
    t = await startTestApp();
    b = await createBrokerage(t);
    await b.ok(b.org.owner, 'PATCH', '/settings', { body: { timeZone: TIME_ZONE } });
    refs = await salesRefs(b);
    const officer = b.org.at('officer');
    const member = b.org.at('member');

    // Purchase orders: refs' draft (240.00), one more draft, one submitted, one approved, one cancelled.
    await purchaseOrder(b, refs, '10');
    const submitted = await purchaseOrder(b, refs, '11');
    await b.ok(member, 'POST', `/purchase-orders/${submitted.id}/submit`);
    const approved = await purchaseOrder(b, refs, '12');
    await b.ok(member, 'POST', `/purchase-orders/${approved.id}/submit`);
    await b.ok(officer, 'POST', `/purchase-orders/${approved.id}/approve`);
    const cancelled = await purchaseOrder(b, refs, '80');

    // Two loads on the road; two delivered now: 1631.00 less the refs' PO (240.00), and 100.00 whose
    // linked PO was cancelled afterwards (no cost). A pending order counts for nothing.
    await orderIn(b, orderBody(refs), 'in_transit');
    await orderIn(b, orderBody(refs, { lines: amountLines(refs, '55') }), 'in_transit');
    await orderIn(b, orderBody(refs, { purchaseOrderIds: [refs.purchaseOrder.id] }), 'delivered');
    await orderIn(
      b,
      orderBody(refs, { lines: amountLines(refs, '100'), purchaseOrderIds: [cancelled.id] }),
      'delivered',
    );
    await b.ok(member, 'POST', `/purchase-orders/${cancelled.id}/cancel`, { body: { reason: 'Plant closed' } });
    await orderIn(b, orderBody(refs), 'pending');

    // Invoices, dated in the org's zone: this month, last month, 100 days ago; drafts and voids do not count.
    today = todayIn(TIME_ZONE);
    const lastMonth = addDays(monthOf(today).from, -1);
    for (const name of ['A', 'B', 'C', 'D', 'E', 'F', 'G']) names[name] = await customer(b, null);
    const a1 = await issuedInvoice(b, refs, '1000', names.A.id, today);
    await issuedInvoice(b, refs, '200', names.A.id, today);
    await issuedInvoice(b, refs, '300', names.B.id, today);
    await issuedInvoice(b, refs, '700', names.C.id, lastMonth);
    await issuedInvoice(b, refs, '5000', names.D.id, addDays(today, -100));
    await issuedInvoice(b, refs, '10', names.E.id, lastMonth);
    await issuedInvoice(b, refs, '20', names.F.id, lastMonth);
    await issuedInvoice(b, refs, '30', names.G.id, lastMonth);
    await b.ok(member, 'POST', '/invoices', {
      body: { customerId: names.B.id, invoiceDate: today, lines: amountLines(refs, '999') },
    });
    const voided = await issuedInvoice(b, refs, '444', names.B.id, today);
    await b.ok(officer, 'POST', `/invoices/${voided.id}/void`, { body: { reason: 'Wrong customer' } });
    const note = await b.ok(officer, 'POST', `/invoices/${a1.id}/credit-notes`, {
      body: { notes: 'Short weight', lines: amountLines(refs, '50') },
    });
    await b.ok(officer, 'POST', `/invoices/${note.id}/issue`);

    dashboard = await b.ok(b.org.at('readonly'), 'GET', '/dashboard');
  });
  afterAll(() => t.close());

  it("answers in the org's currency, time zone and today", () => {
    // The day may turn between the data and the call only at midnight; the figures below use `today`.
    expect(dashboard).toMatchObject({ currency: 'USD', timeZone: TIME_ZONE, today });
  });

  it('counts purchase orders by status, every status listed', () => {
    expect(dashboard.purchaseOrders).toEqual({
      total: 5,
      byStatus: [
        { status: 'draft', count: 2 },
        { status: 'pending_approval', count: 1 },
        { status: 'approved', count: 1 },
        { status: 'received', count: 0 },
        { status: 'closed', count: 0 },
        { status: 'cancelled', count: 1 },
      ],
    });
  });

  it('lists the loads in transit, longest on the road first', () => {
    expect(dashboard.inTransit.count).toBe(2);
    expect(dashboard.inTransit.loads.map((l: any) => [l.total, l.currency, l.customerName, l.carrierName])).toEqual([
      ['1631.00', 'USD', refs.customer.name, refs.carrier.name],
      ['55.00', 'USD', refs.customer.name, refs.carrier.name],
    ]);
    expect(dashboard.inTransit.loads[0]).toMatchObject({ deliveryDate: '2026-12-04', shippedAt: expect.any(String) });
  });

  it("this month's revenue nets credit notes; the margin is delivered sales less linked purchase costs", () => {
    expect(dashboard.month).toEqual({
      ...monthOf(today),
      revenue: [
        { currency: 'USD', invoiced: '1500.00', credited: '50.00', net: '1450.00', invoices: 3, creditNotes: 1 },
      ],
      margin: [{ currency: 'USD', sales: '1731.00', cost: '240.00', margin: '1491.00', orders: 2 }],
    });
  });

  it('receivables by bucket are the ageing of the receivables module, as of today', async () => {
    expect(dashboard.receivables).toEqual({
      asOf: today,
      buckets: ['0-30', '31-60', '61-90', '91-120', '121+'],
      totals: [{ currency: 'USD', ...zeroBuckets, '0-30': '2210.00', '61-90': '5000.00', total: '7210.00' }],
    });
    const ageing = await b.ok(b.org.at('readonly'), 'GET', '/receivables/ageing', { query: { asOf: today } });
    expect(dashboard.receivables.totals).toEqual(ageing.totals);
  });

  it('the top five customers of the last 90 days, by revenue net of credit notes', () => {
    expect(dashboard.topCustomers.from).toBe(addDays(today, -89));
    expect(dashboard.topCustomers.to).toBe(today);
    expect(dashboard.topCustomers.customers).toEqual([
      { customerId: names.A.id, customerName: names.A.name, currency: 'USD', revenue: '1150.00', invoices: 2 },
      { customerId: names.C.id, customerName: names.C.name, currency: 'USD', revenue: '700.00', invoices: 1 },
      { customerId: names.B.id, customerName: names.B.name, currency: 'USD', revenue: '300.00', invoices: 1 },
      { customerId: names.G.id, customerName: names.G.name, currency: 'USD', revenue: '30.00', invoices: 1 },
      { customerId: names.F.id, customerName: names.F.name, currency: 'USD', revenue: '20.00', invoices: 1 },
    ]);
  });

  it('an org without data sees zeros, none of the other org', async () => {
    const other = await createBrokerage(t);
    const empty = await other.ok(other.org.at('readonly'), 'GET', '/dashboard');
    expect(empty.purchaseOrders.total).toBe(0);
    expect(empty.inTransit).toEqual({ count: 0, loads: [] });
    expect(empty.receivables.totals).toEqual([{ currency: 'USD', ...zeroBuckets, total: '0.00' }]);
    expect(empty.month.revenue).toEqual([
      { currency: 'USD', invoiced: '0.00', credited: '0.00', net: '0.00', invoices: 0, creditNotes: 0 },
    ]);
    expect(empty.month.margin).toEqual([{ currency: 'USD', sales: '0.00', cost: '0.00', margin: '0.00', orders: 0 }]);
    expect(empty.topCustomers.customers).toEqual([]);
  });

  it('tiers: readonly and a read-scoped bot read it; strangers and orgs without the context get 404', async () => {
    await b.forbidden('GET', '/dashboard', 'readonly', ['brokerage:read'], { allowed: true });
  });
});
