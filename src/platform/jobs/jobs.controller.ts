import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { ApiProblem } from '../http/api-problem.decorator';
import { UuidParam } from '../http/params';
import { JobsOverviewDto } from './dto/jobs.dto';
import { JobsAdminService } from './jobs-admin.service';

@Controller('admin/jobs')
export class JobsController {
  constructor(private readonly jobs: JobsAdminService) {}

  /** Queue depth per job queue and the most recent dead jobs (platform admins). */
  @Get()
  @Access({ platformAdmin: true })
  @ApiOkResponse({ type: JobsOverviewDto })
  getJobsOverview(): Promise<JobsOverviewDto> {
    return this.jobs.overview();
  }

  /** Puts a dead job back in its queue with one more attempt (platform admins). */
  @Post(':id/retry')
  @HttpCode(200)
  @Access({ platformAdmin: true })
  @ApiOkResponse({ type: JobsOverviewDto })
  @ApiProblem(404, 'No dead job has this id')
  retryJob(@UuidParam('id') id: string): Promise<JobsOverviewDto> {
    return this.jobs.retry(id);
  }
}
