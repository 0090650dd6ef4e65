import type { PurchaseOrderStatus } from './purchase-order-rules';

/**
 * The states in which an order is mailed to the supplier: approved only. A draft or an order
 * pending approval is not agreed yet; a received, closed or cancelled one is done with.
 */
export const SENDABLE_PURCHASE_ORDER_STATUSES: readonly PurchaseOrderStatus[] = ['approved'];

/** A rendered purchase order: the PDF bytes and the file name they go by. */
export interface PurchaseOrderPdf {
  bytes: Buffer;
  fileName: string;
}
