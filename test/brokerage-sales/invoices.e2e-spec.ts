import { JobQueue } from '../../src/platform/jobs/job-queue';
import { MAIL_QUEUE } from '../../src/platform/mail/mail.service';
import { InvoiceOverdueService } from '../../src/contexts/brokerage/sales/invoices/invoice-overdue.service';
import { todayIn } from '../../src/contexts/brokerage/sales/invoices/invoice-rules';
import { Brokerage, createBrokerage, errorPaths } from '../brokerage/brokerage-kit';
import { Caller } from '../support/http';
import { decodedText, SmtpCapture } from '../support/smtp-capture';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { amountLines, createdOrder, customer, orderBody, orderIn, SalesRefs, salesRefs } from './sales-kit';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** Issue 14 item 6: invoices and credit notes, numbering at issue, void, overdue, PDF and mail. */
describe('brokerage invoices (e2e)', () => {
  let t: TestApp;
  let b: Brokerage;
  let smtp: SmtpCapture;
  let refs: SalesRefs;
  let treasurer: TestUser;

  const member = () => b.org.at('member');
  const officer = () => b.org.at('officer');
  const byHand = (overrides: Record<string, unknown> = {}) => ({
    customerId: refs.customer.id,
    customerPoNumber: 'PO-HAND-1',
    lines: amountLines(refs, '100'),
    ...overrides,
  });
  const draft = (body: unknown = byHand(), who: Caller = member()) => b.ok(who, 'POST', '/invoices', { body });
  const issue = (id: string, who: Caller = treasurer) => b.ok(who, 'POST', `/invoices/${id}/issue`);
  const invoiceCount = async () =>
    Number((await t.db.query('SELECT count(*) AS n FROM brokerage_invoices WHERE org_id = $1', [b.org.id]))[0].n);

  beforeAll(async () => {
    smtp = new SmtpCapture();
    t = await startTestApp({ SMTP_URL: await smtp.start() });
    b = await createBrokerage(t);
    refs = await salesRefs(b);
    treasurer = await b.org.addUser('member', ['treasurer']);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('from a delivered sales order: its customer, PO and delivered weights; one live invoice per order', async () => {
    const pending = await createdOrder(b, orderBody(refs));
    const notDelivered = await b.fails(member(), 409, 'POST', '/invoices/from-sales-order', {
      body: { salesOrderId: pending.id },
      problem: 'sales-order-not-delivered',
    });
    expect(notDelivered.currentState).toBe('pending');
    const order = await orderIn(b, orderBody(refs), 'in_transit');
    const [catchLine, netLine] = order.lines;
    await b.ok(member(), 'POST', `/sales-orders/${order.id}/deliver`, {
      body: {
        lines: [
          { lineId: catchLine.id, deliveredCases: 10, deliveredWeight: '612.4' },
          { lineId: netLine.id, deliveredCases: 4, deliveredWeight: '241.2' },
        ],
      },
    });
    const invoice = await b.ok(member(), 'POST', '/invoices/from-sales-order', {
      body: { salesOrderId: order.id, taxRate: '5' },
    });
    expect(invoice).toMatchObject({
      kind: 'invoice',
      status: 'draft',
      number: null,
      customerId: refs.customer.id,
      salesOrderId: order.id,
      customerPoNumber: 'CUST-PO-77',
      subtotal: '1657.47',
      tax: '82.87',
      total: '1740.34',
      outstanding: '0.00',
      overdue: false,
      lines: [
        { lineNo: 1, weight: '612.400', description: 'Beef trim catch weight', total: '1307.47' },
        { lineNo: 2, cases: 4, total: '350.00' },
      ],
    });
    await b.fails(member(), 409, 'POST', '/invoices/from-sales-order', {
      body: { salesOrderId: order.id },
      problem: 'already-invoiced',
    });
    // Cancelling the draft lets the order be invoiced again.
    expect((await b.ok(member(), 'POST', `/invoices/${invoice.id}/cancel`)).status).toBe('cancelled');
    const again = await b.ok(member(), 'POST', '/invoices/from-sales-order', { body: { salesOrderId: order.id } });
    expect(again.total).toBe('1657.47');
  });

  it('issuing (treasurer): numbered, dated in the org zone, due per terms, frozen, PDF stored and readable; event', async () => {
    const inv = await draft(byHand({ taxRate: '8.875' }));
    expect(inv).toMatchObject({ subtotal: '100.00', tax: '8.88', total: '108.88' });
    const bad = await b.fails(member(), 400, 'POST', '/invoices', {
      body: byHand({ total: '1.00', taxRate: 'x', lines: [{ ...amountLines(refs, '1')[0], cases: -1 }] }),
    });
    expect(errorPaths(bad)).toEqual(['lines.0.cases', 'taxRate', 'total']);
    const edited = await b.ok(member(), 'PATCH', `/invoices/${inv.id}`, { body: { lines: amountLines(refs, '200') } });
    expect(edited).toMatchObject({ subtotal: '200.00', tax: '17.75', total: '217.75' });
    await b.fails(member(), 403, 'POST', `/invoices/${inv.id}/issue`);
    const issued = await issue(inv.id);
    const today = todayIn('UTC');
    expect(issued).toMatchObject({
      status: 'issued',
      number: expect.stringMatching(/^INV-\d{6}$/),
      invoiceDate: today,
      issuedById: treasurer.id,
      outstanding: '217.75',
      overdue: false,
    });
    expect(Date.parse(issued.dueDate) - Date.parse(today)).toBe(30 * 86_400_000);
    expect(issued.pdfFileId).toEqual(expect.any(String));
    const pdf = await b.call(b.org.at('readonly'), 'GET', `/invoices/${inv.id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toContain('application/pdf');
    expect(String(pdf.body).startsWith('%PDF-')).toBe(true);
    expect(String(pdf.body).trimEnd().endsWith('%%EOF')).toBe(true);
    const [stored] = await t.db.query(
      'SELECT content_type, purpose, declared_name FROM files WHERE id = $1 AND org_id = $2',
      [issued.pdfFileId, b.org.id],
    );
    expect(stored).toEqual({
      content_type: 'application/pdf',
      purpose: 'document',
      declared_name: `${issued.number}.pdf`,
    });
    // A draft renders on the fly (not stored).
    const draftPdf = await b.call(member(), 'GET', `/invoices/${(await draft()).id}/pdf`);
    expect(draftPdf.status).toBe(200);
    expect(String(draftPdf.body).startsWith('%PDF-')).toBe(true);
    const frozen = await b.fails(member(), 409, 'PATCH', `/invoices/${inv.id}`, {
      body: { notes: 'x' },
      problem: 'invoice-not-editable',
    });
    expect(frozen.currentState).toBe('issued');
    const events = await b.events('brokerage.invoice.issued');
    expect(events.map((e) => e.subject_id)).toContain(inv.id);
  });

  it('every illegal transition is 409 invalid-transition with the current state; voiding needs a reason', async () => {
    const cancelled = await draft();
    await b.ok(member(), 'POST', `/invoices/${cancelled.id}/cancel`);
    const issued = await issue((await draft()).id);
    const voided = await issue((await draft()).id);
    expect(errorPaths(await b.fails(treasurer, 400, 'POST', `/invoices/${voided.id}/void`, { body: {} }))).toEqual([
      'reason',
    ]);
    const v = await b.ok(treasurer, 'POST', `/invoices/${voided.id}/void`, { body: { reason: 'Wrong customer' } });
    expect(v).toMatchObject({ status: 'void', voidReason: 'Wrong customer', outstanding: '0.00' });
    const partly = await issue((await draft()).id);
    const note = await b.ok(treasurer, 'POST', `/invoices/${partly.id}/credit-notes`, {
      body: { notes: 'Short weight', lines: amountLines(refs, '40') },
    });
    await issue(note.id);
    const plain = await draft();
    const cases: [any, string, string][] = [
      [plain, 'void', 'draft'],
      [cancelled, 'issue', 'cancelled'],
      [cancelled, 'cancel', 'cancelled'],
      [cancelled, 'void', 'cancelled'],
      [issued, 'issue', 'issued'],
      [issued, 'cancel', 'issued'],
      [voided, 'issue', 'void'],
      [voided, 'void', 'void'],
      [voided, 'cancel', 'void'],
      [partly, 'void', 'partly_paid'],
      [partly, 'cancel', 'partly_paid'],
    ];
    for (const [invoice, action, state] of cases) {
      const res = await b.call(officer(), 'POST', `/invoices/${invoice.id}/${action}`, {
        body: action === 'void' ? { reason: 'x' } : undefined,
      });
      expect({ action, state, status: res.status, slug: res.body.slug, currentState: res.body.currentState }).toEqual({
        action,
        state,
        status: 409,
        slug: 'invalid-transition',
        currentState: state,
      });
    }
    expect((await b.events('brokerage.invoice.voided')).map((e) => e.subject_id)).toEqual([voided.id]);
  });

  it('credit notes correct an issued invoice: partly_paid, then paid (event); never past what it owes', async () => {
    const inv = await issue((await draft(byHand({ lines: amountLines(refs, '100') }))).id);
    await b.fails(member(), 403, 'POST', `/invoices/${inv.id}/credit-notes`, {
      body: { notes: 'x', lines: amountLines(refs, '1') },
    });
    const first = await b.ok(officer(), 'POST', `/invoices/${inv.id}/credit-notes`, {
      body: { notes: 'Short weight', lines: amountLines(refs, '30') },
    });
    expect(first).toMatchObject({ kind: 'credit_note', status: 'draft', creditedInvoiceId: inv.id, total: '30.00' });
    const issuedNote = await issue(first.id);
    expect(issuedNote.number).toMatch(/^CN-\d{6}$/);
    expect(await b.ok(member(), 'GET', `/invoices/${inv.id}`)).toMatchObject({
      status: 'partly_paid',
      outstanding: '70.00',
    });
    const tooMuch = await b.ok(officer(), 'POST', `/invoices/${inv.id}/credit-notes`, {
      body: { notes: 'Too much', lines: amountLines(refs, '70.01') },
    });
    const refused = await b.fails(treasurer, 409, 'POST', `/invoices/${tooMuch.id}/issue`, {
      problem: 'credit-exceeds-outstanding',
    });
    expect(refused.outstanding).toBe('70.00');
    expect((await b.ok(member(), 'GET', `/invoices/${tooMuch.id}`)).number).toBeNull();
    const rest = await b.ok(officer(), 'POST', `/invoices/${inv.id}/credit-notes`, {
      body: { notes: 'Rest', lines: amountLines(refs, '70') },
    });
    await issue(rest.id);
    expect(await b.ok(member(), 'GET', `/invoices/${inv.id}`)).toMatchObject({ status: 'paid', outstanding: '0.00' });
    expect((await b.events('brokerage.invoice.paid')).map((e) => e.subject_id)).toEqual([inv.id]);
    await b.fails(officer(), 409, 'POST', `/invoices/${inv.id}/credit-notes`, {
      body: { notes: 'x', lines: amountLines(refs, '1') },
      problem: 'invalid-transition',
    });
  });

  it('overdue is derived in the org zone and announced once by the daily job', async () => {
    const late = await issue((await draft(byHand({ invoiceDate: '2026-01-02' }))).id);
    expect(late).toMatchObject({ dueDate: '2026-02-01', overdue: true });
    expect(late.daysOverdue).toBeGreaterThan(0);
    const current = await issue((await draft()).id);
    const overdue = await b.ok(member(), 'GET', '/invoices', {
      query: { overdue: 'true', customerId: refs.customer.id },
    });
    const ids = overdue.items.map((i: any) => i.id);
    expect(ids).toContain(late.id);
    expect(ids).not.toContain(current.id);
    const notOverdue = await b.ok(member(), 'GET', '/invoices', { query: { overdue: 'false' } });
    expect(notOverdue.items.map((i: any) => i.id)).toContain(current.id);
    const job = t.app.get(InvoiceOverdueService);
    // The day after the due date in Chicago is still the due date there at 03:00 UTC.
    await b.ok(b.org.at('admin'), 'PATCH', '/settings', { body: { timeZone: 'America/Chicago' } });
    await job.announce(new Date('2026-02-02T03:00:00Z'));
    expect((await b.events('brokerage.invoice.overdue')).map((e) => e.subject_id)).not.toContain(late.id);
    await job.announce(new Date());
    await job.announce(new Date());
    const announced = (await b.events('brokerage.invoice.overdue')).filter((e) => e.subject_id === late.id);
    expect(announced).toHaveLength(1);
    expect(announced[0].payload).toMatchObject({ number: late.number, dueDate: '2026-02-01', outstanding: '100.00' });
  });

  it('send mails an issued invoice to the AP contact; drafts are not sent', async () => {
    const inv = await draft();
    await b.fails(treasurer, 409, 'POST', `/invoices/${inv.id}/send`, { problem: 'invoice-not-issued' });
    const issued = await issue(inv.id);
    await b.fails(member(), 403, 'POST', `/invoices/${inv.id}/send`);
    await b.ok(treasurer, 'POST', `/invoices/${inv.id}/send`);
    await t.app.get(JobQueue).drain([MAIL_QUEUE]);
    const mails = smtp.to(refs.apContact.email).filter((m) => decodedText(m.raw).includes(issued.number));
    expect(mails).toHaveLength(1);
    expect(decodedText(mails[0].raw)).toContain('100.00');
    // The invoice's PDF goes with it.
    expect(mails[0].raw).toMatch(new RegExp(`Content-Type: application/pdf; name="?${issued.number}\\.pdf`));
  });

  it('issued invoices count against the credit limit instead of their order; voiding frees it', async () => {
    const limited = await customer(b, '1000');
    const order = await orderIn(
      b,
      orderBody(refs, { customerId: limited.id, lines: amountLines(refs, '600'), contactId: null }),
      'delivered',
    );
    const invoice = await b.ok(member(), 'POST', '/invoices/from-sales-order', { body: { salesOrderId: order.id } });
    await issue(invoice.id);
    const next = await createdOrder(b, orderBody(refs, { customerId: limited.id, lines: amountLines(refs, '500') }));
    const refused = await b.fails(member(), 409, 'POST', `/sales-orders/${next.id}/confirm`, {
      problem: 'credit-limit-exceeded',
    });
    expect(refused).toMatchObject({ exposure: '600.00', orderTotal: '500.00' });
    await b.ok(treasurer, 'POST', `/invoices/${invoice.id}/void`, { body: { reason: 'Re-bill' } });
    // The void invoice owes nothing, but its delivered order is open again until re-invoiced.
    const again = await b.fails(member(), 409, 'POST', `/sales-orders/${next.id}/confirm`, {
      problem: 'credit-limit-exceeded',
    });
    expect(again.exposure).toBe('600.00');
  });

  it('50 simultaneous issues get 50 consecutive numbers', async () => {
    const fresh = await createBrokerage(t);
    const freshRefs = await salesRefs(fresh);
    const freshTreasurer = await fresh.org.addUser('member', ['treasurer']);
    const drafts: any[] = [];
    for (let i = 0; i < 50; i++)
      drafts.push(
        await fresh.ok(fresh.org.at('member'), 'POST', '/invoices', {
          body: { customerId: freshRefs.customer.id, lines: amountLines(freshRefs, String(i + 1)) },
        }),
      );
    const results = await Promise.all(drafts.map((d) => fresh.call(freshTreasurer, 'POST', `/invoices/${d.id}/issue`)));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    const numbers = results.map((r) => r.body.number).sort();
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => `INV-${String(i + 1).padStart(6, '0')}`));
  });

  it('tiers and orgs: readonly reads, members draft, treasurer or officer issue, void and send; another org 404', async () => {
    const inv = await draft();
    await b.forbidden('GET', '/invoices', 'readonly', ['brokerage:read'], { allowed: true });
    await b.forbidden('GET', `/invoices/${inv.id}`, 'readonly', ['brokerage:read'], { allowed: true });
    await b.forbidden('POST', '/invoices', 'member', ['brokerage:write'], { body: byHand() });
    for (const action of ['issue', 'void', 'send'])
      await b.forbidden('POST', `/invoices/${inv.id}/${action}`, 'officer', ['brokerage:write'], {
        body: action === 'void' ? { reason: 'x' } : undefined,
      });
    expect((await issue(inv.id, officer())).status).toBe('issued');
    const before = await invoiceCount();
    const other = await createBrokerage(t);
    await other.expectNotFound(other.org.owner, [
      ['GET', `/invoices/${inv.id}`],
      ['GET', `/invoices/${inv.id}/pdf`],
      ['PATCH', `/invoices/${inv.id}`, { notes: 'x' }],
      ['POST', `/invoices/${inv.id}/void`, { reason: 'x' }],
      ['POST', `/invoices/${inv.id}/credit-notes`, { notes: 'x', lines: amountLines(refs, '1') }],
    ]);
    const foreignCustomer = await other
      .ok(other.org.owner, 'POST', '/invoices', {
        body: byHand({ customerId: refs.customer.id }),
      })
      .catch((e: Error) => e);
    expect(foreignCustomer).toBeInstanceOf(Error);
    expect(await invoiceCount()).toBe(before);
  });
});
