import type { BrokerageDocument } from './brokerage-document';
import { renderBrokerageDocumentPdf } from './document-pdf';

/**
 * Renders uncompressed PDFs (`compress: false`) so the text can be read back from the raw bytes:
 * pdfkit writes standard-font text as WinAnsi hex strings inside TJ operators, one per line.
 */
function textOf(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  const lines: string[] = [];
  for (const op of raw.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
    const hexes = [...op[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]);
    lines.push(hexes.map((hex) => Buffer.from(hex, 'hex').toString('latin1')).join(''));
  }
  return lines;
}

function pageCount(pdf: Buffer): number {
  return [...pdf.toString('latin1').matchAll(/\/Type \/Page\b/g)].length;
}

function sampleDocument(lineCount = 3, overrides: Partial<BrokerageDocument> = {}): BrokerageDocument {
  return {
    kind: 'purchase_order',
    title: 'Purchase order',
    number: 'PO-2026-00042',
    issuer: {
      legalName: 'Prime Meats Brokerage Ltd',
      addressLines: ['1 Market Street', 'Springfield 12345', 'United States'],
      contactEmail: 'orders@prime-meats.example',
    },
    counterparty: { label: 'Supplier', name: 'Valley Beef Co', addressLines: ['99 Ranch Road', 'Dodge City'] },
    facts: [
      { label: 'Order date', value: '2026-11-29' },
      { label: 'Payment terms', value: 'Net 30' },
      { label: 'Carrier', value: 'Cold Chain Freight' },
    ],
    lines: Array.from({ length: lineCount }, (_, i) => ({
      description: `Beef chuck roll, boneless, line ${i + 1}`,
      quantity: '1200.000',
      unit: 'lb',
      unitPrice: '3.2500',
      amount: '3900.00',
    })),
    totals: [
      { label: 'Subtotal', value: '11700.00' },
      { label: 'Total', value: '11700.00', emphasised: true },
    ],
    currency: 'USD',
    notes: 'Deliver between 06:00 and 14:00. Keep frozen at -18 °C.',
    printedAt: '2026-11-29T10:00:00.000Z',
    ...overrides,
  };
}

describe('renderBrokerageDocumentPdf', () => {
  it('renders a PDF showing the header, counterparty, facts, lines, totals, notes and page number', async () => {
    const pdf = await renderBrokerageDocumentPdf(sampleDocument(), { compress: false });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = textOf(pdf);
    for (const expected of [
      'Prime Meats Brokerage Ltd',
      'orders@prime-meats.example',
      'Purchase order',
      'No. PO-2026-00042',
      'SUPPLIER',
      'Valley Beef Co',
      '99 Ranch Road',
      'Payment terms',
      'Net 30',
      'Description',
      'Unit price (USD)',
      'Beef chuck roll, boneless, line 3',
      '11700.00 USD',
      'NOTES',
      'Deliver between 06:00 and 14:00. Keep frozen at -18 °C.',
      'Page 1 of 1',
    ]) {
      expect(text).toContain(expected);
    }
    expect(pageCount(pdf)).toBe(1);
  });

  it('sets the document info from the document, with printedAt as creation and modification date', async () => {
    const raw = (await renderBrokerageDocumentPdf(sampleDocument(), { compress: false })).toString('latin1');
    // Info values are indirect string objects: CreationDate and ModDate both hold printedAt.
    expect([...raw.matchAll(/\(D:20261129100000Z\)/g)]).toHaveLength(2);
    expect(raw).toContain('(Purchase order PO-2026-00042)');
    expect(raw).toContain('(Prime Meats Brokerage Ltd)');
  });

  it('is deterministic: the same document renders to the same bytes, compressed or not', async () => {
    const doc = sampleDocument(5);
    expect((await renderBrokerageDocumentPdf(doc)).equals(await renderBrokerageDocumentPdf(doc))).toBe(true);
    const withoutDate = sampleDocument(5, { printedAt: undefined });
    const a = await renderBrokerageDocumentPdf(withoutDate, { compress: false });
    const b = await renderBrokerageDocumentPdf(withoutDate, { compress: false });
    expect(a.equals(b)).toBe(true);
  });

  it('breaks long documents across pages, repeating the table header and numbering every page', async () => {
    const pdf = await renderBrokerageDocumentPdf(sampleDocument(120), { compress: false });
    const pages = pageCount(pdf);
    expect(pages).toBeGreaterThan(2);
    const text = textOf(pdf);
    expect(text.filter((line) => line === 'Description')).toHaveLength(pages);
    for (let n = 1; n <= pages; n++) expect(text).toContain(`Page ${n} of ${pages}`);
    expect(text).toContain('Beef chuck roll, boneless, line 1');
    expect(text).toContain('Beef chuck roll, boneless, line 120');
    expect(text.filter((line) => line.startsWith('Beef chuck roll'))).toHaveLength(120);
  });

  it('long notes flow onto further pages above the footer; every page is numbered, none is blank', async () => {
    const notes = Array.from({ length: 300 }, (_, i) => `Clause ${i + 1}: keep the load at or below -18 °C.`).join(' ');
    const pdf = await renderBrokerageDocumentPdf(sampleDocument(30, { notes }), { compress: false });
    const pages = pageCount(pdf);
    expect(pages).toBeGreaterThan(2);
    const text = textOf(pdf);
    for (let n = 1; n <= pages; n++) expect(text).toContain(`Page ${n} of ${pages}`);
    const shown = text.join(' ').replace(/\s+/g, ' ');
    expect(shown).toContain('Clause 1:');
    expect(shown).toContain('Clause 300:');
    // Text origins (Tm, y from the page's bottom): only the footer sits in the bottom band.
    let checked = 0;
    for (const m of pdf
      .toString('latin1')
      .matchAll(/1 0 0 1 [\d.]+ ([\d.]+) Tm\s*\/F\d+ [\d.]+ Tf\s*\[([^\]]*)\] TJ/g)) {
      const shownText = [...m[2].matchAll(/<([0-9a-fA-F]*)>/g)]
        .map((h) => Buffer.from(h[1], 'hex').toString('latin1'))
        .join('');
      const footer = shownText.startsWith('Page ') || shownText.startsWith('Purchase order PO-');
      expect({ shownText, low: Number(m[1]) < (footer ? 45 : 66) }).toEqual({ shownText, low: false });
      checked += 1;
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('renders the emphasised total in bold and the others in the regular font', async () => {
    const raw = (await renderBrokerageDocumentPdf(sampleDocument(), { compress: false })).toString('latin1');
    // Resource name (/F1...) -> object number -> base font.
    const baseFonts = new Map<string, string>();
    for (const m of raw.matchAll(/(\d+) 0 obj\s*<<\s*\/Type \/Font\s*\/BaseFont \/([\w-]+)/g))
      baseFonts.set(m[1], m[2]);
    const resources = new Map<string, string>();
    for (const m of raw.matchAll(/\/(F\d+) (\d+) 0 R/g)) resources.set(m[1], baseFonts.get(m[2]) ?? '?');
    expect(new Set(resources.values())).toEqual(new Set(['Helvetica', 'Helvetica-Bold']));
    // Which font each text run is drawn in.
    const fontOf = new Map<string, string>();
    for (const m of raw.matchAll(/\/(F\d+) [\d.]+ Tf[^]*?\[([^\]]*)\]\s*TJ/g)) {
      const text = [...m[2].matchAll(/<([0-9a-fA-F]*)>/g)]
        .map((h) => Buffer.from(h[1], 'hex').toString('latin1'))
        .join('');
      fontOf.set(text, resources.get(m[1]) ?? '?');
    }
    expect(fontOf.get('Total')).toBe('Helvetica-Bold');
    expect(fontOf.get('Subtotal')).toBe('Helvetica');
  });

  it('copes with an empty document: no lines, no totals, no notes, no address lines', async () => {
    const pdf = await renderBrokerageDocumentPdf(
      sampleDocument(0, {
        totals: [],
        notes: null,
        facts: [],
        issuer: { legalName: 'Solo Ltd', addressLines: [] },
        counterparty: { label: 'Bill to', name: 'Someone', addressLines: [] },
      }),
      { compress: false },
    );
    const text = textOf(pdf);
    expect(text).toContain('No lines.');
    expect(text).toContain('Page 1 of 1');
    expect(text).not.toContain('NOTES');
  });
});
