import { Injectable, OnModuleInit } from '@nestjs/common';
import { withTransaction } from '../../../../platform/database/transactions';
import { DomainEvents } from '../../../../platform/events/domain-events';
import { JobQueue } from '../../../../platform/jobs/job-queue';
import { todayUtc } from './certification-expiry';
import { CertificationsRepository } from './certifications.repository';

export const CERTIFICATION_EVENTS = {
  expiring: 'fbo.certification.expiring',
  expired: 'fbo.certification.expired',
} as const;

/** How far ahead a certification is announced as expiring. */
export const EXPIRING_NOTICE_DAYS = 30;

/**
 * The daily certification job: announces each certification once when it comes within 30 days
 * of its expiry and once when it expires (a renewal re-arms both), as domain events that webhook
 * subscribers and a mail digest can take up.
 */
@Injectable()
export class CertificationAlertsService implements OnModuleInit {
  constructor(
    private readonly certifications: CertificationsRepository,
    private readonly events: DomainEvents,
    private readonly jobs: JobQueue,
  ) {}

  onModuleInit(): void {
    this.jobs.define({
      queue: 'fbo.certifications-expiry',
      schedule: { cron: '15 5 * * *' },
      handler: async () => void (await this.announce(new Date())),
    });
  }

  /** Announces what reached a threshold by `now`; returns how many of each. */
  async announce(now: Date): Promise<{ expiring: number; expired: number }> {
    const today = todayUtc(now);
    return withTransaction(this.certifications.db, async (tx) => {
      const counts = { expiring: 0, expired: 0 };
      for (const threshold of ['expiring', 'expired'] as const) {
        const reached = await this.certifications.claimThreshold(tx, threshold, today, EXPIRING_NOTICE_DAYS);
        counts[threshold] = reached.length;
        await this.events.recordAll(
          tx,
          reached.map((c) => ({
            orgId: c.orgId,
            type: CERTIFICATION_EVENTS[threshold],
            subjectId: c.fuelerId,
            payload: {
              certificationId: c.id,
              fuelerId: c.fuelerId,
              courseId: c.courseId,
              courseName: c.courseName,
              expiresOn: c.expiresOn,
            },
          })),
        );
      }
      return counts;
    });
  }
}
