import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobQueue } from '../../../../platform/jobs/job-queue';
import { MailService } from '../../../../platform/mail/mail.service';
import { dueReminderStep } from '../payments/payment-rules';
import { ReceivablesRepository } from '../receivables/receivables.repository';
import {
  PAYMENT_REMINDER_PURPOSE,
  PAYMENT_REMINDER_TEMPLATE,
  PaymentReminderData,
  paymentReminderMail,
} from './reminder-mail';

export const PAYMENT_REMINDER_QUEUE = 'brokerage.payment-reminders';

/**
 * Mails payment reminders on each org's schedule (days relative to the due date, in the brokerage
 * settings): for every open invoice, the latest step whose day has come in the org's time zone, to
 * the customer's accounts-payable contact (else the customer). The mailer sends once per
 * (purpose, `invoiceId:step`), so however often the job runs each step goes out once. It runs
 * hourly, so each zone's new day is seen within the hour of its midnight.
 */
@Injectable()
export class PaymentRemindersService implements OnModuleInit {
  constructor(
    private readonly receivables: ReceivablesRepository,
    private readonly mail: MailService,
    private readonly jobs: JobQueue,
  ) {}

  onModuleInit(): void {
    this.mail.defineTemplate(PAYMENT_REMINDER_TEMPLATE, paymentReminderMail);
    this.jobs.define({
      queue: PAYMENT_REMINDER_QUEUE,
      schedule: { cron: '15 * * * *' },
      handler: async () => void (await this.remind(new Date())),
    });
  }

  /** Queues the reminders due at `now` not sent before; returns how many. */
  remind(now: Date): Promise<number> {
    return this.receivables.transaction(async (tx) => {
      let sent = 0;
      for (const invoice of await this.receivables.reminderCandidates(tx, now)) {
        const step = dueReminderStep(invoice.dueDate, invoice.reminderDays, invoice.today);
        if (step === null || !invoice.email) continue;
        const queued = await this.mail.send<PaymentReminderData>(tx, {
          to: invoice.email,
          template: PAYMENT_REMINDER_TEMPLATE,
          purpose: PAYMENT_REMINDER_PURPOSE,
          subjectId: `${invoice.invoiceId}:${step}`,
          data: {
            orgName: invoice.orgName ?? 'Your supplier',
            customerName: invoice.customerName,
            number: invoice.number,
            dueDate: invoice.dueDate,
            outstanding: invoice.outstanding,
            currency: invoice.currency,
            step,
          },
        });
        if (queued) sent++;
      }
      return sent;
    });
  }
}
