import { randomUUID } from 'node:crypto';
import { Caller, HttpResult } from '../support/http';
import { Brokerage, uniqueName } from '../brokerage/brokerage-kit';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** The parties, products and purchase order a sales test orders from. */
export interface SalesRefs {
  customer: any;
  supplier: any;
  plant: any;
  carrier: any;
  catchWeight: any;
  netWeight: any;
  contact: any;
  apContact: any;
  purchaseOrder: any;
}

export const product = (b: Brokerage, weightType: string, active = true) =>
  b.ok(b.org.at('member'), 'POST', '/products', {
    body: {
      productCode: uniqueName('P').replace(/\s/g, '-').slice(0, 32),
      description: `Beef trim ${weightType} weight`,
      proteinType: 'Beef',
      storage: 'frozen',
      packageType: 'box',
      weightType,
      unitWeight: { value: '60', unit: 'LBS' },
      active,
    },
  });

/** A customer with Net 30 terms, an AP contact and a credit limit (null: none). */
export const customer = (b: Brokerage, creditLimit: string | null, apContactId: string | null = null) =>
  b.ok(b.org.at('member'), 'POST', '/customers', {
    body: {
      name: uniqueName('Processor'),
      email: `${randomUUID().slice(0, 8)}@customer.example`,
      terms: { method: 'ach', netDays: 30, prepayDays: 0 },
      creditLimit: creditLimit === null ? null : { amount: creditLimit, currency: 'USD' },
      apContactId,
    },
  });

export async function salesRefs(b: Brokerage): Promise<SalesRefs> {
  const member = b.org.at('member');
  const contact = await b.ok(member, 'POST', '/contacts', {
    body: { firstName: 'Pat', lastName: 'Buyer', email: `${randomUUID().slice(0, 8)}@buyer.example` },
  });
  const apContact = await b.ok(member, 'POST', '/contacts', {
    body: { firstName: 'Alex', lastName: 'Payables', email: `${randomUUID().slice(0, 8)}@ap.example` },
  });
  const supplier = await b.ok(member, 'POST', '/suppliers', { body: { name: uniqueName('Packer') } });
  const netWeight = await product(b, 'net');
  const purchaseOrder = await b.ok(member, 'POST', '/purchase-orders', {
    headers: { 'Idempotency-Key': randomUUID() },
    body: {
      supplierId: supplier.id,
      lines: [
        {
          productId: netWeight.id,
          cases: 4,
          weight: '240',
          weightUnit: 'LBS',
          priceBasis: 'per_case',
          unitPrice: '60',
        },
      ],
    },
  });
  return {
    contact,
    apContact,
    supplier,
    netWeight,
    purchaseOrder,
    customer: await customer(b, '100000', apContact.id),
    plant: await b.ok(member, 'POST', '/plants', { body: { name: uniqueName('Plant'), type: 'warehouse' } }),
    carrier: await b.ok(member, 'POST', '/carriers', {
      body: {
        name: uniqueName('Reefer'),
        type: 'truck',
        insurance: { provider: 'Cargo Mutual', policyNumber: 'CM-1', expiresAt: '2099-01-01T00:00:00Z' },
      },
    }),
    catchWeight: await product(b, 'catch'),
  };
}

/** A sales order: 10 cases of catch weight at 2.135/lb (1281.00) and 4 cases at 87.50 (350.00) = 1631.00. */
export const orderBody = (refs: SalesRefs, overrides: Record<string, unknown> = {}) => ({
  customerId: refs.customer.id,
  supplierId: refs.supplier.id,
  plantId: refs.plant.id,
  carrierId: refs.carrier.id,
  contactId: refs.contact.id,
  orderDate: '2026-11-30',
  deliveryDate: '2026-12-04',
  customerPoNumber: 'CUST-PO-77',
  carrierReleaseNumber: 'REL-9',
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

/** One line of `amount` dollars (per case, 1 case). */
export const amountLines = (refs: SalesRefs, amount: string) => [
  {
    productId: refs.netWeight.id,
    cases: 1,
    weight: '60',
    weightUnit: 'LBS',
    priceBasis: 'per_case',
    unitPrice: amount,
  },
];

export const createOrder = (
  b: Brokerage,
  who: Caller,
  body: unknown,
  key: string = randomUUID(),
): Promise<HttpResult> => b.call(who, 'POST', '/sales-orders', { body, headers: { 'Idempotency-Key': key } });

export async function createdOrder(b: Brokerage, body: unknown, who: Caller = b.org.at('member')): Promise<any> {
  const res = await createOrder(b, who, body);
  if (res.status !== 201) throw new Error(`create sales order: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** An order taken to `state` by an officer (confirmations past any limit are overridden). */
export async function orderIn(b: Brokerage, body: unknown, state: string): Promise<any> {
  const officer = b.org.at('officer');
  let order = await createdOrder(b, body);
  const steps: [string, string, unknown][] = [
    ['confirmed', 'confirm', { creditOverrideReason: 'test setup' }],
    ['in_transit', 'ship', undefined],
    ['delivered', 'deliver', {}],
  ];
  if (state === 'cancelled')
    return b.ok(officer, 'POST', `/sales-orders/${order.id}/cancel`, { body: { reason: 'test' } });
  for (const [reached, action, stepBody] of steps) {
    if (order.status === state) break;
    order = await b.ok(officer, 'POST', `/sales-orders/${order.id}/${action}`, { body: stepBody });
    if (reached === state) break;
  }
  return order;
}
