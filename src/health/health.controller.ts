import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator, type HealthCheckResult } from '@nestjs/terminus';
import { Public } from '../auth/auth.decorators.js';
import { KafkaConnection } from '../messaging/kafka.js';

/** Liveness and readiness probes (no authentication; no internal detail beyond up/down). */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly kafka: KafkaConnection,
  ) {}

  /** Liveness: the process answers. */
  @Get('live')
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  /** Readiness: PostgreSQL answers `SELECT 1` and the Kafka cluster answers a metadata request (3 s each). 503 otherwise. */
  @Get()
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.database.pingCheck('postgresql', { timeout: 3000 }),
      () =>
        this.indicators
          .check('kafka')
          .attempt(async () => {
            const cluster = await (await this.kafka.adminClient()).describeCluster();
            return { brokers: cluster.brokers.length };
          })
          .withTimeout(3000),
    ]);
  }
}
