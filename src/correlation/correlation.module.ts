import { Module } from '@nestjs/common';
import { MessagingModule } from '../messaging/messaging.module.js';
import { IncidentCorrelationConsumer } from './incident-correlation.consumer.js';
import { ListRelatedIncidentsHandler } from './queries/list-related-incidents/list-related-incidents.handler.js';
import { ListRelatedIncidentsHttpController } from './queries/list-related-incidents/list-related-incidents.http.controller.js';

/** Correlation of incidents reporting the same event across jurisdictions (docs/correlation.md). */
@Module({
  imports: [MessagingModule],
  controllers: [ListRelatedIncidentsHttpController], providers: [IncidentCorrelationConsumer, ListRelatedIncidentsHandler],
})
export class CorrelationModule {}
