import PDFDocument from 'pdfkit';
import { joinItems, pdfToText } from './pdf-text';

function pdf(lines: string[], pages = 1): Promise<Buffer> {
  const doc = new PDFDocument();
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.on('data', (c: Buffer) => chunks.push(c));
  for (let p = 0; p < pages; p++) {
    if (p) doc.addPage();
    for (const line of lines) doc.text(`${line}${pages > 1 ? ` p${p + 1}` : ''}`);
  }
  doc.end();
  return done;
}

describe('pdfToText', () => {
  it('reads the text layer line by line, pages joined, up to the page limit', async () => {
    const text = await pdfToText(await pdf(['PURCHASE ORDER', 'PO Number: PO-1234'], 3), 2);
    expect(text).toBe('PURCHASE ORDER p1\nPO Number: PO-1234 p1\n\nPURCHASE ORDER p2\nPO Number: PO-1234 p2');
  });

  it('refuses bytes that are not a PDF', async () => {
    await expect(pdfToText(Buffer.from('%PDF-1.4 broken'))).rejects.toThrow();
  });
});

describe('joinItems', () => {
  it('joins items of one baseline with a space and breaks on a new baseline or an end of line', () => {
    expect(
      joinItems([
        { str: 'Code', hasEOL: false, y: 700 },
        { str: 'Description', hasEOL: false, y: 700 },
        { str: 'VB-1', hasEOL: false, y: 680 },
        { str: 'Chuck', hasEOL: true, y: 680 },
        { str: '', hasEOL: true, y: null },
        { str: 'Total', hasEOL: false, y: 660 },
      ]),
    ).toBe('Code Description\nVB-1 Chuck\nTotal');
  });
});
