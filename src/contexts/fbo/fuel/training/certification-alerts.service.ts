import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { withTransaction } from '../../../../platform/database/transactions';
import { DomainEvents } from '../../../../platform/events/domain-events';
import { JobQueue } from '../../../../platform/jobs/job-queue';
import { MailService } from '../../../../platform/mail/mail.service';
import { MembersService } from '../../../../platform/tenancy/members/members.service';
import { OrgsService } from '../../../../platform/tenancy/orgs/orgs.service';
import { CERTIFICATION_DIGEST_TEMPLATE, certificationDigestMail, DigestLine } from './certification-digest.mail';
import { CertificationsRepository, ReachedThreshold } from './certifications.repository';

export const CERTIFICATION_EVENTS = {
  expiring: 'fbo.certification.expiring',
  expired: 'fbo.certification.expired',
} as const;

/** How far ahead a certification is announced as expiring. */
export const EXPIRING_NOTICE_DAYS = 30;

/**
 * The daily certification job: announces each certification once when it comes within 30 days
 * of its expiry and once when it expires (a renewal re-arms both), as domain events for webhook
 * subscribers, and mails each org's officers one digest of what reached a threshold that day.
 * "Today" is the org's own calendar day (its settings' time zone), so a certification expiring on
 * the 31st is announced expired on the 1st at the airport, not at UTC midnight.
 */
@Injectable()
export class CertificationAlertsService implements OnModuleInit {
  constructor(
    private readonly certifications: CertificationsRepository,
    private readonly events: DomainEvents,
    private readonly jobs: JobQueue,
    private readonly mail: MailService,
    private readonly members: MembersService,
    private readonly orgs: OrgsService,
  ) {}

  onModuleInit(): void {
    this.mail.defineTemplate(CERTIFICATION_DIGEST_TEMPLATE, certificationDigestMail);
    this.jobs.define({
      queue: 'fbo.certifications-expiry',
      schedule: { cron: '15 5 * * *' },
      handler: async () => void (await this.announce(new Date())),
    });
  }

  /**
   * Announces what reached a threshold by `now` (each org's own day) and queues the digests, all in
   * one transaction: a failed run announces nothing and the next run finds the same work. Returns
   * how many certifications reached each threshold.
   */
  async announce(now: Date): Promise<{ expiring: number; expired: number }> {
    return withTransaction(this.certifications.db, async (tx) => {
      const reached = {
        expiring: await this.certifications.claimThreshold(tx, 'expiring', now, EXPIRING_NOTICE_DAYS),
        expired: await this.certifications.claimThreshold(tx, 'expired', now, EXPIRING_NOTICE_DAYS),
      };
      for (const threshold of ['expiring', 'expired'] as const) {
        await this.events.recordAll(
          tx,
          reached[threshold].map((c) => ({
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
      await this.mailDigests(tx, reached);
      return { expiring: reached.expiring.length, expired: reached.expired.length };
    });
  }

  /**
   * One digest per org and officer for the org's day (the mail's subject id), so a second run on
   * the same day mails nothing twice even if it finds more.
   */
  private async mailDigests(tx: EntityManager, reached: Record<'expiring' | 'expired', ReachedThreshold[]>) {
    const byOrg = new Map<string, { day: string; expiring: DigestLine[]; expired: DigestLine[] }>();
    for (const threshold of ['expiring', 'expired'] as const) {
      for (const c of reached[threshold]) {
        const digest = byOrg.get(c.orgId) ?? { day: c.localDay, expiring: [], expired: [] };
        digest[threshold].push({ fuelerName: c.fuelerName, courseName: c.courseName, expiresOn: c.expiresOn });
        byOrg.set(c.orgId, digest);
      }
    }
    for (const [orgId, digest] of byOrg) {
      const orgName = (await this.orgs.nameOf(orgId, tx)) ?? 'Your FBO';
      for (const officer of await this.members.mailRecipients(orgId, 'officer', tx)) {
        await this.mail.send(tx, {
          to: officer.email,
          template: CERTIFICATION_DIGEST_TEMPLATE,
          data: { orgName, ...digest },
          purpose: 'fbo.certification-digest',
          subjectId: `${orgId}:${digest.day}:${officer.userId}`,
        });
      }
    }
  }
}
