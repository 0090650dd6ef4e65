import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Access } from '../auth/access.decorator';
import { Problem } from '../http/problem';
import { ApiProblem } from '../http/api-problem.decorator';
import { RedisConnection } from '../redis/redis.module';
import { HealthDto } from './health.dto';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly redis: RedisConnection,
  ) {}

  /** The process is up. For liveness probes: never touches a dependency. */
  @Get('live')
  @Access.public()
  @ApiOkResponse({ type: HealthDto })
  liveness(): HealthDto {
    return { status: 'ok', checks: {} };
  }

  /** The database (and Redis, when configured) answer. 503 until they do; recovers by itself. */
  @Get('ready')
  @Access.public()
  @ApiOkResponse({ type: HealthDto })
  @ApiProblem(503, 'A dependency is down; `checks` says which')
  async readiness(): Promise<HealthDto> {
    const redis = this.redis.client;
    try {
      const result = await this.health.check([
        () => this.db.pingCheck('database', { timeout: 2000 }),
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
}
