import type { AddressDto } from '../../common/address.dto';
import type { BrokerageDocument } from '../../documents/brokerage-document';
import type { Party } from '../../parties/party.entity';
import type { BrokerageSettings } from '../../settings/brokerage-settings.entity';
import type { InvoiceLine } from './invoice-line.entity';
import type { Invoice } from './invoice.entity';

const UNIT = { per_lb: 'lb', per_kg: 'kg', per_case: 'case' } as const;

/** An address as printed lines. */
export function addressLines(address: AddressDto | null | undefined): string[] {
  if (!address) return [];
  const cityLine = [address.city, address.region, address.postalCode].filter(Boolean).join(', ');
  return [address.line1, address.line2, cityLine, address.country].filter((l): l is string => !!l);
}

/**
 * What an invoice or credit note prints: the org as issuer, the customer as "Bill to", dates and
 * references, one row per line (the billed quantity in the price's unit), subtotal, tax, total and
 * what is outstanding. Every figure is the server's; the renderer does no arithmetic.
 */
export function invoiceDocument(
  invoice: Invoice,
  lines: InvoiceLine[],
  ctx: { settings: BrokerageSettings; orgName: string; customer: Party; creditedNumber?: string | null },
): BrokerageDocument {
  const credit = invoice.kind === 'credit_note';
  const fact = (label: string, value: string | null | undefined) => (value ? [{ label, value }] : []);
  return {
    kind: credit ? 'credit_note' : 'invoice',
    title: credit ? 'Credit note' : 'Invoice',
    number: invoice.number ?? 'DRAFT',
    issuer: {
      legalName: ctx.settings.legalName ?? ctx.orgName,
      addressLines: addressLines(ctx.settings.address),
      contactEmail: ctx.settings.contactEmail,
    },
    counterparty: { label: 'Bill to', name: ctx.customer.name, addressLines: addressLines(ctx.customer.address) },
    facts: [
      ...fact(credit ? 'Credit note date' : 'Invoice date', invoice.invoiceDate),
      ...(credit ? [] : fact('Due date', invoice.dueDate)),
      ...(credit ? fact('Credits invoice', ctx.creditedNumber) : []),
      ...fact('Customer PO', invoice.customerPoNumber),
      ...(ctx.customer.terms && !credit ? [{ label: 'Terms', value: `Net ${ctx.customer.terms.netDays}` }] : []),
    ],
    lines: lines.map((l) => ({
      description: l.description,
      quantity: l.priceBasis === 'per_case' ? String(l.cases) : l.weight,
      unit: UNIT[l.priceBasis],
      unitPrice: l.unitPrice,
      amount: l.total,
    })),
    totals: [
      { label: 'Subtotal', value: invoice.subtotal },
      { label: `Tax (${invoice.taxRate}%)`, value: invoice.tax },
      { label: credit ? 'Total credit' : 'Total', value: invoice.total, emphasised: credit },
      ...(credit ? [] : [{ label: 'Amount due', value: invoice.outstanding, emphasised: true }]),
    ],
    currency: invoice.currency,
    notes: invoice.notes || null,
    printedAt: invoice.issuedAt,
  };
}
