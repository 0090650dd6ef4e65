import PDFDocument from 'pdfkit';
import type { BrokerageDocument } from './brokerage-document';

/**
 * Renders a brokerage document (purchase order, order confirmation, invoice, credit note) as an A4
 * PDF with pdfkit, using only the 14 standard PDF fonts (Helvetica), so it needs no font files and
 * runs offline.
 *
 * The output is deterministic: the same document gives the same bytes. CreationDate and ModDate
 * come from `doc.printedAt` (or a fixed epoch when it is absent), and pdfkit derives the file ID
 * from the info dictionary, so nothing depends on the clock.
 *
 * Layout: issuer header (left) with the title and number (right), the counterparty block beside
 * the facts, a lines table that breaks across pages and repeats its header row, totals
 * right-aligned (emphasised rows in bold), notes, and "Page n of m" in every footer.
 */
export async function renderBrokerageDocumentPdf(doc: BrokerageDocument, options: RenderOptions = {}): Promise<Buffer> {
  const printedAt = toDate(doc.printedAt);
  const pdf = new PDFDocument({
    size: 'A4',
    // The bottom margin keeps the footer's band free: text that pdfkit flows onto a new page stops above it.
    margins: { top: MARGIN, bottom: MARGIN + FOOTER_HEIGHT, left: MARGIN, right: MARGIN },
    bufferPages: true,
    compress: options.compress ?? true,
    autoFirstPage: true,
    info: {
      Title: `${doc.title} ${doc.number}`,
      Author: doc.issuer.legalName,
      Subject: doc.title,
      Creator: 'Quartermaster',
      Producer: 'Quartermaster (PDFKit)',
      CreationDate: printedAt,
      ModDate: printedAt,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  const layout = new Layout(pdf, doc);
  layout.header();
  layout.parties();
  layout.linesTable();
  layout.totals();
  layout.notes();
  layout.footers();
  pdf.end();
  return done;
}

export interface RenderOptions {
  /** Deflate the content streams (default true). Tests pass false to read the text from the bytes. */
  compress?: boolean;
}

const MARGIN = 50;
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const MUTED = '#555555';
const RULE = '#cccccc';
const HEADER_FILL = '#f0f0f0';
const FOOTER_HEIGHT = 24;
/** Fallback print date, so a document without `printedAt` still renders to the same bytes. */
const FIXED_EPOCH = new Date(Date.UTC(2000, 0, 1));

function toDate(value: Date | string | null | undefined): Date {
  if (value === null || value === undefined) return FIXED_EPOCH;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? FIXED_EPOCH : date;
}

interface Column {
  key: 'description' | 'quantity' | 'unit' | 'unitPrice' | 'amount';
  label: string;
  width: number;
  align: 'left' | 'right';
}

class Layout {
  private readonly left: number;
  private readonly right: number;
  private readonly width: number;
  private readonly columns: Column[];

  constructor(
    private readonly pdf: PDFKit.PDFDocument,
    private readonly doc: BrokerageDocument,
  ) {
    this.left = pdf.page.margins.left;
    this.right = pdf.page.width - pdf.page.margins.right;
    this.width = this.right - this.left;
    const fixed = { quantity: 60, unit: 45, unitPrice: 85, amount: 90 };
    const currency = doc.currency;
    this.columns = [
      {
        key: 'description',
        label: 'Description',
        width: this.width - fixed.quantity - fixed.unit - fixed.unitPrice - fixed.amount,
        align: 'left',
      },
      { key: 'quantity', label: 'Quantity', width: fixed.quantity, align: 'right' },
      { key: 'unit', label: 'Unit', width: fixed.unit, align: 'left' },
      { key: 'unitPrice', label: `Unit price (${currency})`, width: fixed.unitPrice, align: 'right' },
      { key: 'amount', label: `Amount (${currency})`, width: fixed.amount, align: 'right' },
    ];
  }

  /** The lowest y content may reach on a page (above the footer). */
  private get bottom(): number {
    return this.pdf.page.height - this.pdf.page.margins.bottom;
  }

  /** Starts a new page when `height` more points do not fit; returns whether it did. */
  private ensureSpace(height: number): boolean {
    if (this.pdf.y + height <= this.bottom) return false;
    this.pdf.addPage();
    this.pdf.y = this.pdf.page.margins.top;
    return true;
  }

  header(): void {
    const { pdf, doc } = this;
    const top = pdf.page.margins.top;
    const half = this.width / 2;

    pdf.font(BOLD).fontSize(14).fillColor('black');
    pdf.text(doc.issuer.legalName, this.left, top, { width: half - 10 });
    pdf.font(FONT).fontSize(9).fillColor(MUTED);
    for (const line of doc.issuer.addressLines) pdf.text(line, { width: half - 10 });
    if (doc.issuer.contactEmail) pdf.text(doc.issuer.contactEmail, { width: half - 10 });
    const issuerBottom = pdf.y;

    pdf.font(BOLD).fontSize(20).fillColor('black');
    pdf.text(doc.title, this.left + half, top, { width: half, align: 'right' });
    pdf.font(FONT).fontSize(11).fillColor(MUTED);
    pdf.text(`No. ${doc.number}`, this.left + half, pdf.y + 2, { width: half, align: 'right' });
    const titleBottom = pdf.y;

    pdf.y = Math.max(issuerBottom, titleBottom) + 14;
    this.rule();
    pdf.y += 14;
  }

  parties(): void {
    const { pdf, doc } = this;
    const top = pdf.y;
    const half = this.width / 2;

    pdf.font(BOLD).fontSize(8).fillColor(MUTED);
    pdf.text(doc.counterparty.label.toUpperCase(), this.left, top, { width: half - 10 });
    pdf.font(BOLD).fontSize(11).fillColor('black');
    pdf.text(doc.counterparty.name, { width: half - 10 });
    pdf.font(FONT).fontSize(9).fillColor('black');
    for (const line of doc.counterparty.addressLines) pdf.text(line, { width: half - 10 });
    const counterpartyBottom = pdf.y;

    const labelWidth = 95;
    const valueX = this.left + half + labelWidth;
    const valueWidth = half - labelWidth;
    let y = top;
    for (const fact of doc.facts) {
      pdf.font(FONT).fontSize(9);
      const height = Math.max(
        pdf.heightOfString(fact.label, { width: labelWidth - 6 }),
        pdf.heightOfString(fact.value, { width: valueWidth }),
      );
      pdf.fillColor(MUTED).text(fact.label, this.left + half, y, { width: labelWidth - 6 });
      pdf.fillColor('black').text(fact.value, valueX, y, { width: valueWidth, align: 'right' });
      y += height + 3;
    }

    pdf.y = Math.max(counterpartyBottom, y) + 20;
  }

  linesTable(): void {
    const { pdf, doc } = this;
    this.ensureSpace(40);
    this.tableHeader();
    if (doc.lines.length === 0) {
      pdf.font(FONT).fontSize(9).fillColor(MUTED);
      pdf.text('No lines.', this.left + 4, pdf.y + 4, { width: this.width - 8 });
      pdf.y += 6;
      this.rule();
      return;
    }
    for (const line of doc.lines) {
      pdf.font(FONT).fontSize(9);
      const cellHeights = this.columns.map((column) =>
        pdf.heightOfString(line[column.key] || ' ', { width: column.width - 8 }),
      );
      const rowHeight = Math.max(...cellHeights) + 8;
      if (this.ensureSpace(rowHeight)) this.tableHeader();
      const y = pdf.y;
      let x = this.left;
      pdf.fillColor('black');
      for (const column of this.columns) {
        pdf.text(line[column.key], x + 4, y + 4, { width: column.width - 8, align: column.align });
        x += column.width;
      }
      pdf.y = y + rowHeight;
      this.rule();
    }
  }

  private tableHeader(): void {
    const { pdf } = this;
    pdf.font(BOLD).fontSize(8);
    const height = Math.max(...this.columns.map((c) => pdf.heightOfString(c.label, { width: c.width - 8 }))) + 10;
    const y = pdf.y;
    pdf.save().rect(this.left, y, this.width, height).fill(HEADER_FILL).restore();
    pdf.fillColor('black');
    let x = this.left;
    for (const column of this.columns) {
      pdf.text(column.label, x + 4, y + 5, { width: column.width - 8, align: column.align });
      x += column.width;
    }
    pdf.y = y + height;
    pdf.font(FONT).fontSize(9);
  }

  totals(): void {
    const { pdf, doc } = this;
    if (doc.totals.length === 0) return;
    const blockWidth = 250;
    const labelWidth = 140;
    const x = this.right - blockWidth;
    pdf.y += 10;
    this.ensureSpace(doc.totals.length * 18);
    for (const total of doc.totals) {
      this.ensureSpace(18);
      const y = pdf.y;
      const font = total.emphasised ? BOLD : FONT;
      const size = total.emphasised ? 11 : 9;
      if (total.emphasised) {
        pdf.save().moveTo(x, y).lineTo(this.right, y).lineWidth(0.75).stroke('black').restore();
      }
      pdf.font(font).fontSize(size).fillColor('black');
      pdf.text(total.label, x, y + 4, { width: labelWidth, align: 'left' });
      pdf.text(`${total.value} ${doc.currency}`, x + labelWidth, y + 4, {
        width: blockWidth - labelWidth,
        align: 'right',
      });
      pdf.y = y + size + 9;
    }
  }

  notes(): void {
    const { pdf, doc } = this;
    const notes = doc.notes?.trim();
    if (!notes) return;
    pdf.y += 16;
    pdf.font(FONT).fontSize(9);
    this.ensureSpace(Math.min(pdf.heightOfString(notes, { width: this.width }) + 14, 80));
    pdf.font(BOLD).fontSize(8).fillColor(MUTED).text('NOTES', this.left, pdf.y, { width: this.width });
    pdf.moveDown(0.3);
    // Long notes flow onto further pages by themselves: pdfkit breaks text at the bottom margin.
    pdf.font(FONT).fontSize(9).fillColor('black').text(notes, this.left, pdf.y, { width: this.width });
  }

  /** Writes "Page n of m" (and the document number) into every buffered page. */
  footers(): void {
    const { pdf, doc } = this;
    const range = pdf.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      pdf.switchToPage(i);
      const bottomMargin = pdf.page.margins.bottom;
      // Writing below the bottom margin would make pdfkit add a page; lift the margin meanwhile.
      pdf.page.margins.bottom = 0;
      const y = pdf.page.height - MARGIN - 10;
      pdf.font(FONT).fontSize(8).fillColor(MUTED);
      pdf.text(`${doc.title} ${doc.number}`, this.left, y, { width: this.width / 2, lineBreak: false });
      pdf.text(`Page ${i - range.start + 1} of ${range.count}`, this.left + this.width / 2, y, {
        width: this.width / 2,
        align: 'right',
        lineBreak: false,
      });
      pdf.page.margins.bottom = bottomMargin;
    }
  }

  private rule(): void {
    const { pdf } = this;
    pdf.save().moveTo(this.left, pdf.y).lineTo(this.right, pdf.y).lineWidth(0.5).stroke(RULE).restore();
  }
}
