import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { JobQueue } from '../../../platform/jobs/job-queue';
import { RsiRepository } from './rsi.repository';
import { RsiService } from './rsi.service';

/** The daily schedule: queues one sync per org with a SID. */
export const RSI_SYNC_DAILY_QUEUE = 'starcorp.rsi-sync-daily';
/** One org's sync, retried with backoff while the Star Citizen API is down. */
export const RSI_SYNC_ORG_QUEUE = 'starcorp.rsi-sync-org';

/**
 * The daily RSI sync: at 04:30 UTC the schedule queues one job per org whose profile has a SID, so
 * each org's sync fails and retries on its own (an upstream outage is retried, then dead; an org
 * whose SID was removed meanwhile is skipped).
 */
@Injectable()
export class RsiSyncJob implements OnModuleInit {
  private readonly logger = new Logger(RsiSyncJob.name);

  constructor(
    private readonly jobs: JobQueue,
    private readonly repo: RsiRepository,
    private readonly rsi: RsiService,
  ) {}

  onModuleInit(): void {
    this.jobs.define({
      queue: RSI_SYNC_DAILY_QUEUE,
      schedule: { cron: '30 4 * * *' },
      handler: () => this.queueAll(),
    });
    this.jobs.define<{ orgId: string }>({
      queue: RSI_SYNC_ORG_QUEUE,
      retryLimit: 3,
      retryDelaySeconds: 300,
      handler: ({ orgId }) => this.syncOrg(orgId),
    });
  }

  /** Queues a sync of every org with a SID (in one transaction: all or none). */
  async queueAll(): Promise<void> {
    const orgIds = await this.repo.orgIdsWithSid();
    await this.repo.transaction(async (tx) => {
      for (const orgId of orgIds) await this.jobs.enqueue(tx, RSI_SYNC_ORG_QUEUE, { orgId });
    });
  }

  private async syncOrg(orgId: string): Promise<void> {
    const profile = await this.repo.profile(orgId);
    if (!profile?.sid) return;
    const result = await this.rsi.sync(orgId, 'schedule');
    this.logger.log({ orgId, sid: profile.sid, listed: result.listed, departed: result.departed }, 'RSI synced');
  }
}
