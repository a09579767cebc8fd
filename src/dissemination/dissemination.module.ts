import { Module } from '@nestjs/common';
import { SigningModule } from '../signing/signing.module.js';
import { AckTopicConsumer } from './ack-topic.consumer.js';
import { AlertLogConsumer } from './alert-log.consumer.js';
import { AlertRecipients } from './alert-recipients.js';
import { AlertRouter } from './alert-router.service.js';
import { AcknowledgeAlertHandler } from './commands/acknowledge-alert/acknowledge-alert.handler.js';
import { AcknowledgeAlertHttpController } from './commands/acknowledge-alert/acknowledge-alert.http.controller.js';
import { RedeliverAlertsHttpController } from './commands/redeliver-alerts/redeliver-alerts.http.controller.js';
import { PartnerDirectory } from './partner-directory.js';
import { WebhookDispatcher } from './webhook-dispatcher.service.js';

@Module({
  imports: [SigningModule],
  controllers: [AcknowledgeAlertHttpController, RedeliverAlertsHttpController],
  providers: [AlertRecipients, PartnerDirectory, AlertRouter, AlertLogConsumer, WebhookDispatcher, AcknowledgeAlertHandler, AckTopicConsumer],
  exports: [WebhookDispatcher],
})
export class DisseminationModule {}
