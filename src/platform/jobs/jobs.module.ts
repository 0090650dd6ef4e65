import { Global, Module } from '@nestjs/common';
import { JobQueue } from './job-queue';
import { JobScheduler } from './job-scheduler';
import { JobsAdminService } from './jobs-admin.service';
import { JobsController } from './jobs.controller';
import { JobsRepository } from './jobs.repository';
import { RetentionJob } from './retention.job';

/**
 * Durable jobs (JobQueue, on pg-boss) for every context, the admin routes over them, and the
 * in-process interval scheduler kept for the sub-minute pollers (outbox, webhooks, auctions).
 */
@Global()
@Module({
  controllers: [JobsController],
  providers: [JobQueue, JobsRepository, JobsAdminService, JobScheduler, RetentionJob],
  exports: [JobQueue, JobsRepository, JobScheduler],
})
export class JobsModule {}
