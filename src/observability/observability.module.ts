import { Global, Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AuthModule } from '../auth/auth.module.js';
import type { Environment } from '../config/environment.js';
import { ConsumerLagMonitor } from './consumer-lag.monitor.js';
import { MetricsAccessGuard } from './metrics-access.guard.js';
import { MetricsHttpController } from './metrics.http.controller.js';
import { Metrics } from './metrics.service.js';
import { requestLogger } from './request-logging.js';

/**
 * Operations: Prometheus metrics (`Metrics`, injectable anywhere; `GET /metrics`), JSON logs through pino
 * (nestjs-pino, writing through the same pino instance as the request logger createApp mounts). createApp also
 * mounts the rate limiter (rate-limit.ts).
 */
@Global()
@Module({})
export class ObservabilityModule {
  static forRoot(environment: Environment): DynamicModule {
    return {
      module: ObservabilityModule,
      imports: [
        AuthModule,
        // useExisting: createApp mounts the pino-http middleware itself, before the body parser, so even requests
        // refused there (415, 413, malformed JSON) get a request log line with their correlation id.
        LoggerModule.forRoot({ pinoHttp: { logger: requestLogger(environment).logger }, useExisting: true }),
      ],
      controllers: [MetricsHttpController],
      providers: [Metrics, ConsumerLagMonitor, MetricsAccessGuard],
      exports: [Metrics],
    };
  }
}
