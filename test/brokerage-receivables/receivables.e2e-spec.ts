import { randomUUID } from 'node:crypto';
import { ReceivablesService } from '../../src/contexts/brokerage/receivables/receivables/receivables.service';
import { PaymentRemindersService } from '../../src/contexts/brokerage/receivables/reminders/payment-reminders.service';
import { addDays } from '../../src/contexts/brokerage/common/payment-terms';
import { todayIn } from '../../src/contexts/brokerage/sales/invoices/invoice-rules';
import { Brokerage, createBrokerage, errorPaths } from '../brokerage/brokerage-kit';
import { amountLines, customer, SalesRefs, salesRefs } from '../brokerage-sales/sales-kit';
import { Caller } from '../support/http';
import { startTestApp, TestApp, TestUser } from '../support/test-app';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** Issue 14 item 7: payments, allocations, reversals, receivables, statements, ageing, reminders, the check. */
describe('brokerage payments and receivables (e2e)', () => {
  let t: TestApp;
  let b: Brokerage;
  let refs: SalesRefs;
  let treasurer: TestUser;

  const member = () => b.org.at('member');
  const officer = () => b.org.at('officer');
  const key = () => ({ 'Idempotency-Key': randomUUID() });

  /** An issued invoice of `amount` (one line) for the customer, dated `invoiceDate` (default today). */
  async function invoiceOf(
    kit: Brokerage,
    kitRefs: SalesRefs,
    amount: string,
    customerId = kitRefs.customer.id,
    invoiceDate?: string,
  ): Promise<any> {
    const draft = await kit.ok(kit.org.at('member'), 'POST', '/invoices', {
      body: { customerId, invoiceDate, lines: amountLines(kitRefs, amount) },
    });
    return kit.ok(kit.org.at('officer'), 'POST', `/invoices/${draft.id}/issue`);
  }
  const issued = (amount: string, customerId?: string, invoiceDate?: string) =>
    invoiceOf(b, refs, amount, customerId, invoiceDate);
  const pay = (body: Record<string, unknown>, who: Caller = treasurer) =>
    b.call(who, 'POST', '/payments', {
      headers: key(),
      body: { customerId: refs.customer.id, method: 'wire', receivedAt: '2026-11-20T15:00:00Z', ...body },
    });
  const paid = async (body: Record<string, unknown>, who: Caller = treasurer) => {
    const res = await pay(body, who);
    if (res.status !== 201) throw new Error(`record payment: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const invoice = (id: string) => b.ok(member(), 'GET', `/invoices/${id}`);
  const count = async (table: string) =>
    Number((await t.db.query(`SELECT count(*) AS n FROM ${table} WHERE org_id = $1`, [b.org.id]))[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    b = await createBrokerage(t);
    refs = await salesRefs(b);
    treasurer = await b.org.addUser('member', ['treasurer']);
  });
  afterAll(() => t.close());

  it('the entities match the migration (no schema drift on the payment tables)', async () => {
    const pending = await t.db.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query).filter((q) => q.includes('brokerage_payment'))).toEqual([]);
  });

  it('treasurer records a payment allocated to invoices; the rest is credit; outstanding, status and events move', async () => {
    const a = await issued('100');
    const c = await issued('50');
    const payment = await paid({
      amount: '180',
      reference: 'WIRE-1',
      allocations: [
        { invoiceId: a.id, amount: '100' },
        { invoiceId: c.id, amount: '20.5' },
      ],
    });
    expect(payment).toMatchObject({
      kind: 'payment',
      amount: '180.00',
      currency: 'USD',
      method: 'wire',
      reference: 'WIRE-1',
      allocated: '120.50',
      unallocated: '59.50',
      recordedById: treasurer.id,
      reversalId: null,
    });
    expect(payment.allocations.map((x: any) => [x.invoiceNumber, x.amount])).toEqual([
      [a.number, '100.00'],
      [c.number, '20.50'],
    ]);
    expect(await invoice(a.id)).toMatchObject({ status: 'paid', outstanding: '0.00' });
    expect(await invoice(c.id)).toMatchObject({ status: 'partly_paid', outstanding: '29.50' });
    expect((await b.events('brokerage.payment.recorded')).map((e) => e.subject_id)).toContain(payment.id);
    expect((await b.events('brokerage.invoice.paid')).map((e) => e.subject_id)).toContain(a.id);
    expect((await b.audits('recordBrokeragePayment')).map((x) => x.target_id)).toContain(payment.id);

    // Later, from the credit left: 29.50 pays the second off; more than the payment has left is refused.
    const tooMuch = await b.fails(treasurer, 409, 'POST', `/payments/${payment.id}/allocations`, {
      body: { allocations: [{ invoiceId: c.id, amount: '59.51' }] },
      problem: 'allocation-exceeds-payment',
    });
    expect(tooMuch.unallocated).toBe('59.50');
    const later = await b.ok(officer(), 'POST', `/payments/${payment.id}/allocations`, {
      body: { allocations: [{ invoiceId: c.id, amount: '29.50' }] },
    });
    expect(later).toMatchObject({ allocated: '150.00', unallocated: '30.00' });
    expect(await invoice(c.id)).toMatchObject({ status: 'paid', outstanding: '0.00' });
    const listed = await b.ok(b.org.at('readonly'), 'GET', '/payments', { query: { customerId: refs.customer.id } });
    expect(listed.items.map((p: any) => p.id)).toContain(payment.id);
  });

  it('recording needs an Idempotency-Key; a retry with the same key gives the first payment', async () => {
    const missing = await b.call(treasurer, 'POST', '/payments', {
      body: { customerId: refs.customer.id, amount: '1', method: 'cash', receivedAt: '2026-11-20T15:00:00Z' },
    });
    expect(missing.status).toBe(400);
    expect(errorPaths(missing)).toEqual(['Idempotency-Key']);
    const headers = key();
    const body = { customerId: refs.customer.id, amount: '5', method: 'cash', receivedAt: '2026-11-20T15:00:00Z' };
    const first = await b.call(treasurer, 'POST', '/payments', { headers, body });
    const again = await b.call(treasurer, 'POST', '/payments', { headers, body });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body.id).toBe(first.body.id);
  });

  it('bad input is 400 with field paths and writes nothing', async () => {
    const inv = await issued('10');
    const before = [await count('brokerage_payments'), await count('brokerage_payment_allocations')];
    const bad = await pay({
      customerId: 'nope',
      amount: '-1',
      currency: 'usd',
      method: 'bitcoin',
      receivedAt: 'yesterday',
      reference: 'x'.repeat(101),
      allocations: [{ invoiceId: 'x', amount: '1.234' }],
      allocated: '3.00',
    });
    expect(bad.status).toBe(400);
    expect(errorPaths(bad)).toEqual([
      'allocated',
      'allocations.0.amount',
      'allocations.0.invoiceId',
      'amount',
      'currency',
      'customerId',
      'method',
      'receivedAt',
      'reference',
    ]);
    const zero = await pay({ amount: '0', allocations: [{ invoiceId: inv.id, amount: '0.00' }] });
    expect(zero.status).toBe(400);
    expect(errorPaths(zero)).toEqual(['allocations.0.amount', 'amount']);
    const reverse = await b.fails(treasurer, 400, 'POST', `/payments/${randomUUID()}/reverse`, { body: {} });
    expect(errorPaths(reverse)).toEqual(['reason']);
    const query = await b.fails(member(), 400, 'GET', '/receivables/ageing', {
      query: { asOf: '2026-02-30', basis: 'ship_date', format: 'xml' },
    });
    expect(errorPaths(query)).toEqual(['asOf', 'basis', 'format']);
    expect([await count('brokerage_payments'), await count('brokerage_payment_allocations')]).toEqual(before);
    expect(await invoice(inv.id)).toMatchObject({ status: 'issued', outstanding: '10.00' });
  });

  it('refused allocations: past the outstanding, drafts, void, credit notes, another customer or currency; nothing written', async () => {
    const inv = await issued('100');
    const before = await count('brokerage_payments');
    const over = await pay({ amount: '200', allocations: [{ invoiceId: inv.id, amount: '100.01' }] });
    expect(over.status).toBe(409);
    expect(over.body).toMatchObject({
      slug: 'allocation-exceeds-outstanding',
      invoiceId: inv.id,
      outstanding: '100.00',
    });
    // The same invoice twice in one payment counts once, summed.
    const twice = await pay({
      amount: '200',
      allocations: [
        { invoiceId: inv.id, amount: '60' },
        { invoiceId: inv.id, amount: '41' },
      ],
    });
    expect(twice.body.slug).toBe('allocation-exceeds-outstanding');
    const draft = await b.ok(member(), 'POST', '/invoices', {
      body: { customerId: refs.customer.id, lines: amountLines(refs, '10') },
    });
    const voided = await issued('10');
    await b.ok(treasurer, 'POST', `/invoices/${voided.id}/void`, { body: { reason: 'Wrong' } });
    const credited = await issued('10');
    const note = await b.ok(treasurer, 'POST', `/invoices/${credited.id}/credit-notes`, {
      body: { notes: 'x', lines: amountLines(refs, '1') },
    });
    await b.ok(treasurer, 'POST', `/invoices/${note.id}/issue`);
    for (const [target, state] of [
      [draft, 'draft'],
      [voided, 'void'],
      [note, 'issued'],
    ] as const) {
      const res = await pay({ amount: '1', allocations: [{ invoiceId: target.id, amount: '1' }] });
      expect({ state, status: res.status, slug: res.body.slug, currentState: res.body.currentState }).toEqual({
        state,
        status: 409,
        slug: 'invoice-not-payable',
        currentState: state,
      });
    }
    const otherCustomer = await customer(b, null);
    const foreign = await pay({
      customerId: otherCustomer.id,
      amount: '1',
      allocations: [{ invoiceId: inv.id, amount: '1' }],
    });
    expect(foreign.body.slug).toBe('allocation-customer-mismatch');
    const euros = await pay({ amount: '1', currency: 'EUR', allocations: [{ invoiceId: inv.id, amount: '1' }] });
    expect(euros.body).toMatchObject({ slug: 'currency-mismatch', currency: 'USD' });
    const missing = await pay({ amount: '1', allocations: [{ invoiceId: randomUUID(), amount: '1' }] });
    expect(missing.status).toBe(404);
    expect(await count('brokerage_payments')).toBe(before);
    expect(await invoice(inv.id)).toMatchObject({ status: 'issued', outstanding: '100.00' });
  });

  it('20 allocations racing on one invoice never exceed it', async () => {
    const inv = await issued('100');
    const results = await Promise.all(
      Array.from({ length: 20 }, () => pay({ amount: '10', allocations: [{ invoiceId: inv.id, amount: '10' }] })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array(10).fill(201), ...Array(10).fill(409)]);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.slug === 'allocation-exceeds-outstanding')).toBe(
      true,
    );
    const [sum] = await t.db.query(
      'SELECT coalesce(sum(amount), 0)::text AS total, count(*)::int AS n FROM brokerage_payment_allocations WHERE invoice_id = $1',
      [inv.id],
    );
    expect(sum).toEqual({ total: '100.00', n: 10 });
    expect(await invoice(inv.id)).toMatchObject({ status: 'paid', outstanding: '0.00' });
    expect(await t.app.get(ReceivablesService).findMismatches(b.org.id)).toEqual([]);
  });

  it('a reversal writes a reversal row and gives the allocations back: paid → partly_paid → issued', async () => {
    const a = await issued('100');
    const c = await issued('40');
    const first = await paid({ amount: '60', allocations: [{ invoiceId: a.id, amount: '60' }] });
    const second = await paid({
      amount: '80',
      method: 'check',
      reference: 'CHK-1',
      allocations: [
        { invoiceId: a.id, amount: '40' },
        { invoiceId: c.id, amount: '40' },
      ],
    });
    expect(await invoice(a.id)).toMatchObject({ status: 'paid', outstanding: '0.00' });
    await b.fails(member(), 403, 'POST', `/payments/${second.id}/reverse`, { body: { reason: 'Bounced' } });
    const reversed = await b.ok(treasurer, 'POST', `/payments/${second.id}/reverse`, { body: { reason: 'Bounced' } });
    expect(reversed).toMatchObject({ id: second.id, reversalId: expect.any(String), unallocated: '0.00' });
    expect(await invoice(a.id)).toMatchObject({ status: 'partly_paid', outstanding: '40.00' });
    expect(await invoice(c.id)).toMatchObject({ status: 'issued', outstanding: '40.00' });
    const reversal = await b.ok(member(), 'GET', `/payments/${reversed.reversalId}`);
    expect(reversal).toMatchObject({
      kind: 'reversal',
      reversedPaymentId: second.id,
      amount: '80.00',
      reason: 'Bounced',
      allocations: [],
    });
    // Reversed payments and reversal rows take nothing more.
    for (const id of [second.id, reversal.id]) {
      const again = await b.fails(treasurer, 409, 'POST', `/payments/${id}/reverse`, {
        body: { reason: 'x' },
        problem: 'invalid-transition',
      });
      expect(again.currentState).toBe(id === second.id ? 'reversed' : 'reversal');
      await b.fails(treasurer, 409, 'POST', `/payments/${id}/allocations`, {
        body: { allocations: [{ invoiceId: c.id, amount: '1' }] },
        problem: 'invalid-transition',
      });
    }
    await b.ok(officer(), 'POST', `/payments/${first.id}/reverse`, { body: { reason: 'Wrong customer' } });
    expect(await invoice(a.id)).toMatchObject({ status: 'issued', outstanding: '100.00' });
    expect((await b.events('brokerage.payment.reversed')).map((e) => e.subject_id)).toEqual(
      expect.arrayContaining([first.id, second.id]),
    );
    expect(await t.app.get(ReceivablesService).findMismatches(b.org.id)).toEqual([]);
  });

  it('statement and ageing on a known data set (both bases), and the ageing as CSV', async () => {
    const k = await createBrokerage(t);
    const kRefs = await salesRefs(k);
    const other = await customer(k, null);
    const dated = (amount: string, invoiceDate: string, customerId = kRefs.customer.id) =>
      invoiceOf(k, kRefs, amount, customerId, invoiceDate);
    // Net 30: due 30 days after the invoice date. As of 2026-06-30, by due date:
    const i1 = await dated('100', '2026-06-10'); // due 07-10: -10 → 0-30 (invoice date: 20 → 0-30)
    const i2 = await dated('200', '2026-04-21'); // due 05-21: 40 → 31-60 (70 → 61-90)
    const i3 = await dated('300', '2026-03-22'); // due 04-21: 70 → 61-90 (100 → 91-120)
    const i4 = await dated('400', '2026-02-20'); // due 03-22: 100 → 91-120 (130 → 121+)
    const i5 = await dated('500', '2026-01-01'); // due 01-31: 150 → 121+ (180 → 121+)
    await dated('50', '2026-05-01', other.id); // due 05-31: 30 → 0-30 (60 → 31-60)
    await dated('70', '2026-07-05'); // after asOf: not in that ageing
    expect([i1, i2, i3, i4, i5].map((i) => i.dueDate)).toEqual([
      '2026-07-10',
      '2026-05-21',
      '2026-04-21',
      '2026-03-22',
      '2026-01-31',
    ]);
    await k.ok(k.org.owner, 'POST', '/payments', {
      headers: key(),
      body: {
        customerId: kRefs.customer.id,
        amount: '300',
        method: 'ach',
        reference: 'ACH-9',
        receivedAt: '2026-06-15T12:00:00Z',
        allocations: [{ invoiceId: i5.id, amount: '250' }],
      },
    });
    const row = (ageing: any, customerId: string) => {
      const found = ageing.customers.find((c: any) => c.customerId === customerId);
      const { customerName: _n, ...rest } = found;
      return rest;
    };
    const byDue = await k.ok(k.org.at('readonly'), 'GET', '/receivables/ageing', { query: { asOf: '2026-06-30' } });
    expect(byDue).toMatchObject({
      asOf: '2026-06-30',
      basis: 'due_date',
      buckets: ['0-30', '31-60', '61-90', '91-120', '121+'],
    });
    expect(byDue.customers).toHaveLength(2);
    expect(row(byDue, kRefs.customer.id)).toEqual({
      customerId: kRefs.customer.id,
      currency: 'USD',
      '0-30': '100.00',
      '31-60': '200.00',
      '61-90': '300.00',
      '91-120': '400.00',
      '121+': '250.00',
      total: '1250.00',
    });
    expect(row(byDue, other.id)).toMatchObject({ '0-30': '50.00', '31-60': '0.00', '121+': '0.00', total: '50.00' });
    expect(byDue.totals).toEqual([
      {
        currency: 'USD',
        '0-30': '150.00',
        '31-60': '200.00',
        '61-90': '300.00',
        '91-120': '400.00',
        '121+': '250.00',
        total: '1300.00',
      },
    ]);
    const byDate = await k.ok(k.org.at('readonly'), 'GET', '/receivables/ageing', {
      query: { asOf: '2026-06-30', basis: 'invoice_date' },
    });
    expect(row(byDate, kRefs.customer.id)).toMatchObject({
      '0-30': '100.00',
      '31-60': '0.00',
      '61-90': '200.00',
      '91-120': '300.00',
      '121+': '650.00',
      total: '1250.00',
    });
    expect(row(byDate, other.id)).toMatchObject({ '0-30': '0.00', '31-60': '50.00', total: '50.00' });

    const csv = await k.call(k.org.at('readonly'), 'GET', '/receivables/ageing', {
      query: { asOf: '2026-06-30', format: 'csv' },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = String(csv.body).trim().split(/\r?\n/);
    expect(lines[0]).toBe('customerId,customerName,currency,0-30,31-60,61-90,91-120,121+,total');
    expect(lines).toHaveLength(4);
    expect(lines).toContain(
      `${kRefs.customer.id},${kRefs.customer.name},USD,100.00,200.00,300.00,400.00,250.00,1250.00`,
    );
    expect(lines[3]).toBe(',TOTAL,USD,150.00,200.00,300.00,400.00,250.00,1300.00');

    const statement = await k.ok(k.org.at('readonly'), 'GET', `/customers/${kRefs.customer.id}/statement`, {
      query: { to: '2026-06-30' },
    });
    expect(statement.entries.map((e: any) => [e.date, e.kind, e.debit, e.credit, e.balance])).toEqual([
      ['2026-01-01', 'invoice', '500.00', '0.00', '500.00'],
      ['2026-02-20', 'invoice', '400.00', '0.00', '900.00'],
      ['2026-03-22', 'invoice', '300.00', '0.00', '1200.00'],
      ['2026-04-21', 'invoice', '200.00', '0.00', '1400.00'],
      ['2026-06-10', 'invoice', '100.00', '0.00', '1500.00'],
      ['2026-06-15', 'payment', '0.00', '300.00', '1200.00'],
    ]);
    expect(statement).toMatchObject({
      openingBalance: '0.00',
      closingBalance: '1200.00',
      unallocatedCredit: '50.00',
      outstanding: '1320.00',
    });
    expect(statement.openInvoices).toHaveLength(6);
    const period = await k.ok(k.org.at('readonly'), 'GET', `/customers/${kRefs.customer.id}/statement`, {
      query: { from: '2026-04-01', to: '2026-06-30' },
    });
    expect(period.openingBalance).toBe('1200.00');
    expect(period.entries.map((e: any) => e.kind)).toEqual(['invoice', 'invoice', 'payment']);
    expect(period.closingBalance).toBe('1200.00');

    // Receivables: open invoices soonest due first, days overdue in the org's zone; paged.
    const today = todayIn('UTC');
    const page1 = await k.ok(k.org.at('readonly'), 'GET', '/receivables', { query: { limit: 4 } });
    expect(page1.items.map((r: any) => r.dueDate)).toEqual(['2026-01-31', '2026-03-22', '2026-04-21', '2026-05-21']);
    expect(page1.items[0]).toMatchObject({ invoiceId: i5.id, outstanding: '250.00', status: 'partly_paid' });
    expect(page1.items[0].daysOverdue).toBe(Math.round((Date.parse(today) - Date.parse('2026-01-31')) / 86_400_000));
    const page2 = await k.ok(k.org.at('readonly'), 'GET', '/receivables', {
      query: { limit: 4, cursor: page1.nextCursor },
    });
    expect(page2.items).toHaveLength(3);
    expect(page2.nextCursor).toBeNull();
    const others = await k.ok(k.org.at('readonly'), 'GET', '/receivables', { query: { customerId: other.id } });
    expect(others.items.map((r: any) => r.total)).toEqual(['50.00']);
  });

  it('the reminder job mails each step once, to the AP contact, on the org schedule', async () => {
    const today = todayIn('UTC');
    // Net 30, invoice dated 38 days ago: due 8 days ago → the +7 step.
    const late = await issued('75', refs.customer.id, addDays(today, -38));
    const settled = await issued('20', refs.customer.id, addDays(today, -38));
    await paid({ amount: '20', allocations: [{ invoiceId: settled.id, amount: '20' }] });
    const job = t.app.get(PaymentRemindersService);
    const rows = (id: string) =>
      t.db.query(
        `SELECT subject_id, recipient, template FROM mail_sends WHERE purpose = 'brokerage.payment_reminder'
           AND subject_id LIKE $1 ORDER BY subject_id`,
        [`${id}:%`],
      );
    await job.remind(new Date());
    await job.remind(new Date());
    expect(await rows(late.id)).toEqual([
      { subject_id: `${late.id}:7`, recipient: refs.apContact.email, template: 'brokerage.payment_reminder' },
    ]);
    expect(await rows(settled.id)).toEqual([]);
    // A week later the +14 step goes out, once.
    const weekLater = new Date(Date.now() + 7 * 86_400_000);
    await job.remind(weekLater);
    await job.remind(weekLater);
    expect((await rows(late.id)).map((r: any) => r.subject_id)).toEqual([`${late.id}:14`, `${late.id}:7`]);
  });

  it('check:receivables finds an outstanding corrupted behind its back', async () => {
    const check = t.app.get(ReceivablesService);
    const inv = await issued('90');
    await paid({ amount: '30', allocations: [{ invoiceId: inv.id, amount: '30' }] });
    expect(await check.findMismatches(b.org.id)).toEqual([]);
    await t.db.query('UPDATE brokerage_invoices SET outstanding = 61 WHERE id = $1', [inv.id]);
    expect(await check.findMismatches(b.org.id)).toEqual([
      {
        orgId: b.org.id,
        invoiceId: inv.id,
        number: inv.number,
        status: 'partly_paid',
        stored: '61.00',
        expected: '60.00',
      },
    ]);
    await t.db.query('UPDATE brokerage_invoices SET outstanding = 60 WHERE id = $1', [inv.id]);
    expect(await check.findMismatches()).toEqual([]);
  });

  it('tiers and orgs: readonly reads, member 403 recording, treasurer and officer record; another org 404', async () => {
    const inv = await issued('30');
    const payment = await paid({ amount: '10', allocations: [{ invoiceId: inv.id, amount: '10' }] }, officer());
    for (const path of [
      '/payments',
      `/payments/${payment.id}`,
      '/receivables',
      '/receivables/ageing',
      `/customers/${refs.customer.id}/statement`,
    ])
      await b.forbidden('GET', path, 'readonly', ['brokerage:read'], { allowed: true });
    await b.forbidden('POST', `/payments/${payment.id}/reverse`, 'officer', ['brokerage:write'], {
      body: { reason: 'x' },
    });
    await b.forbidden('POST', `/payments/${payment.id}/allocations`, 'officer', ['brokerage:write'], {
      body: { allocations: [{ invoiceId: inv.id, amount: '1' }] },
    });
    const refused = await pay({ amount: '1' }, member());
    expect(refused.status).toBe(403);
    expect((await paid({ amount: '1' }, treasurer)).recordedById).toBe(treasurer.id);
    const before = await count('brokerage_payments');
    const other = await createBrokerage(t);
    await other.expectNotFound(other.org.owner, [
      ['GET', `/payments/${payment.id}`],
      ['POST', `/payments/${payment.id}/reverse`, { reason: 'x' }],
      ['POST', `/payments/${payment.id}/allocations`, { allocations: [{ invoiceId: inv.id, amount: '1' }] }],
      ['GET', `/customers/${refs.customer.id}/statement`],
    ]);
    const foreignCustomer = await other.call(other.org.owner, 'POST', '/payments', {
      headers: key(),
      body: { customerId: refs.customer.id, amount: '1', method: 'cash', receivedAt: '2026-11-20T15:00:00Z' },
    });
    expect(foreignCustomer.status).toBe(404);
    const otherRefs = await salesRefs(other);
    const foreignInvoice = await other.call(other.org.owner, 'POST', '/payments', {
      headers: key(),
      body: {
        customerId: otherRefs.customer.id,
        amount: '1',
        method: 'cash',
        receivedAt: '2026-11-20T15:00:00Z',
        allocations: [{ invoiceId: inv.id, amount: '1' }],
      },
    });
    expect(foreignInvoice.status).toBe(404);
    expect(await count('brokerage_payments')).toBe(before);
    expect(await invoice(inv.id)).toMatchObject({ outstanding: '20.00' });
  });
});
