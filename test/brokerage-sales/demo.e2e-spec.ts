import { brokerageContext } from '../../src/contexts/brokerage/brokerage.context';
import { Brokerage, createBrokerage } from '../brokerage/brokerage-kit';
import { startAppWith } from '../support/app-with';
import { demoOrgOf } from '../support/context-kit';
import { TestApp } from '../support/test-app';

/* eslint-disable @typescript-eslint/no-explicit-any */

describe('brokerage sales demo (e2e)', () => {
  let t: TestApp;
  let b: Brokerage;
  beforeAll(async () => ({ t, g: b } = await startAppWith(createBrokerage)));
  afterAll(() => t.close());

  it('adds sales orders in every state and invoices drafted, issued, overdue, credited and void', async () => {
    const treasurer = await b.org.addUser('member', ['treasurer']);
    await brokerageContext.seedDemo!(t.app, demoOrgOf(b.org, 'Prime Meats', { treasurer }));
    const reader = b.org.at('readonly');
    const orders = (await b.ok(reader, 'GET', '/sales-orders')).items;
    expect(new Set(orders.map((o: any) => o.status))).toEqual(
      new Set(['pending', 'confirmed', 'in_transit', 'delivered', 'cancelled']),
    );
    expect(orders.some((o: any) => o.purchaseOrderIds.length === 1 && o.cost !== '0.00')).toBe(true);
    const invoices = (await b.ok(reader, 'GET', '/invoices')).items;
    const statuses = invoices.map((i: any) => `${i.kind}:${i.status}${i.overdue ? ':overdue' : ''}`).sort();
    expect(statuses).toEqual(
      [
        'credit_note:issued',
        'invoice:draft',
        'invoice:paid',
        'invoice:issued:overdue',
        'invoice:partly_paid',
        'invoice:void',
      ].sort(),
    );
    const issued = invoices.filter((i: any) => i.number);
    expect(issued.every((i: any) => i.pdfFileId)).toBe(true);
    expect(
      issued
        .filter((i: any) => i.kind === 'invoice')
        .map((i: any) => i.number)
        .sort(),
    ).toEqual(['PM-000001', 'PM-000002', 'PM-000003', 'PM-000004']);
    const pdf = await b.call(reader, 'GET', `/invoices/${issued[0].id}/pdf`);
    expect(String(pdf.body).startsWith('%PDF-')).toBe(true);
  });
});
