import { randomUUID } from 'node:crypto';
import type { Caller } from '../support/http';
import type { TestApp } from '../support/test-app';
import { Brokerage, uniqueName } from '../brokerage/brokerage-kit';

export { pdfText } from './pdf-text';

/** A GET below the org's brokerage prefix that keeps the body as bytes (a PDF). */
export async function fetchBytes(
  t: TestApp,
  b: Brokerage,
  who: Caller,
  path: string,
  slug = b.org.slug,
): Promise<{ status: number; contentType: string | null; bytes: Buffer }> {
  const headers: Record<string, string> = {};
  if (who && 'token' in who) headers.authorization = `Bearer ${who.token}`;
  else if (who && 'apiKey' in who) headers['x-api-key'] = who.apiKey;
  const res = await fetch(`${t.baseUrl}/api/v1/orgs/${slug}/brokerage${path}`, { headers });
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    bytes: Buffer.from(await res.arrayBuffer()),
  };
}

/** A supplier, plant, carrier and products for orders, and a way to get an order to any state. */
export async function orderFixtures(b: Brokerage) {
  const member = () => b.org.at('member');
  const officer = () => b.org.at('officer');
  const product = await b.ok(member(), 'POST', '/products', {
    body: {
      productCode: uniqueName('P').replace(/\s/g, '-').slice(0, 32),
      description: 'Beef chuck roll',
      proteinType: 'Beef',
      storage: 'frozen',
      packageType: 'box',
      weightType: 'net',
      unitWeight: { value: '60', unit: 'LBS' },
      active: true,
    },
  });
  const plant = await b.ok(member(), 'POST', '/plants', { body: { name: uniqueName('Plant'), type: 'warehouse' } });
  const carrier = await b.ok(member(), 'POST', '/carriers', {
    body: {
      name: uniqueName('Reefer'),
      type: 'truck',
      insurance: { provider: 'Cargo Mutual', policyNumber: 'CM-1', expiresAt: '2099-01-01T00:00:00Z' },
    },
  });
  const order = async (
    supplierId: string,
    to: 'draft' | 'pending_approval' | 'approved' | 'received' | 'cancelled',
  ) => {
    const created = await b.ok(member(), 'POST', '/purchase-orders', {
      headers: { 'Idempotency-Key': randomUUID() },
      body: {
        supplierId,
        plantId: plant.id,
        carrierId: carrier.id,
        orderDate: '2026-11-30',
        pickupDate: '2026-12-02',
        notes: 'Keep frozen',
        lines: [
          {
            productId: product.id,
            cases: 10,
            weight: '600',
            weightUnit: 'LBS',
            priceBasis: 'per_lb',
            unitPrice: '2.135',
          },
        ],
      },
    });
    if (to === 'draft') return created;
    if (to === 'cancelled')
      return b.ok(officer(), 'POST', `/purchase-orders/${created.id}/cancel`, { body: { reason: 'Not needed' } });
    await b.ok(member(), 'POST', `/purchase-orders/${created.id}/submit`);
    if (to === 'pending_approval') return b.ok(member(), 'GET', `/purchase-orders/${created.id}`);
    const approved = await b.ok(officer(), 'POST', `/purchase-orders/${created.id}/approve`);
    if (to === 'approved') return approved;
    return b.ok(member(), 'POST', `/purchase-orders/${created.id}/receive`, {
      body: {
        lines: approved.lines.map((l: { id: string }) => ({ lineId: l.id, receivedCases: 10, receivedWeight: '600' })),
      },
    });
  };
  return { product, plant, carrier, order };
}
