import { randomUUID } from 'node:crypto';
import { Caller } from '../support/http';
import { startTestApp, TestApp, TestUser } from '../support/test-app';
import { Brokerage, createBrokerage, errorPaths, uniqueName } from './brokerage-kit';

describe('brokerage purchase orders (e2e)', () => {
  let t: TestApp;
  let b: Brokerage;
  let refs: {
    supplier: any;
    plant: any;
    carrier: any;
    uninsured: any;
    catchWeight: any;
    netWeight: any;
    inactive: any;
    contact: any;
  };
  let secondOfficer: TestUser;

  const member = () => b.org.at('member');
  const officer = () => b.org.at('officer');
  const product = (weightType: string, active = true) =>
    b.ok(member(), 'POST', '/products', {
      body: {
        productCode: uniqueName('P').replace(/\s/g, '-').slice(0, 32),
        description: `Beef ${weightType} weight`,
        proteinType: 'Beef',
        storage: 'frozen',
        packageType: 'box',
        weightType,
        unitWeight: { value: '60', unit: 'LBS' },
        active,
      },
    });
  const orderBody = (overrides: Record<string, unknown> = {}) => ({
    supplierId: refs.supplier.id,
    plantId: refs.plant.id,
    carrierId: refs.carrier.id,
    contactId: refs.contact.id,
    orderDate: '2026-11-30',
    pickupDate: '2026-12-02',
    appointmentMethod: 'email',
    lines: [
      {
        productId: refs.catchWeight.id,
        cases: 10,
        weight: '600',
        weightUnit: 'LBS',
        priceBasis: 'per_lb',
        unitPrice: '2.135',
      },
      {
        productId: refs.netWeight.id,
        cases: 4,
        weight: '240',
        weightUnit: 'LBS',
        priceBasis: 'per_case',
        unitPrice: '87.50',
      },
    ],
    ...overrides,
  });
  const create = (who: Caller, body: unknown, key: string = randomUUID()) =>
    b.call(who, 'POST', '/purchase-orders', { body, headers: { 'Idempotency-Key': key } });
  const created = async (who: Caller = member(), body: unknown = orderBody()) => {
    const res = await create(who, body);
    if (res.status !== 201) throw new Error(`create: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const poCount = async () =>
    Number(
      (await t.db.query('SELECT count(*) AS n FROM brokerage_purchase_orders WHERE org_id = $1', [b.org.id]))[0].n,
    );
  const eventsOf = async (id: string) =>
    (
      await t.db.query('SELECT type FROM outbox_events WHERE org_id = $1 AND subject_id = $2 ORDER BY seq', [
        b.org.id,
        id,
      ])
    ).map((r: { type: string }) => r.type);

  beforeAll(async () => {
    t = await startTestApp();
    b = await createBrokerage(t);
    secondOfficer = await b.org.addUser('officer');
    const plant = await b.ok(member(), 'POST', '/plants', { body: { name: uniqueName('Plant'), type: 'warehouse' } });
    const insurance = (expiresAt: string) => ({ provider: 'Cargo Mutual', policyNumber: 'CM-1', expiresAt });
    refs = {
      plant,
      supplier: await b.ok(member(), 'POST', '/suppliers', { body: { name: uniqueName('Packer') } }),
      carrier: await b.ok(member(), 'POST', '/carriers', {
        body: { name: uniqueName('Reefer'), type: 'truck', insurance: insurance('2099-01-01T00:00:00Z') },
      }),
      uninsured: await b.ok(member(), 'POST', '/carriers', {
        body: { name: uniqueName('Lapsed'), type: 'truck', insurance: insurance('2020-01-01T00:00:00Z') },
      }),
      catchWeight: await product('catch'),
      netWeight: await product('net'),
      inactive: await product('net', false),
      contact: await b.ok(member(), 'POST', '/contacts', { body: { firstName: 'Sam', lastName: 'Seller' } }),
    };
  });
  afterAll(() => t.close());

  it('creating needs an Idempotency-Key; the server numbers and prices the order; totals are never accepted', async () => {
    const missing = await b.fails(member(), 400, 'POST', '/purchase-orders', { body: orderBody() });
    expect(errorPaths(missing)).toEqual(['Idempotency-Key']);
    const before = await poCount();
    const order = await created();
    expect(order).toMatchObject({
      status: 'draft',
      currency: 'USD',
      total: '1631.00',
      createdById: member().id,
      lines: [
        { lineNo: 1, weight: '600.000', unitPrice: '2.1350', weightType: 'catch', total: '1281.00' },
        { lineNo: 2, cases: 4, priceBasis: 'per_case', total: '350.00' },
      ],
    });
    expect(order.number).toMatch(/^PO-\d{6}$/);
    expect(await poCount()).toBe(before + 1);
    const withTotal = await create(member(), { ...orderBody(), total: '1.00' });
    expect(withTotal.status).toBe(400);
    const lineTotal = await create(member(), orderBody({ lines: [{ ...orderBody().lines[0], total: '1.00' }] }));
    expect(lineTotal.status).toBe(400);
    expect(await b.ok(b.org.at('readonly'), 'GET', `/purchase-orders/${order.id}`)).toEqual(order);
  });

  it('refuses bad lines (400 with paths), inactive products, uninsured carriers, archived and foreign parties; writes nothing and skips no number', async () => {
    const before = await poCount();
    const first = await created();
    const bad = await create(
      member(),
      orderBody({
        lines: [
          {
            productId: refs.netWeight.id,
            cases: -1,
            weight: '1',
            weightUnit: 'KG',
            priceBasis: 'per_lb',
            unitPrice: '2',
          },
          { productId: 'nope', cases: 1, weight: 'x', weightUnit: 'LBS', priceBasis: 'per_ton', unitPrice: '-1' },
        ],
      }),
    );
    expect(bad.status).toBe(400);
    expect(errorPaths(bad.body)).toEqual(
      expect.arrayContaining([
        'lines.0.cases',
        'lines.1.productId',
        'lines.1.weight',
        'lines.1.priceBasis',
        'lines.1.unitPrice',
      ]),
    );
    const unit = await create(member(), orderBody({ lines: [{ ...orderBody().lines[0], weightUnit: 'KG' }] }));
    expect(errorPaths(unit.body)).toEqual(['lines.0.weightUnit']);
    expect((await create(member(), orderBody({ lines: [] }))).status).toBe(400);

    const inactive = await create(
      member(),
      orderBody({ lines: [{ ...orderBody().lines[1], productId: refs.inactive.id }] }),
    );
    expect(inactive.status).toBe(409);
    expect(inactive.body).toMatchObject({ slug: 'inactive-product', productId: refs.inactive.id });
    const uninsured = await create(member(), orderBody({ carrierId: refs.uninsured.id }));
    expect(uninsured.status).toBe(409);
    expect(uninsured.body).toMatchObject({ slug: 'insurance-expired', carrierId: refs.uninsured.id });

    const archived = await b.ok(member(), 'POST', '/suppliers', { body: { name: uniqueName('Retired') } });
    await b.ok(officer(), 'POST', `/suppliers/${archived.id}/archive`);
    const archivedRes = await create(member(), orderBody({ supplierId: archived.id }));
    expect(archivedRes.status).toBe(409);
    expect(archivedRes.body).toMatchObject({ slug: 'party-archived', field: 'supplierId' });

    const other = await createBrokerage(t);
    const foreign = await other.ok(other.org.owner, 'POST', '/suppliers', { body: { name: uniqueName('Foreign') } });
    expect((await create(member(), orderBody({ supplierId: foreign.id }))).status).toBe(404);
    expect((await create(member(), orderBody({ plantId: refs.supplier.id }))).status).toBe(404);

    expect(await poCount()).toBe(before + 1);
    const next = await created();
    expect(Number(next.number.slice(3))).toBe(Number(first.number.slice(3)) + 1);
  });

  it('the lifecycle by tier: members edit and submit their drafts, officers approve (not their own), receive re-prices catch weight, close; events', async () => {
    const order = await created();
    const otherMember = await b.org.addUser('member');
    await b.fails(otherMember, 403, 'PATCH', `/purchase-orders/${order.id}`, { body: { notes: 'mine' } });
    const edited = await b.ok(member(), 'PATCH', `/purchase-orders/${order.id}`, {
      body: { notes: 'Rush', lines: [orderBody().lines[1]] },
    });
    expect(edited).toMatchObject({ notes: 'Rush', total: '350.00', lines: [{ lineNo: 1, total: '350.00' }] });
    await b.ok(member(), 'PATCH', `/purchase-orders/${order.id}`, { body: { lines: orderBody().lines } });
    const early = await b.fails(officer(), 409, 'POST', `/purchase-orders/${order.id}/approve`, {
      problem: 'invalid-transition',
    });
    expect(early.currentState).toBe('draft');
    const submitted = await b.ok(member(), 'POST', `/purchase-orders/${order.id}/submit`);
    expect(submitted.status).toBe('pending_approval');
    await b.fails(member(), 403, 'POST', `/purchase-orders/${order.id}/approve`);
    const treasurer = await b.org.addUser('member', ['treasurer']);
    await b.fails(treasurer, 403, 'POST', `/purchase-orders/${order.id}/approve`);
    const approved = await b.ok(officer(), 'POST', `/purchase-orders/${order.id}/approve`);
    expect(approved).toMatchObject({ status: 'approved', approvedById: officer().id });
    const notEditable = await b.fails(member(), 409, 'PATCH', `/purchase-orders/${order.id}`, {
      body: { notes: 'late' },
      problem: 'order-not-editable',
    });
    expect(notEditable.currentState).toBe('approved');

    const [catchLine, netLine] = approved.lines;
    const partial = await b.fails(member(), 400, 'POST', `/purchase-orders/${order.id}/receive`, {
      body: { lines: [{ lineId: catchLine.id, receivedCases: 10, receivedWeight: '612.4' }] },
    });
    expect(errorPaths(partial)).toEqual(['lines']);
    const badScore = await b.fails(member(), 400, 'POST', `/purchase-orders/${order.id}/receive`, {
      body: { qualityScore: 6, lines: [{ lineId: catchLine.id, receivedCases: 10, receivedWeight: '612.4' }] },
    });
    expect(errorPaths(badScore)).toEqual(['qualityScore']);
    expect((await b.ok(member(), 'GET', `/suppliers/${refs.supplier.id}`)).qualityRating).toBeNull();
    const received = await b.ok(member(), 'POST', `/purchase-orders/${order.id}/receive`, {
      body: {
        qualityScore: 4,
        lines: [
          { lineId: catchLine.id, receivedCases: 10, receivedWeight: '612.4' },
          { lineId: netLine.id, receivedCases: 4, receivedWeight: '241.2' },
        ],
      },
    });
    expect(received).toMatchObject({
      status: 'received',
      total: '1657.47',
      lines: [
        { receivedWeight: '612.400', total: '1307.47' },
        { receivedWeight: '241.200', total: '350.00' },
      ],
    });
    expect(received.qualityScore).toBe(4);
    expect((await b.ok(member(), 'GET', `/suppliers/${refs.supplier.id}`)).qualityRating).toBe('4.00');
    await b.fails(member(), 403, 'POST', `/purchase-orders/${order.id}/close`);
    expect((await b.ok(officer(), 'POST', `/purchase-orders/${order.id}/close`)).status).toBe('closed');
    const late = await b.fails(officer(), 409, 'POST', `/purchase-orders/${order.id}/cancel`, {
      body: { reason: 'too late' },
      problem: 'invalid-transition',
    });
    expect(late.currentState).toBe('closed');
    expect(await eventsOf(order.id)).toEqual([
      'brokerage.purchase_order.approved',
      'brokerage.purchase_order.received',
    ]);
  });

  it('self-approval only when the org allows it; cancelling needs a reason, members cancel only their drafts', async () => {
    const own = await created(officer());
    await b.ok(officer(), 'POST', `/purchase-orders/${own.id}/submit`);
    await b.fails(officer(), 403, 'POST', `/purchase-orders/${own.id}/approve`);
    await b.ok(b.org.at('admin'), 'PATCH', '/settings', { body: { allowSelfApproval: true } });
    expect((await b.ok(officer(), 'POST', `/purchase-orders/${own.id}/approve`)).status).toBe('approved');
    await b.ok(b.org.at('admin'), 'PATCH', '/settings', { body: { allowSelfApproval: false } });

    const draft = await created();
    expect(
      errorPaths(await b.fails(member(), 400, 'POST', `/purchase-orders/${draft.id}/cancel`, { body: {} })),
    ).toEqual(['reason']);
    const cancelled = await b.ok(member(), 'POST', `/purchase-orders/${draft.id}/cancel`, {
      body: { reason: 'Duplicate' },
    });
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'Duplicate' });
    await b.fails(member(), 403, 'POST', `/purchase-orders/${own.id}/cancel`, { body: { reason: 'not mine' } });
    const byOfficer = await b.ok(secondOfficer, 'POST', `/purchase-orders/${own.id}/cancel`, {
      body: { reason: 'Price changed' },
    });
    expect(byOfficer.status).toBe('cancelled');
    expect(await eventsOf(draft.id)).toEqual(['brokerage.purchase_order.cancelled']);
    const listed = await b.ok(b.org.at('readonly'), 'GET', '/purchase-orders', {
      query: { status: 'cancelled', limit: 1 },
    });
    expect(listed.items).toHaveLength(1);
    expect(listed.nextCursor).toEqual(expect.any(String));
    const page2 = await b.ok(b.org.at('readonly'), 'GET', '/purchase-orders', {
      query: { status: 'cancelled', limit: 1, cursor: listed.nextCursor },
    });
    expect(page2.items[0].id).not.toBe(listed.items[0].id);
  });

  it('parties and products on orders are in use: deleting them is 409 in-use, archiving works', async () => {
    await created();
    await b.fails(officer(), 409, 'DELETE', `/suppliers/${refs.supplier.id}`, { problem: 'in-use' });
    await b.fails(officer(), 409, 'DELETE', `/carriers/${refs.carrier.id}`, { problem: 'in-use' });
    await b.fails(officer(), 409, 'DELETE', `/products/${refs.catchWeight.id}`, { problem: 'in-use' });
    expect((await b.ok(member(), 'GET', `/suppliers/${refs.supplier.id}`)).archivedAt).toBeNull();
    const spare = await b.ok(member(), 'POST', '/plants', { body: { name: uniqueName('Spare'), type: 'retail' } });
    const draft = await created(member(), orderBody({ plantId: spare.id }));
    await b.fails(officer(), 409, 'DELETE', `/plants/${spare.id}`, { problem: 'in-use' });
    await b.ok(officer(), 'POST', `/plants/${spare.id}/archive`);
    expect((await b.ok(member(), 'GET', `/purchase-orders/${draft.id}`)).plantId).toBe(spare.id);
  });

  it('concurrent retries with one Idempotency-Key make one order', async () => {
    const supplier = await b.ok(member(), 'POST', '/suppliers', { body: { name: uniqueName('Retry Packer') } });
    const key = randomUUID();
    const body = orderBody({ supplierId: supplier.id });
    const results = await Promise.all(Array.from({ length: 6 }, () => create(member(), body, key)));
    const statuses = results.map((r) => r.status);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    const ok = results.filter((r) => r.status === 201);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    expect(new Set(ok.map((r) => r.body.id)).size).toBe(1);
    const retried = await create(member(), body, key);
    expect(retried.status).toBe(201);
    expect(retried.body.id).toBe(ok[0].body.id);
    const list = await b.ok(member(), 'GET', '/purchase-orders', { query: { supplierId: supplier.id } });
    expect(list.items).toHaveLength(1);
  });

  it('20 concurrent creates get 20 consecutive numbers', async () => {
    const fresh = await createBrokerage(t);
    const m = fresh.org.at('member');
    const [supplier, productRow] = await Promise.all([
      fresh.ok(m, 'POST', '/suppliers', { body: { name: uniqueName('Busy Packer') } }),
      fresh.ok(m, 'POST', '/products', {
        body: {
          productCode: 'RUSH-1',
          description: 'Pork bellies',
          proteinType: 'Pork',
          storage: 'fresh',
          packageType: 'combo_bin',
          weightType: 'net',
          unitWeight: { value: '2000', unit: 'LBS' },
        },
      }),
    ]);
    await fresh.ok(fresh.org.at('admin'), 'PATCH', '/settings', { body: { numberPrefixes: { po: 'PM-' } } });
    const body = {
      supplierId: supplier.id,
      lines: [
        {
          productId: productRow.id,
          cases: 1,
          weight: '2000',
          weightUnit: 'LBS',
          priceBasis: 'per_lb',
          unitPrice: '1.10',
        },
      ],
    };
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        fresh.call(m, 'POST', '/purchase-orders', { body, headers: { 'Idempotency-Key': randomUUID() } }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    const numbers = results.map((r) => r.body.number).sort();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => `PM-${String(i + 1).padStart(6, '0')}`));
    expect(results.every((r) => r.body.total === '2200.00')).toBe(true);
  });

  it('tiers and orgs: readonly reads, members create, officers approve and close; another org is 404', async () => {
    const order = await created();
    await b.forbidden('GET', '/purchase-orders', 'readonly', ['brokerage:read'], { allowed: true });
    await b.forbidden('POST', '/purchase-orders', 'member', ['brokerage:write'], { body: orderBody() });
    for (const action of ['approve', 'close'])
      await b.forbidden('POST', `/purchase-orders/${order.id}/${action}`, 'officer', ['brokerage:write']);
    const other = await createBrokerage(t);
    for (const [method, path] of [
      ['GET', `/purchase-orders/${order.id}`],
      ['PATCH', `/purchase-orders/${order.id}`],
      ['POST', `/purchase-orders/${order.id}/submit`],
    ])
      await other.fails(other.org.owner, 404, method, path, { body: method === 'PATCH' ? { notes: 'x' } : undefined });
    expect((await b.ok(member(), 'GET', `/purchase-orders/${order.id}`)).status).toBe('draft');
  });
});
