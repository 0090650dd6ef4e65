import type { ExtractedEntities, ExtractedLine } from '../documents/document-extraction';

export const PROPOSAL_KINDS = ['supplier', 'purchase_order'] as const;
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];

export const PROPOSAL_STATUSES = ['pending', 'applying', 'applied', 'dismissed'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** An apply that claimed a proposal and has not finished after this long was abandoned (a crash): another may claim it. */
export const STALE_CLAIM_MS = 2 * 60_000;

export interface SupplierProposalPayload {
  name: string;
}

export interface PurchaseOrderProposalLine extends ExtractedLine {
  /** The org's product with that code, when one was found. */
  productId: string | null;
}

export interface PurchaseOrderProposalPayload {
  supplierName: string | null;
  /** The supplier on file with that name, when one was found. */
  supplierId: string | null;
  /** The number the document gives the order (kept as the supplier's confirmation number). */
  documentNumber: string | null;
  orderDate: string | null;
  pickupDate: string | null;
  deliveryDate: string | null;
  lines: PurchaseOrderProposalLine[];
}

export type ProposalPayload = SupplierProposalPayload | PurchaseOrderProposalPayload;

export interface ProposalResult {
  supplierId?: string;
  purchaseOrderId?: string;
  purchaseOrderNumber?: string;
}

/** What the org already has that a document's facts name: the supplier by name, products by code. */
export interface KnownRecords {
  supplierId: string | null;
  productIds: ReadonlyMap<string, string>;
}

export interface ProposalDraft {
  kind: ProposalKind;
  payload: ProposalPayload;
  /** The purchase order waits for the supplier proposal drafted with it. */
  dependsOnSupplier: boolean;
}

/**
 * The proposals a document's facts give: a supplier when the named one is not on file, and for a
 * purchase order with lines, the order (supplier and products matched where they exist).
 */
export function draftProposals(
  documentClass: string,
  entities: ExtractedEntities,
  known: KnownRecords,
): ProposalDraft[] {
  const drafts: ProposalDraft[] = [];
  const newSupplier = entities.supplierName !== null && known.supplierId === null;
  if (newSupplier)
    drafts.push({ kind: 'supplier', payload: { name: entities.supplierName! }, dependsOnSupplier: false });
  if (documentClass === 'purchase_order' && entities.lines.length) {
    const payload: PurchaseOrderProposalPayload = {
      supplierName: entities.supplierName,
      supplierId: known.supplierId,
      documentNumber: entities.poNumber?.slice(0, 64) ?? null,
      orderDate: entities.orderDate,
      pickupDate: entities.pickupDate,
      deliveryDate: entities.deliveryDate,
      lines: entities.lines
        .slice(0, 100)
        .map((l) => ({ ...l, productId: known.productIds.get(l.productCode) ?? null })),
    };
    drafts.push({ kind: 'purchase_order', payload, dependsOnSupplier: newSupplier });
  }
  return drafts;
}
