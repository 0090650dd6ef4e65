import { Injectable } from '@nestjs/common';
import { Problem } from '../http/problem';
import { JobsOverviewDto } from './dto/jobs.dto';
import { JobQueue } from './job-queue';
import { JobsRepository } from './jobs.repository';

const DEAD_JOBS_LISTED = 50;

/** What platform admins see of the job queue, and their one action on it. */
@Injectable()
export class JobsAdminService {
  constructor(
    private readonly queue: JobQueue,
    private readonly jobs: JobsRepository,
  ) {}

  async overview(): Promise<JobsOverviewDto> {
    const queues = this.queue.queues.sort();
    const dead = await this.jobs.deadJobs(queues, DEAD_JOBS_LISTED);
    return {
      queues: await this.jobs.counts(queues),
      failed: dead.map((job) => ({ ...job, attempts: Number(job.attempts), payload: toObject(job.payload) })),
    };
  }

  async retry(id: string): Promise<JobsOverviewDto> {
    if (!(await this.queue.retry(id))) throw Problem.notFound('Dead job');
    return this.overview();
  }
}

function toObject(payload: unknown): Record<string, unknown> {
  return payload && typeof payload === 'object' ? (payload as Record<string, unknown>) : {};
}
