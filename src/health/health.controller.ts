import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator, type HealthCheckResult } from '@nestjs/terminus';
import { Public } from '../auth/auth.decorators.js';
import { IgnoresQueryParameters } from '../common/undeclared-query.interceptor.js';
import { KafkaConnection } from '../messaging/kafka.js';
import { OutboxRelay } from '../outbox/outbox-relay.service.js';

/**
 * Liveness and readiness probes (no authentication, no rate limit (src/observability/rate-limit.ts); no internal
 * detail beyond up/down). Query parameters are ignored, not refused (monitors add cache-busting ones).
 */
@ApiTags('health')
@Public()
@IgnoresQueryParameters()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly kafka: KafkaConnection,
    private readonly outbox: OutboxRelay,
  ) {}

  /** Liveness: the process answers. */
  @Get('live')
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  /**
   * Readiness: PostgreSQL answers `SELECT 1` and the Kafka cluster answers a metadata request (3 s each); 503
   * otherwise. Also reports the outbox backlog: `pending` rows not yet on Kafka and `failed` rows Kafka refused.
   */
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
      // Informational: readiness does not fail on a backlog, but admins see it (and failed rows need attention).
      () => this.indicators.check('outbox').attempt(() => this.outbox.backlog()).withTimeout(3000),
    ]);
  }
}
