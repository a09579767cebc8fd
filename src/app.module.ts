import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_FILTER } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { ProblemDetailsFilter } from './common/problem-details.filter.js';
import type { Environment } from './config/environment.js';
import { ConnectionErrorGuard } from './database/connection-error-guard.js';
import { DataEncryptionModule } from './data-encryption/data-encryption.module.js';
import { dataSourceOptions } from './database/data-source-options.js';
import { ClassificationModule } from './classification/classification.module.js';
import { DisseminationModule } from './dissemination/dissemination.module.js';
import { EscalationModule } from './escalation/escalation.module.js';
import { HealthController } from './health/health.controller.js';
import { IncidentsModule } from './incidents/incidents.module.js';
import { MessagingModule } from './messaging/messaging.module.js';
import { OutboxModule } from './outbox/outbox.module.js';
import { PartnersModule } from './partners/partners.module.js';
import { PublicFeedModule } from './public-feed/public-feed.module.js';
import { SigningModule } from './signing/signing.module.js';
import { TrendsModule } from './trends/trends.module.js';
import { DashboardModule } from './dashboard/dashboard.module.js';
import { ObservabilityModule } from './observability/observability.module.js';
import { TaxiiModule } from './taxii/taxii.module.js';
import { CapModule } from './cap/cap.module.js';
import { ImportIncidentsModule } from './incidents/commands/import-incidents/import-incidents.module.js';
import { SignalsModule } from './signals/signals.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { ReportingExportsModule } from './reporting-exports/reporting-exports.module.js';
import { CorrelationModule } from './correlation/correlation.module.js';
import { FederationModule } from './federation/federation.module.js';

/**
 * The application. Built from an already validated `Environment` (see `createApp`), so tests and the CLI can run
 * several differently configured apps in one process.
 */
@Module({})
export class AppModule {
  static forRoot(environment: Environment): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: () => environment }),
        TypeOrmModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService<Environment, true>) => ({
            ...dataSourceOptions(config.get('DATABASE_URL', { infer: true }), config.get('DATABASE_POOL_SIZE', { infer: true })),
            migrationsRun: true,
            retryAttempts: 3,
          }),
        }),
        CqrsModule.forRoot(),
        DataEncryptionModule,
        TerminusModule,
        MessagingModule,
        AuthModule,
        OutboxModule,
        IncidentsModule,
        ClassificationModule,
        PartnersModule,
        SigningModule,
        PublicFeedModule,
        DisseminationModule,
        EscalationModule,
        TrendsModule,
        DashboardModule,
        AuditModule,
        ObservabilityModule.forRoot(environment),
        TaxiiModule,
        CapModule,
        ImportIncidentsModule,
        SignalsModule,
        ReportsModule,
        ReportingExportsModule,
        CorrelationModule,
        FederationModule,
      ],
      controllers: [HealthController],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }, ConnectionErrorGuard],
    };
  }
}
