import { addressLines, purchaseOrderDocument, purchaseOrderRecipient } from './purchase-order-document';
import type { PurchaseOrderLine } from './purchase-order-line.entity';
import type { PurchaseOrder } from './purchase-order.entity';

describe('purchase order document', () => {
  const contact = (contactId: string, name: string, role: string, email: string | null = `${contactId}@x.example`) => ({
    contactId,
    name,
    role,
    email,
  });

  describe('purchaseOrderRecipient', () => {
    it("prefers the order's own contact when it is linked to the supplier and has an email", () => {
      const linked = [contact('a', 'Ann', 'sales'), contact('b', 'Bob', 'owner')];
      expect(purchaseOrderRecipient('b', linked, 'desk@x.example')).toEqual({
        to: 'b@x.example',
        contactId: 'b',
        name: 'Bob',
      });
    });

    it('else the first contact by name with an ordering role and an email', () => {
      const linked = [
        contact('q', 'Aaron', 'quality'),
        contact('z', 'Zed', 'Sales rep'),
        contact('n', 'Amy', 'orders', null),
        contact('m', 'Mia', 'Purchasing'),
      ];
      expect(purchaseOrderRecipient('unlinked', linked, null)).toMatchObject({ to: 'm@x.example', contactId: 'm' });
    });

    it("else the supplier's email, else nobody", () => {
      const linked = [contact('q', 'Aaron', 'quality'), contact('n', 'Amy', 'orders', null)];
      expect(purchaseOrderRecipient(null, linked, 'desk@x.example')).toEqual({
        to: 'desk@x.example',
        contactId: null,
        name: null,
      });
      expect(purchaseOrderRecipient(null, linked, null)).toBeNull();
    });
  });

  it('addressLines prints street, place and country, skipping what is missing', () => {
    expect(
      addressLines({ line1: '1 Main St', city: 'Omaha', region: 'NE', postalCode: '68102', country: 'US' }),
    ).toEqual(['1 Main St', 'Omaha, NE 68102', 'US']);
    expect(addressLines(null)).toEqual([]);
  });

  it('builds the document from the order: quantities in the price unit, the total emphasised, no arithmetic', () => {
    const order = {
      number: 'PO-000042',
      status: 'approved',
      orderDate: '2026-11-30',
      pickupDate: null,
      deliveryDate: '2026-12-03',
      supplierConfirmationNumber: 'SC-9',
      carrierReleaseNumber: null,
      appointmentMethod: 'none',
      total: '1631.00',
      currency: 'USD',
      notes: '',
    } as unknown as PurchaseOrder;
    const lines = [
      {
        lineNo: 2,
        productId: 'p2',
        cases: 4,
        weight: '240.000',
        weightUnit: 'LBS',
        weightType: 'net',
        priceBasis: 'per_case',
        unitPrice: '87.5000',
        total: '350.00',
        receivedCases: null,
        receivedWeight: null,
      },
      {
        lineNo: 1,
        productId: 'p1',
        cases: 10,
        weight: '600.000',
        weightUnit: 'LBS',
        weightType: 'catch',
        priceBasis: 'per_lb',
        unitPrice: '2.1350',
        total: '1281.00',
        receivedCases: null,
        receivedWeight: null,
      },
    ] as unknown as PurchaseOrderLine[];
    const doc = purchaseOrderDocument(order, lines, {
      issuer: { legalName: 'Prime', contactEmail: null, address: null },
      supplier: { name: 'Heartland', address: null, email: 'h@x.example', phone: null },
      plant: { name: 'Omaha Cold Storage', address: null },
      carrier: null,
      contact: null,
      products: new Map([['p1', { productCode: 'BF-1', description: 'Trim' }]]),
    });
    expect(doc.lines.map((l) => [l.quantity, l.unit, l.unitPrice, l.amount])).toEqual([
      ['600.000', 'lb', '2.1350', '1281.00'],
      ['4', 'case', '87.5000', '350.00'],
    ]);
    expect(doc.lines[0].description).toContain('BF-1 Trim');
    expect(doc.totals).toEqual([{ label: 'Total', value: '1631.00', emphasised: true }]);
    expect(doc.facts.map((f) => f.label)).toEqual([
      'Status',
      'Order date',
      'Delivery date',
      'Ship to',
      'Supplier confirmation',
    ]);
    expect(doc.counterparty).toEqual({ label: 'Supplier', name: 'Heartland', addressLines: ['h@x.example'] });
    expect(doc.notes).toBeNull();
  });
});
