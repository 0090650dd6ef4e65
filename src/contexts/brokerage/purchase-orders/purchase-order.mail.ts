import { html, MailTemplate } from '../../../platform/mail/mail-template';

export const PURCHASE_ORDER_MAIL_TEMPLATE = 'brokerage.purchase-order';
/** The mail's purpose (with a fresh subject id per send: an order may be sent again). */
export const PURCHASE_ORDER_MAIL_PURPOSE = 'brokerage.purchase_order.sent';

export interface PurchaseOrderMailData {
  orgName: string;
  number: string;
  /** The contact's name, or null when mailed to the supplier's own address. */
  recipientName: string | null;
  supplierName: string;
  orderDate: string;
  pickupDate: string | null;
  deliveryDate: string | null;
  total: string;
  currency: string;
  lineCount: number;
  replyTo: string | null;
  fileName: string;
}

/** A purchase order sent to the supplier, with its PDF attached. */
export const purchaseOrderMail: MailTemplate<PurchaseOrderMailData> = {
  subject: ({ orgName, number }) => `Purchase order ${number} from ${orgName}`,
  text: (d) =>
    [
      `Hello ${d.recipientName ?? d.supplierName},`,
      '',
      `Please find attached our purchase order ${d.number} (${d.fileName}).`,
      '',
      `Order date: ${d.orderDate}`,
      ...(d.pickupDate ? [`Pick-up date: ${d.pickupDate}`] : []),
      ...(d.deliveryDate ? [`Delivery date: ${d.deliveryDate}`] : []),
      `Lines: ${d.lineCount}`,
      `Total: ${d.total} ${d.currency}`,
      '',
      'Please confirm the order and send us your confirmation number.',
      ...(d.replyTo ? [`Questions: ${d.replyTo}`] : []),
      '',
      `-- ${d.orgName}`,
    ].join('\n'),
  html: (d) =>
    html`<p>Hello ${d.recipientName ?? d.supplierName},</p>
      <p>Please find attached our purchase order <strong>${d.number}</strong> (${d.fileName}).</p>
      <table>
        <tr>
          <td>Order date</td>
          <td>${d.orderDate}</td>
        </tr>
        ${
          d.pickupDate
            ? html`<tr>
                <td>Pick-up date</td>
                <td>${d.pickupDate}</td>
              </tr>`
            : ''
        }
        ${
          d.deliveryDate
            ? html`<tr>
                <td>Delivery date</td>
                <td>${d.deliveryDate}</td>
              </tr>`
            : ''
        }
        <tr>
          <td>Lines</td>
          <td>${d.lineCount}</td>
        </tr>
        <tr>
          <td>Total</td>
          <td>${d.total} ${d.currency}</td>
        </tr>
      </table>
      <p>Please confirm the order and send us your confirmation number.</p>
      ${d.replyTo ? html`<p>Questions: ${d.replyTo}</p>` : ''}
      <p>-- ${d.orgName}</p>`,
};
