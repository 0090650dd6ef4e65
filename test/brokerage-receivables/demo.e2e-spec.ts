import { brokerageContext } from '../../src/contexts/brokerage/brokerage.context';
import { ReceivablesService } from '../../src/contexts/brokerage/receivables/receivables/receivables.service';
import { Brokerage, createBrokerage } from '../brokerage/brokerage-kit';
import { startAppWith } from '../support/app-with';
import { demoOrgOf } from '../support/context-kit';
import { TestApp } from '../support/test-app';

/* eslint-disable @typescript-eslint/no-explicit-any */

describe('brokerage receivables demo (e2e)', () => {
  let t: TestApp;
  let b: Brokerage;
  beforeAll(async () => ({ t, g: b } = await startAppWith(createBrokerage)));
  afterAll(() => t.close());

  it('adds payments: an invoice paid, one partly paid with credit left, one reversal; all consistent', async () => {
    const treasurer = await b.org.addUser('member', ['treasurer']);
    await brokerageContext.seedDemo!(t.app, demoOrgOf(b.org, 'Prime Meats', { treasurer }));
    const reader = b.org.at('readonly');
    const payments = (await b.ok(reader, 'GET', '/payments')).items;
    expect(payments.map((p: any) => p.kind).sort()).toEqual(['payment', 'payment', 'payment', 'reversal']);
    expect(payments.filter((p: any) => p.reversalId)).toHaveLength(1);
    expect(payments.some((p: any) => p.kind === 'payment' && p.unallocated === '100.00')).toBe(true);
    const invoices = (await b.ok(reader, 'GET', '/invoices', { query: { kind: 'invoice' } })).items;
    const statuses = invoices.map((i: any) => `${i.status}${i.overdue ? ':overdue' : ''}`).sort();
    expect(statuses).toEqual(['draft', 'issued:overdue', 'paid', 'partly_paid', 'void']);
    expect((await b.ok(reader, 'GET', '/receivables')).items).toHaveLength(2);
    expect(await t.app.get(ReceivablesService).findMismatches(b.org.id)).toEqual([]);
  });
});
