import { randomUUID } from 'node:crypto';
import { Brokerage } from '../brokerage/brokerage-kit';
import { amountLines, SalesRefs } from '../brokerage-sales/sales-kit';

/* eslint-disable @typescript-eslint/no-explicit-any */

export const key = () => ({ 'Idempotency-Key': randomUUID() });

/** A draft purchase order of `amount` (one case) from the refs' supplier. */
export const purchaseOrder = (b: Brokerage, refs: SalesRefs, amount: string): Promise<any> =>
  b.ok(b.org.at('member'), 'POST', '/purchase-orders', {
    headers: key(),
    body: { supplierId: refs.supplier.id, lines: amountLines(refs, amount) },
  });

/** An issued invoice of `amount` for `customerId`, dated `invoiceDate`. */
export async function issuedInvoice(
  b: Brokerage,
  refs: SalesRefs,
  amount: string,
  customerId: string,
  invoiceDate: string,
): Promise<any> {
  const draft = await b.ok(b.org.at('member'), 'POST', '/invoices', {
    body: { customerId, invoiceDate, lines: amountLines(refs, amount) },
  });
  return b.ok(b.org.at('officer'), 'POST', `/invoices/${draft.id}/issue`);
}
