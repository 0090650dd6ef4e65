/**
 * The rule-based reader of brokerage documents: what a document is (`classifyDocument`) and the
 * facts its labels announce (`extractEntities`): supplier, PO and invoice numbers, dates, and the
 * lines of its table (product code, description, cases, weight, unit price). Pure: text in, facts
 * out. It reads only what is labelled or laid out as a line; anything else stays null rather than
 * guessed, and every result is marked `extractor: 'rules'` so people know how it was read.
 */

export const DOCUMENT_CLASSES = ['purchase_order', 'invoice', 'bill_of_lading', 'certificate', 'other'] as const;
export type DocumentClass = (typeof DOCUMENT_CLASSES)[number];

export type ExtractedWeightUnit = 'LBS' | 'KG';
export type ExtractedPriceBasis = 'per_lb' | 'per_kg' | 'per_case';

export interface ExtractedLine {
  productCode: string;
  description: string;
  cases: number;
  /** Three places at most, no thousands separators. */
  weight: string;
  weightUnit: ExtractedWeightUnit;
  /** Four places at most. */
  unitPrice: string;
  priceBasis: ExtractedPriceBasis;
}

export interface ExtractedEntities {
  supplierName: string | null;
  poNumber: string | null;
  invoiceNumber: string | null;
  /** YYYY-MM-DD. */
  orderDate: string | null;
  pickupDate: string | null;
  deliveryDate: string | null;
  lines: ExtractedLine[];
}

/** Words that vote for a class; a vote in the first lines (the title) counts three times. */
const CLASS_SIGNALS: Record<Exclude<DocumentClass, 'other'>, RegExp[]> = {
  purchase_order: [/\bpurchase\s+order\b/i, /\bP\.?\s?O\.?\s*(?:#|no\b|number\b)/i],
  invoice: [/\binvoice\b/i, /\bamount\s+due\b/i, /\bremit\s+to\b/i, /\bbill\s+to\b/i],
  bill_of_lading: [/\bbill\s+of\s+lading\b/i, /\bB\/L\b/, /\bBOL\b/, /\bconsignee\b/i, /\bshipper\b/i],
  certificate: [/\bcertificate\b/i, /\bcertif(?:y|ies|ied)\b/i, /\bcertification\b/i],
};
const TITLE_LINES = 3;

/** The class with the most votes (title words weigh more); `other` when nothing votes. */
export function classifyDocument(text: string): DocumentClass {
  const lines = text.split(/\r?\n/);
  let best: DocumentClass = 'other';
  let bestScore = 0;
  for (const [cls, signals] of Object.entries(CLASS_SIGNALS) as [DocumentClass, RegExp[]][]) {
    const score = lines.reduce((sum, line, i) => {
      const weight = i < TITLE_LINES ? 3 : 1;
      return sum + signals.filter((s) => s.test(line)).length * weight;
    }, 0);
    if (score > bestScore) [best, bestScore] = [cls, score];
  }
  return best;
}

/** What may follow a number's label on its line: `#`, `No.`, `Number`, a colon. */
const LABEL_END = String.raw`[ \t]*(?:#|no\.?|num(?:ber)?\.?)?[ \t]*[:#]?[ \t]*`;
/** A document number: letters, digits and `-._/`, with at least one digit. */
const NUMBER = String.raw`((?=[A-Z0-9._/-]*\d)[A-Z0-9][A-Z0-9._/-]{0,63})`;
const SUPPLIER_LABELS = /^\s*(?:supplier|vendor|sold\s+by|seller|packer|from)\s*:\s*(.+?)\s*$/im;
const PO_LABEL = new RegExp(String.raw`\b(?:purchase\s+order|p\.?\s?o\b\.?)${LABEL_END}${NUMBER}`, 'i');
const INVOICE_LABEL = new RegExp(String.raw`\binvoice${LABEL_END}${NUMBER}`, 'i');
const DATE_LABELS: Record<'orderDate' | 'pickupDate' | 'deliveryDate', RegExp> = {
  orderDate: /\b(?:order\s+date|po\s+date|date\s+ordered|date)\s*:\s*([^\n]+)/i,
  pickupDate: /\b(?:pick\s*-?\s*up(?:\s+date)?|ship(?:ping)?\s+date)\s*:\s*([^\n]+)/i,
  deliveryDate: /\b(?:deliver(?:y)?(?:\s+date)?|due\s+in|arrival\s+date)\s*:\s*([^\n]+)/i,
};
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Reads every labelled fact and the table lines of a document's text. */
export function extractEntities(text: string): ExtractedEntities {
  return {
    supplierName: cleanName(SUPPLIER_LABELS.exec(text)?.[1]),
    poNumber: PO_LABEL.exec(text)?.[1] ?? null,
    invoiceNumber: INVOICE_LABEL.exec(text)?.[1] ?? null,
    orderDate: labelledDate(text, DATE_LABELS.orderDate, ['pick', 'ship', 'deliver', 'due', 'arrival']),
    pickupDate: labelledDate(text, DATE_LABELS.pickupDate),
    deliveryDate: labelledDate(text, DATE_LABELS.deliveryDate),
    lines: extractLines(text),
  };
}

/** A name as labelled: up to the next run of spaces (a second column), at most 200 characters. */
function cleanName(raw: string | undefined): string | null {
  const name = raw?.split(/\s{2,}|\t/)[0]?.trim();
  return name ? name.slice(0, 200) : null;
}

/**
 * The first date after the label. A generic `Date:` label must not be one of the other dates'
 * labels (`Pickup Date:`), hence `notAfter`: words that, right before the label, disqualify it.
 */
function labelledDate(text: string, label: RegExp, notAfter: string[] = []): string | null {
  const global = new RegExp(label.source, 'gi');
  for (const match of text.matchAll(global)) {
    const before = text.slice(Math.max(0, match.index - 12), match.index).toLowerCase();
    if (notAfter.some((w) => before.includes(w)) || notAfter.some((w) => match[0].toLowerCase().startsWith(w)))
      continue;
    const date = parseDate(match[1]);
    if (date) return date;
  }
  return null;
}

/** ISO (2026-11-30), US (11/30/2026) and written (Nov 30, 2026 / 30 Nov 2026) dates, as YYYY-MM-DD. */
export function parseDate(raw: string): string | null {
  const iso = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(raw);
  if (iso) return validDate(+iso[1], +iso[2], +iso[3]);
  const us = /\b(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})\b/.exec(raw);
  if (us) return validDate(fullYear(+us[3]), +us[1], +us[2]);
  const written = /\b([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})\b/.exec(raw);
  if (written) return validDate(+written[3], MONTHS.indexOf(written[1].toLowerCase()) + 1, +written[2]);
  const european = /\b(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{4})\b/.exec(raw);
  if (european) return validDate(+european[3], MONTHS.indexOf(european[2].toLowerCase()) + 1, +european[1]);
  return null;
}

function fullYear(year: number): number {
  return year < 100 ? 2000 + year : year;
}

function validDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || year < 1900 || year > 2999) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return null;
  return date.toISOString().slice(0, 10);
}

/**
 * A table line: a product code (letters, digits and `-._`, with at least one digit), a
 * description, the cases, the weight (with an optional lb/kg unit) and the unit price (with an
 * optional $ and /lb, /kg or /case), then anything (a line total).
 */
const LINE = new RegExp(
  String.raw`^\s*(?<code>(?=[A-Za-z0-9._-]*\d)[A-Za-z0-9][A-Za-z0-9._-]{0,31})\s+(?<description>\S.*?)\s+` +
    String.raw`(?<cases>\d{1,6})\s*(?:cs|cases?)?\s+(?<weight>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*` +
    String.raw`(?<unit>lbs?|kgs?)?\.?\s+\$?\s*(?<price>\d+(?:\.\d+)?)\s*(?:\/\s*(?<basis>lbs?|kgs?|cs|case))?` +
    String.raw`(?:\s+.*)?$`,
  'i',
);

/** Lines of the document's table; the header's units (KG, per case) apply to lines that do not say. */
function extractLines(text: string): ExtractedLine[] {
  const header = text.split(/\r?\n/).find((l) => /\bweight\b/i.test(l) && /\bprice\b/i.test(l)) ?? '';
  const headerUnit: ExtractedWeightUnit = /\bkgs?\b/i.test(header) ? 'KG' : 'LBS';
  const headerPerCase = /price\s*\/\s*(?:cs|case)\b|per\s+case/i.test(header);
  return text.split(/\r?\n/).flatMap((line) => {
    const m = LINE.exec(line)?.groups;
    if (!m) return [];
    const weight = decimal(m.weight.replace(/,/g, ''), 3);
    const unitPrice = decimal(m.price, 4);
    if (weight === null || unitPrice === null) return [];
    const weightUnit: ExtractedWeightUnit = m.unit ? (/^kg/i.test(m.unit) ? 'KG' : 'LBS') : headerUnit;
    return [
      {
        productCode: m.code.toUpperCase(),
        description: m.description.trim().slice(0, 500),
        cases: Number(m.cases),
        weight,
        weightUnit,
        unitPrice,
        priceBasis: priceBasis(m.basis, weightUnit, headerPerCase),
      },
    ];
  });
}

function priceBasis(basis: string | undefined, unit: ExtractedWeightUnit, headerPerCase: boolean): ExtractedPriceBasis {
  if (basis) return /^(cs|case)$/i.test(basis) ? 'per_case' : /^kg/i.test(basis) ? 'per_kg' : 'per_lb';
  if (headerPerCase) return 'per_case';
  return unit === 'KG' ? 'per_kg' : 'per_lb';
}

/** A plain decimal string with at most `scale` places (more places: not a value we can trust). */
function decimal(raw: string, scale: number): string | null {
  const m = /^(\d{1,9})(?:\.(\d+))?$/.exec(raw);
  if (!m) return null;
  const fraction = (m[2] ?? '').replace(/0+$/, '');
  if (fraction.length > scale) return null;
  const integer = m[1].replace(/^0+(?=\d)/, '');
  return fraction ? `${integer}.${fraction}` : integer;
}
