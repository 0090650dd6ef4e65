import { randomUUID } from 'node:crypto';
import { JobQueue } from '../../src/platform/jobs/job-queue';
import { MAIL_QUEUE } from '../../src/platform/mail/mail.service';
import { Brokerage, createBrokerage, errorPaths } from '../brokerage/brokerage-kit';
import { decodedText, SmtpCapture } from '../support/smtp-capture';
import { startTestApp, TestApp } from '../support/test-app';
import {
  amountLines,
  createdOrder,
  createOrder,
  customer,
  orderBody,
  orderIn,
  product,
  SalesRefs,
  salesRefs,
} from './sales-kit';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** Issue 14 item 5: sales orders, their lifecycle, margin and the customer's credit limit. */
describe('brokerage sales orders (e2e)', () => {
  let t: TestApp;
  let b: Brokerage;
  let smtp: SmtpCapture;
  let refs: SalesRefs;

  const member = () => b.org.at('member');
  const officer = () => b.org.at('officer');
  const orderCount = async () =>
    Number((await t.db.query('SELECT count(*) AS n FROM brokerage_sales_orders WHERE org_id = $1', [b.org.id]))[0].n);
  const eventsOf = async (id: string) =>
    (
      await t.db.query('SELECT type FROM outbox_events WHERE org_id = $1 AND subject_id = $2 ORDER BY seq', [
        b.org.id,
        id,
      ])
    ).map((r: { type: string }) => r.type);

  beforeAll(async () => {
    smtp = new SmtpCapture();
    t = await startTestApp({ SMTP_URL: await smtp.start() });
    b = await createBrokerage(t);
    refs = await salesRefs(b);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('creating needs an Idempotency-Key; the server numbers, prices and computes the margin; totals are never accepted', async () => {
    const missing = await b.fails(member(), 400, 'POST', '/sales-orders', { body: orderBody(refs) });
    expect(errorPaths(missing)).toEqual(['Idempotency-Key']);
    const before = await orderCount();
    const order = await createdOrder(b, orderBody(refs, { purchaseOrderIds: [refs.purchaseOrder.id] }));
    expect(order).toMatchObject({
      status: 'pending',
      customerId: refs.customer.id,
      customerPoNumber: 'CUST-PO-77',
      carrierReleaseNumber: 'REL-9',
      currency: 'USD',
      total: '1631.00',
      cost: '240.00',
      margin: '1391.00',
      purchaseOrderIds: [refs.purchaseOrder.id],
      createdById: member().id,
      lines: [
        { lineNo: 1, weight: '600.000', unitPrice: '2.1350', weightType: 'catch', total: '1281.00' },
        { lineNo: 2, cases: 4, priceBasis: 'per_case', total: '350.00' },
      ],
    });
    expect(order.number).toMatch(/^SO-\d{6}$/);
    expect(await orderCount()).toBe(before + 1);
    expect((await createOrder(b, member(), { ...orderBody(refs), total: '1.00' })).status).toBe(400);
    expect((await createOrder(b, member(), { ...orderBody(refs), margin: '1.00' })).status).toBe(400);
    expect(await b.ok(b.org.at('readonly'), 'GET', `/sales-orders/${order.id}`)).toEqual(order);
    expect(await orderCount()).toBe(before + 1);
  });

  it('refuses bad input with paths, foreign and wrong-kind references, inactive products; writes nothing', async () => {
    const before = await orderCount();
    const bad = await createOrder(
      b,
      member(),
      orderBody(refs, {
        customerId: 'nope',
        purchaseOrderIds: ['x'],
        deliveryDate: '2026-02-30',
        lines: [
          {
            productId: refs.netWeight.id,
            cases: -1,
            weight: 'x',
            weightUnit: 'LBS',
            priceBasis: 'per_ton',
            unitPrice: '-1',
          },
        ],
      }),
    );
    expect(bad.status).toBe(400);
    expect(errorPaths(bad.body)).toEqual(
      expect.arrayContaining([
        'customerId',
        'deliveryDate',
        'lines.0.cases',
        'lines.0.weight',
        'lines.0.priceBasis',
        'lines.0.unitPrice',
        'purchaseOrderIds',
      ]),
    );
    const unit = await createOrder(
      b,
      member(),
      orderBody(refs, { lines: [{ ...orderBody(refs).lines[0], weightUnit: 'KG' }] }),
    );
    expect(errorPaths(unit.body)).toEqual(['lines.0.weightUnit']);
    expect((await createOrder(b, member(), orderBody(refs, { lines: [] }))).status).toBe(400);
    // A supplier's id is no customer; another org's customer and purchase order are 404.
    expect((await createOrder(b, member(), orderBody(refs, { customerId: refs.supplier.id }))).status).toBe(404);
    const other = await createBrokerage(t);
    const foreign = await salesRefs(other);
    expect((await createOrder(b, member(), orderBody(refs, { customerId: foreign.customer.id }))).status).toBe(404);
    const foreignPo = await createOrder(b, member(), orderBody(refs, { purchaseOrderIds: [foreign.purchaseOrder.id] }));
    expect(foreignPo.status).toBe(404);
    const inactive = await product(b, 'net', false);
    const refused = await createOrder(
      b,
      member(),
      orderBody(refs, { lines: [{ ...orderBody(refs).lines[1], productId: inactive.id }] }),
    );
    expect(refused.body).toMatchObject({ status: 409, slug: 'inactive-product', productId: inactive.id });
    expect(await orderCount()).toBe(before);
  });

  it('the lifecycle: members edit pending orders, confirm (mailed once), ship and deliver (catch weight re-priced); events', async () => {
    const order = await createdOrder(b, orderBody(refs));
    const edited = await b.ok(member(), 'PATCH', `/sales-orders/${order.id}`, {
      body: { notes: 'Rush', lines: [orderBody(refs).lines[1]], purchaseOrderIds: [refs.purchaseOrder.id] },
    });
    expect(edited).toMatchObject({ notes: 'Rush', total: '350.00', cost: '240.00', margin: '110.00' });
    await b.ok(member(), 'PATCH', `/sales-orders/${order.id}`, { body: { lines: orderBody(refs).lines } });
    const confirmed = await b.ok(member(), 'POST', `/sales-orders/${order.id}/confirm`, { body: {} });
    expect(confirmed).toMatchObject({ status: 'confirmed', confirmedById: member().id, creditOverrideReason: null });
    const locked = await b.fails(member(), 409, 'PATCH', `/sales-orders/${order.id}`, {
      body: { notes: 'late' },
      problem: 'order-not-editable',
    });
    expect(locked.currentState).toBe('confirmed');

    await t.app.get(JobQueue).drain([MAIL_QUEUE]);
    const mails = smtp.to(refs.contact.email);
    expect(mails).toHaveLength(1);
    expect(decodedText(mails[0].raw)).toContain(order.number);
    expect(decodedText(mails[0].raw)).toContain('1631.00');
    expect(decodedText(mails[0].raw)).toContain('Beef trim catch weight');

    expect((await b.ok(member(), 'POST', `/sales-orders/${order.id}/ship`)).status).toBe('in_transit');
    const [catchLine, netLine] = confirmed.lines;
    const partial = await b.fails(member(), 400, 'POST', `/sales-orders/${order.id}/deliver`, {
      body: { lines: [{ lineId: catchLine.id, deliveredCases: 10, deliveredWeight: '612.4' }] },
    });
    expect(errorPaths(partial)).toEqual(['lines']);
    const delivered = await b.ok(member(), 'POST', `/sales-orders/${order.id}/deliver`, {
      body: {
        lines: [
          { lineId: catchLine.id, deliveredCases: 10, deliveredWeight: '612.4' },
          { lineId: netLine.id, deliveredCases: 4, deliveredWeight: '241.2' },
        ],
      },
    });
    expect(delivered).toMatchObject({
      status: 'delivered',
      total: '1657.47',
      lines: [
        { deliveredWeight: '612.400', total: '1307.47' },
        { deliveredWeight: '241.200', total: '350.00' },
      ],
    });
    expect(await eventsOf(order.id)).toEqual(['brokerage.sales_order.confirmed', 'brokerage.sales_order.delivered']);
    const listed = await b.ok(b.org.at('readonly'), 'GET', '/sales-orders', {
      query: { status: 'delivered', customerId: refs.customer.id },
    });
    expect(listed.items.map((o: any) => o.id)).toEqual([order.id]);
  });

  it('every illegal transition is 409 invalid-transition with the current state', async () => {
    const illegal: Record<string, string[]> = {
      pending: ['ship', 'deliver'],
      confirmed: ['confirm', 'deliver'],
      in_transit: ['confirm', 'ship', 'cancel'],
      delivered: ['confirm', 'ship', 'deliver', 'cancel'],
      cancelled: ['confirm', 'ship', 'deliver', 'cancel'],
    };
    for (const [state, actions] of Object.entries(illegal)) {
      const order = await orderIn(b, orderBody(refs), state);
      expect(order.status).toBe(state);
      for (const action of actions) {
        const res = await b.call(officer(), 'POST', `/sales-orders/${order.id}/${action}`, {
          body: action === 'cancel' ? { reason: 'no' } : {},
        });
        expect({ state, action, status: res.status, slug: res.body.slug, currentState: res.body.currentState }).toEqual(
          {
            state,
            action,
            status: 409,
            slug: 'invalid-transition',
            currentState: state,
          },
        );
      }
    }
  });

  it('cancelling needs a reason; members cancel pending orders, officers confirmed ones', async () => {
    const pending = await createdOrder(b, orderBody(refs));
    expect(
      errorPaths(await b.fails(member(), 400, 'POST', `/sales-orders/${pending.id}/cancel`, { body: {} })),
    ).toEqual(['reason']);
    const cancelled = await b.ok(member(), 'POST', `/sales-orders/${pending.id}/cancel`, { body: { reason: 'Dup' } });
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'Dup' });
    const confirmed = await orderIn(b, orderBody(refs), 'confirmed');
    await b.fails(member(), 403, 'POST', `/sales-orders/${confirmed.id}/cancel`, { body: { reason: 'no' } });
    expect(
      (await b.ok(officer(), 'POST', `/sales-orders/${confirmed.id}/cancel`, { body: { reason: 'Price' } })).status,
    ).toBe('cancelled');
  });

  it("a member changes and cancels only the pending orders they entered (another's: 403, unchanged); officers any", async () => {
    const order = await createdOrder(b, orderBody(refs));
    const colleague = await b.org.addUser('member');
    await b.fails(colleague, 403, 'PATCH', `/sales-orders/${order.id}`, { body: { customerPoNumber: 'X-1' } });
    await b.fails(colleague, 403, 'POST', `/sales-orders/${order.id}/cancel`, { body: { reason: 'Mine now' } });
    expect(await b.ok(member(), 'GET', `/sales-orders/${order.id}`)).toMatchObject({
      status: 'pending',
      customerPoNumber: order.customerPoNumber,
    });
    expect(
      await b.ok(member(), 'PATCH', `/sales-orders/${order.id}`, { body: { customerPoNumber: 'X-2' } }),
    ).toMatchObject({
      customerPoNumber: 'X-2',
    });
    expect(
      await b.ok(officer(), 'PATCH', `/sales-orders/${order.id}`, { body: { customerPoNumber: 'X-3' } }),
    ).toMatchObject({
      customerPoNumber: 'X-3',
    });
    expect(
      (await b.ok(officer(), 'POST', `/sales-orders/${order.id}/cancel`, { body: { reason: 'Dup' } })).status,
    ).toBe('cancelled');
  });

  it('the credit limit: open orders count; past it is 409 with the figures; only an officer overrides, with a reason', async () => {
    const limited = await customer(b, '1000');
    const body = (amount: string) => orderBody(refs, { customerId: limited.id, lines: amountLines(refs, amount) });
    const first = await createdOrder(b, body('800'));
    await b.ok(member(), 'POST', `/sales-orders/${first.id}/confirm`, { body: {} });
    const second = await createdOrder(b, body('300'));
    const refused = await b.fails(member(), 409, 'POST', `/sales-orders/${second.id}/confirm`, {
      body: {},
      problem: 'credit-limit-exceeded',
    });
    expect(refused).toMatchObject({
      creditLimit: '1000.00',
      exposure: '800.00',
      orderTotal: '300.00',
      excess: '100.00',
      currency: 'USD',
    });
    const treasurer = await b.org.addUser('member', ['treasurer']);
    await b.fails(treasurer, 409, 'POST', `/sales-orders/${second.id}/confirm`, { problem: 'credit-limit-exceeded' });
    await b.fails(treasurer, 403, 'POST', `/sales-orders/${second.id}/confirm`, {
      body: { creditOverrideReason: 'I am accounting' },
    });
    await b.fails(member(), 403, 'POST', `/sales-orders/${second.id}/confirm`, { body: { creditOverrideReason: 'x' } });
    expect((await b.ok(member(), 'GET', `/sales-orders/${second.id}`)).status).toBe('pending');
    const overridden = await b.ok(officer(), 'POST', `/sales-orders/${second.id}/confirm`, {
      body: { creditOverrideReason: 'Paid by wire today' },
    });
    expect(overridden).toMatchObject({ status: 'confirmed', creditOverrideReason: 'Paid by wire today' });
    // Cancelling an open order frees its credit.
    await b.ok(officer(), 'POST', `/sales-orders/${first.id}/cancel`, { body: { reason: 'Customer cancelled' } });
    const third = await createdOrder(b, body('700'));
    expect((await b.ok(member(), 'POST', `/sales-orders/${third.id}/confirm`, { body: {} })).status).toBe('confirmed');
    const noLimit = await customer(b, null);
    const big = await createdOrder(b, orderBody(refs, { customerId: noLimit.id, lines: amountLines(refs, '9999999') }));
    expect((await b.ok(member(), 'POST', `/sales-orders/${big.id}/confirm`, { body: {} })).status).toBe('confirmed');
  });

  it('two confirmations racing over the credit limit: exactly one passes', async () => {
    const limited = await customer(b, '1000');
    const orders = await Promise.all(
      [1, 2].map(() => createdOrder(b, orderBody(refs, { customerId: limited.id, lines: amountLines(refs, '600') }))),
    );
    const results = await Promise.all(
      orders.map((o) => b.call(member(), 'POST', `/sales-orders/${o.id}/confirm`, { body: {} })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.body.slug).toBe('credit-limit-exceeded');
    const states = await Promise.all(orders.map((o) => b.ok(member(), 'GET', `/sales-orders/${o.id}`)));
    expect(states.map((o) => o.status).sort()).toEqual(['confirmed', 'pending']);
  });

  it('concurrent retries with one Idempotency-Key make one order', async () => {
    const key = randomUUID();
    const body = orderBody(refs, { customerPoNumber: `RETRY-${key.slice(0, 8)}` });
    const results = await Promise.all(Array.from({ length: 5 }, () => createOrder(b, member(), body, key)));
    const ok = results.filter((r) => r.status === 201);
    expect(results.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    expect(new Set(ok.map((r) => r.body.id)).size).toBe(1);
    const count = await t.db.query(
      'SELECT count(*)::int AS n FROM brokerage_sales_orders WHERE org_id = $1 AND customer_po_number = $2',
      [b.org.id, body.customerPoNumber],
    );
    expect(count[0].n).toBe(1);
  });

  it('tiers and orgs: readonly reads, members write; another org gets 404', async () => {
    const order = await createdOrder(b, orderBody(refs));
    await b.forbidden('GET', '/sales-orders', 'readonly', ['brokerage:read'], { allowed: true });
    await b.forbidden('GET', `/sales-orders/${order.id}`, 'readonly', ['brokerage:read'], { allowed: true });
    await b.forbidden('POST', '/sales-orders', 'member', ['brokerage:write'], { body: orderBody(refs) });
    for (const action of ['confirm', 'ship', 'deliver', 'cancel'])
      await b.forbidden('POST', `/sales-orders/${order.id}/${action}`, 'member', ['brokerage:write'], {
        body: action === 'cancel' ? { reason: 'x' } : {},
      });
    const other = await createBrokerage(t);
    await other.expectNotFound(other.org.owner, [
      ['GET', `/sales-orders/${order.id}`],
      ['PATCH', `/sales-orders/${order.id}`, { notes: 'x' }],
      ['POST', `/sales-orders/${order.id}/confirm`, {}],
      ['POST', `/sales-orders/${order.id}/cancel`, { reason: 'x' }],
    ]);
    expect((await b.ok(member(), 'GET', `/sales-orders/${order.id}`)).status).toBe('pending');
  });
});
