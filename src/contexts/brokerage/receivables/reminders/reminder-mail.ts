import { html, type MailTemplate } from '../../../../platform/mail/mail-template';

export const PAYMENT_REMINDER_TEMPLATE = 'brokerage.payment_reminder';
export const PAYMENT_REMINDER_PURPOSE = 'brokerage.payment_reminder';

export interface PaymentReminderData {
  orgName: string;
  customerName: string;
  number: string;
  dueDate: string;
  outstanding: string;
  currency: string;
  /** Days relative to the due date (negative: before it). */
  step: number;
}

const when = (d: PaymentReminderData) =>
  d.step < 0 ? `is due on ${d.dueDate}` : d.step === 0 ? `is due today (${d.dueDate})` : `was due on ${d.dueDate}`;

/** A reminder of an unpaid invoice, one per step of the org's schedule. */
export const paymentReminderMail: MailTemplate<PaymentReminderData> = {
  subject: (d) => `${d.orgName}: reminder, invoice ${d.number} ${d.step > 0 ? 'is overdue' : 'is due'}`,
  text: (d) =>
    [
      `Hello ${d.customerName},`,
      '',
      `Invoice ${d.number} ${when(d)}; ${d.outstanding} ${d.currency} is still outstanding.`,
      'If you have paid it already, please ignore this reminder.',
    ].join('\n'),
  html: (d) =>
    html`<p>Hello ${d.customerName},</p>
      <p>
        Invoice <strong>${d.number}</strong> ${when(d)}; <strong>${d.outstanding} ${d.currency}</strong> is still
        outstanding.
      </p>
      <p>If you have paid it already, please ignore this reminder.</p>`,
};
