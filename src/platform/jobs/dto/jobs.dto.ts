import { ApiProperty } from '@nestjs/swagger';

export class JobQueueCountsDto {
  /** Queue name, `<context>.<job>`. */
  @ApiProperty({ example: 'dkp.decay' })
  queue: string;
  /** Jobs waiting to run (new, or waiting for a retry). */
  queued: number;
  /** Jobs running now. */
  active: number;
  /** Dead jobs: failed on their last attempt, kept 30 days. */
  failed: number;
}

export class DeadJobDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: 'platform.retention' })
  queue: string;
  /** Attempts made, the first run included. */
  attempts: number;
  /** The last attempt's error message. */
  @ApiProperty({ type: String, nullable: true })
  error: string | null;
  /** The job's payload as queued. */
  @ApiProperty({ type: 'object', additionalProperties: true })
  payload: Record<string, unknown>;
  createdAt: Date;
  @ApiProperty({ type: Date, nullable: true })
  failedAt: Date | null;
}

export class JobsOverviewDto {
  /** Every queue of this deployment with its counts. */
  @ApiProperty({ type: [JobQueueCountsDto] })
  queues: JobQueueCountsDto[];
  /** The 50 most recent dead jobs, newest first. */
  @ApiProperty({ type: [DeadJobDto] })
  failed: DeadJobDto[];
}
