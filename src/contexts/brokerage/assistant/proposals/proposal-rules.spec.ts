import type { ExtractedEntities } from '../documents/document-extraction';
import { draftProposals } from './proposal-rules';

const line = {
  productCode: 'VB-1',
  description: 'Chuck roll',
  cases: 10,
  weight: '600',
  weightUnit: 'LBS' as const,
  unitPrice: '2.135',
  priceBasis: 'per_lb' as const,
};
const entities = (over: Partial<ExtractedEntities> = {}): ExtractedEntities => ({
  supplierName: 'Valley Beef Co',
  poNumber: 'PO-42',
  invoiceNumber: null,
  orderDate: '2026-11-30',
  pickupDate: null,
  deliveryDate: null,
  lines: [line],
  ...over,
});
const none = { supplierId: null, productIds: new Map<string, string>() };

describe('draftProposals', () => {
  it('a purchase order of an unknown supplier: the supplier first, the order waiting for it', () => {
    const drafts = draftProposals('purchase_order', entities(), { ...none, productIds: new Map([['VB-1', 'p1']]) });
    expect(drafts).toEqual([
      { kind: 'supplier', payload: { name: 'Valley Beef Co' }, dependsOnSupplier: false },
      {
        kind: 'purchase_order',
        dependsOnSupplier: true,
        payload: {
          supplierName: 'Valley Beef Co',
          supplierId: null,
          documentNumber: 'PO-42',
          orderDate: '2026-11-30',
          pickupDate: null,
          deliveryDate: null,
          lines: [{ ...line, productId: 'p1' }],
        },
      },
    ]);
  });

  it('a known supplier gets no proposal; the order names it; unknown products stay null', () => {
    const drafts = draftProposals('purchase_order', entities(), { ...none, supplierId: 's1' });
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({
      kind: 'purchase_order',
      dependsOnSupplier: false,
      payload: { supplierId: 's1' },
    });
    expect((drafts[0].payload as { lines: { productId: string | null }[] }).lines[0].productId).toBeNull();
  });

  it('no order from an invoice or from an order without lines; no supplier without a name', () => {
    expect(draftProposals('invoice', entities(), none).map((d) => d.kind)).toEqual(['supplier']);
    expect(draftProposals('purchase_order', entities({ lines: [] }), none).map((d) => d.kind)).toEqual(['supplier']);
    expect(draftProposals('other', entities({ supplierName: null }), none)).toEqual([]);
  });
});
