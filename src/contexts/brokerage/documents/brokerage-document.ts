/**
 * What a printed brokerage document (purchase order, sales order confirmation, invoice, credit note)
 * shows, independent of how it is rendered: the services build one from their aggregate and hand it
 * to `renderBrokerageDocumentPdf` (document-pdf.ts). All amounts are already-formatted decimal
 * strings computed by the server; the renderer never does arithmetic.
 */
export interface BrokerageDocument {
  kind: 'purchase_order' | 'sales_order' | 'invoice' | 'credit_note';
  /** "Purchase order", "Invoice", ... */
  title: string;
  number: string;
  issuer: { legalName: string; addressLines: string[]; contactEmail?: string | null };
  /** The other side: "Supplier", "Bill to", ... */
  counterparty: { label: string; name: string; addressLines: string[] };
  /** Dates, terms, reference numbers, in display order. */
  facts: { label: string; value: string }[];
  lines: { description: string; quantity: string; unit: string; unitPrice: string; amount: string }[];
  /** Subtotal, tax, total, paid, outstanding...: the last `emphasised` one is the amount due. */
  totals: { label: string; value: string; emphasised?: boolean }[];
  /** ISO 4217 code printed beside amounts. */
  currency: string;
  notes?: string | null;
  /**
   * When the document was printed: becomes the PDF's CreationDate/ModDate. Optional; without it the
   * renderer uses a fixed date, so the same document always renders to the same bytes.
   */
  printedAt?: Date | string | null;
}
