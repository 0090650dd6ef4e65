import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Access } from '../auth/access.decorator';
import { CommunicationsStore } from '../database/communications-data-source';
import { Problem } from '../http/problem';
import { ApiProblem } from '../http/api-problem.decorator';
import { JobsRepository } from '../jobs/jobs.repository';
import { RedisConnection } from '../redis/redis.module';
import { HealthDto } from './health.dto';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly redis: RedisConnection,
    private readonly jobs: JobsRepository,
    private readonly communications: CommunicationsStore,
  ) {}

  /** The process is up. For liveness probes: never touches a dependency. */
  @Get('live')
  @Access.public()
  @ApiOkResponse({ type: HealthDto })
  liveness(): HealthDto {
    return { status: 'ok', checks: {} };
  }

  /**
   * The database, the communications database (`communications`, when COMMUNICATIONS_DATABASE_URL
   * names one) and Redis, when configured, answer, and the job queue can be read (`jobs`: its
   * depth). 503 until they do; recovers by itself.
   */
  @Get('ready')
  @Access.public()
  @ApiOkResponse({ type: HealthDto })
  @ApiProblem(503, ['not-ready'], 'A dependency is down; `checks` says which')
  async readiness(): Promise<HealthDto> {
    const redis = this.redis.client;
    try {
      const result = await this.health.check([
        () => this.db.pingCheck('database', { timeout: 2000 }),
        ...(this.communications.separate ? [() => this.communicationsCheck()] : []),
        () => this.jobsCheck(),
        ...(redis
          ? [
              () =>
                this.indicators
                  .check('redis')
                  .attempt(async () => void (await redis.ping()))
                  .withTimeout(1000),
            ]
          : []),
      ]);
      return { status: 'ok', checks: result.details };
    } catch (error) {
      if (error instanceof ServiceUnavailableException) {
        const checks = (error.getResponse() as { details?: Record<string, unknown> }).details ?? {};
        throw new Problem(503, 'A dependency is not available', { slug: 'not-ready', extensions: { checks } });
      }
      throw error;
    }
  }

  /** The separate communications database answers. */
  private communicationsCheck() {
    return this.db.pingCheck('communications', { connection: this.communications.dataSource, timeout: 2000 });
  }

  /** Jobs waiting to run; `down` when pg-boss's tables cannot be read. */
  private async jobsCheck() {
    const check = this.indicators.check('jobs');
    try {
      return check.up({ queued: await this.jobs.depth() });
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }
}
