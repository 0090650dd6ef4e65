import { classifyDocument, extractEntities, parseDate } from './document-extraction';

const PURCHASE_ORDER = `PURCHASE ORDER
Supplier: Valley Beef Co
PO Number: PO-2026-0042
Order Date: 11/30/2026
Pickup Date: Dec 2, 2026
Delivery Date: 2026-12-04
Code Description Cases Weight (lb) Price/lb Total
VB-1001 Beef chuck roll 10 600 lbs $2.1350/lb $1,281.00
VB-2002 Ground beef 81/19 20 1,200.5 2.40 $2,881.20
Total $4,162.20`;

const INVOICE = `INVOICE
Invoice No. INV-7781
Bill To: Prime Meats
Sold By: Northern Pork Packers
Invoice Date: 2026-11-02
NP-10 Pork loin boneless 5 300 kg 4.10/kg 1230.00
Amount Due: $1,230.00`;

describe('classifyDocument', () => {
  it('names the class the title and the labels vote for', () => {
    expect(classifyDocument(PURCHASE_ORDER)).toBe('purchase_order');
    expect(classifyDocument(INVOICE)).toBe('invoice');
    expect(classifyDocument('STRAIGHT BILL OF LADING\nShipper: Valley Beef\nConsignee: Prime Meats')).toBe(
      'bill_of_lading',
    );
    expect(classifyDocument('Certificate of Analysis\nWe certify that lot 42 ...')).toBe('certificate');
    expect(classifyDocument('Dear team, see you on Monday.')).toBe('other');
    expect(classifyDocument('')).toBe('other');
  });
});

describe('extractEntities', () => {
  it('reads a purchase order: supplier, number, the three dates and the lines', () => {
    expect(extractEntities(PURCHASE_ORDER)).toEqual({
      supplierName: 'Valley Beef Co',
      poNumber: 'PO-2026-0042',
      invoiceNumber: null,
      orderDate: '2026-11-30',
      pickupDate: '2026-12-02',
      deliveryDate: '2026-12-04',
      lines: [
        {
          productCode: 'VB-1001',
          description: 'Beef chuck roll',
          cases: 10,
          weight: '600',
          weightUnit: 'LBS',
          unitPrice: '2.135',
          priceBasis: 'per_lb',
        },
        {
          productCode: 'VB-2002',
          description: 'Ground beef 81/19',
          cases: 20,
          weight: '1200.5',
          weightUnit: 'LBS',
          unitPrice: '2.4',
          priceBasis: 'per_lb',
        },
      ],
    });
  });

  it('reads an invoice: the invoice number, the seller, kilograms priced per kg', () => {
    const entities = extractEntities(INVOICE);
    expect(entities).toMatchObject({
      supplierName: 'Northern Pork Packers',
      invoiceNumber: 'INV-7781',
      poNumber: null,
      orderDate: '2026-11-02',
      pickupDate: null,
    });
    expect(entities.lines).toEqual([
      {
        productCode: 'NP-10',
        description: 'Pork loin boneless',
        cases: 5,
        weight: '300',
        weightUnit: 'KG',
        unitPrice: '4.1',
        priceBasis: 'per_kg',
      },
    ]);
  });

  it('takes per-case prices and KG from the header when the lines do not say', () => {
    const text = 'Item Description Cases Weight KG Price per case\nCH-7 Chicken thighs 12 240 38.50';
    expect(extractEntities(text).lines).toEqual([
      expect.objectContaining({ productCode: 'CH-7', weightUnit: 'KG', priceBasis: 'per_case', unitPrice: '38.5' }),
    ]);
  });

  it('leaves unlabelled facts null and ignores prose and lines with untrustworthy numbers', () => {
    const text = 'Hello Valley Beef,\nWe ordered 10 cases last week.\nAB-1 Strip loin 3 45.123456 lbs 9.99';
    expect(extractEntities(text)).toEqual({
      supplierName: null,
      poNumber: null,
      invoiceNumber: null,
      orderDate: null,
      pickupDate: null,
      deliveryDate: null,
      lines: [],
    });
  });

  it('does not read a title word or a word starting with "po" as a PO number', () => {
    expect(extractEntities('PURCHASE ORDER\nPork Chops').poNumber).toBeNull();
    expect(extractEntities('P.O. # 4471').poNumber).toBe('4471');
    expect(extractEntities('Purchase Order No. A-55').poNumber).toBe('A-55');
  });
});

describe('parseDate', () => {
  it('reads ISO, US and written dates and refuses impossible ones', () => {
    expect(parseDate('2026-02-28')).toBe('2026-02-28');
    expect(parseDate('2/3/26')).toBe('2026-02-03');
    expect(parseDate('December 4, 2026')).toBe('2026-12-04');
    expect(parseDate('4 Dec 2026')).toBe('2026-12-04');
    expect(parseDate('2026-02-30')).toBeNull();
    expect(parseDate('13/01/2026')).toBeNull();
    expect(parseDate('soon')).toBeNull();
  });
});
