import { html, type MailTemplate } from '../../../platform/mail/mail-template';

export const SALES_ORDER_CONFIRMATION_TEMPLATE = 'brokerage.sales_order_confirmation';
export const INVOICE_TEMPLATE = 'brokerage.invoice';

export interface SalesOrderConfirmationData {
  orgName: string;
  number: string;
  customerName: string;
  customerPoNumber: string | null;
  deliveryDate: string | null;
  total: string;
  currency: string;
  lines: { description: string; quantity: string; total: string }[];
}

/** The confirmation of a sales order, mailed to the order's contact (or the customer) when it is confirmed. */
export const salesOrderConfirmationMail: MailTemplate<SalesOrderConfirmationData> = {
  subject: (d) => `${d.orgName}: order ${d.number} confirmed`,
  text: (d) =>
    [
      `Hello ${d.customerName},`,
      '',
      `${d.orgName} confirms your order ${d.number}${d.customerPoNumber ? ` (your PO ${d.customerPoNumber})` : ''}.`,
      d.deliveryDate ? `Delivery: ${d.deliveryDate}` : '',
      '',
      ...d.lines.map((l) => `- ${l.description}: ${l.quantity}, ${l.total} ${d.currency}`),
      '',
      `Total: ${d.total} ${d.currency}`,
    ].join('\n'),
  html: (d) =>
    html`<p>Hello ${d.customerName},</p>
      <p>
        ${d.orgName} confirms your order
        <strong>${d.number}</strong>${d.customerPoNumber ? html` (your PO ${d.customerPoNumber})` : ''}.
      </p>
      ${d.deliveryDate ? html`<p>Delivery: ${d.deliveryDate}</p>` : ''}
      <ul>
        ${d.lines.map((l) => html`<li>${l.description}: ${l.quantity}, ${l.total} ${d.currency}</li>`)}
      </ul>
      <p>Total: <strong>${d.total} ${d.currency}</strong></p>`,
};

export interface InvoiceMailData {
  orgName: string;
  title: string;
  number: string;
  customerName: string;
  invoiceDate: string | null;
  dueDate: string | null;
  total: string;
  outstanding: string;
  currency: string;
  customerPoNumber: string | null;
}

/** An issued invoice or credit note, mailed to the customer's accounts-payable contact. */
export const invoiceMail: MailTemplate<InvoiceMailData> = {
  subject: (d) => `${d.orgName}: ${d.title.toLowerCase()} ${d.number}`,
  text: (d) =>
    [
      `Hello ${d.customerName},`,
      '',
      `Please find ${d.title.toLowerCase()} ${d.number}${d.customerPoNumber ? ` for your PO ${d.customerPoNumber}` : ''}.`,
      `Date: ${d.invoiceDate ?? ''}   Due: ${d.dueDate ?? ''}`,
      `Total: ${d.total} ${d.currency}   Outstanding: ${d.outstanding} ${d.currency}`,
    ].join('\n'),
  html: (d) =>
    html`<p>Hello ${d.customerName},</p>
      <p>
        Please find ${d.title.toLowerCase()}
        <strong>${d.number}</strong>${d.customerPoNumber ? html` for your PO ${d.customerPoNumber}` : ''}.
      </p>
      <p>Date: ${d.invoiceDate ?? ''}; due: ${d.dueDate ?? ''}</p>
      <p>Total: ${d.total} ${d.currency}; outstanding: <strong>${d.outstanding} ${d.currency}</strong></p>`,
};
