import { Injectable, OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '../../../../platform/events/domain-events';
import { JobQueue } from '../../../../platform/jobs/job-queue';
import { InvoicesRepository } from './invoices.repository';

export const INVOICE_OVERDUE_QUEUE = 'brokerage.invoice-overdue';

/**
 * Announces `brokerage.invoice.overdue` once per invoice, when its due date has passed in its org's
 * time zone with money still outstanding. Overdue itself is derived on every read; only the
 * announcement is remembered (`overdue_announced_at`), so the event goes out once however often
 * the job runs. It runs hourly so every zone's new day is seen within the hour of its midnight.
 */
@Injectable()
export class InvoiceOverdueService implements OnModuleInit {
  constructor(
    private readonly invoices: InvoicesRepository,
    private readonly events: DomainEvents,
    private readonly jobs: JobQueue,
  ) {}

  onModuleInit(): void {
    this.jobs.define({
      queue: INVOICE_OVERDUE_QUEUE,
      schedule: { cron: '5 * * * *' },
      handler: async () => void (await this.announce(new Date())),
    });
  }

  /** Announces the invoices overdue at `now` not announced before; returns how many. */
  announce(now: Date): Promise<number> {
    return this.invoices.transaction(async (tx) => {
      const due = await this.invoices.claimOverdue(tx, now);
      await this.events.recordAll(
        tx,
        due.map((invoice) => ({
          orgId: invoice.orgId,
          type: 'brokerage.invoice.overdue',
          subjectId: invoice.id,
          payload: { ...invoice },
        })),
      );
      return due.length;
    });
  }
}
