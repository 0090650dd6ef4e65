/** What `POST purchase-orders/{id}/send` did: to whom the order's PDF was mailed, and when. */
export class PurchaseOrderSentDto {
  purchaseOrderId: string;
  /** The order's number, e.g. `PO-000042`. */
  number: string;
  /** The address the mail went to. */
  sentTo: string;
  /** The supplier's contact it went to; null when it went to the supplier's own email. */
  contactId: string | null;
  sentAt: string;
  /** The attached PDF's file name. */
  fileName: string;
}
