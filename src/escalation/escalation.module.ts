import { Module } from '@nestjs/common';
import { AlertAcknowledgementSaga } from './alert-acknowledgement.saga.js';
import { EscalateOverdueAlertHandler } from './commands/escalate-overdue-alert/escalate-overdue-alert.handler.js';
import { OverdueAlertScheduler } from './overdue-alert.scheduler.js';
import { ListOverdueAlertsHandler } from './queries/list-overdue-alerts/list-overdue-alerts.handler.js';
import { ListOverdueAlertsHttpController } from './queries/list-overdue-alerts/list-overdue-alerts.http.controller.js';

/**
 * Acknowledgement deadlines: overdue alerts escalate (re-sent, marked overdue) and are listed for admins. Imports no
 * other feature module on purpose: importing DisseminationModule would move its bootstrap hooks (the router's
 * subscribe) ahead of OutboxModule's, which creates the incident topic.
 */
@Module({
  controllers: [ListOverdueAlertsHttpController],
  providers: [OverdueAlertScheduler, AlertAcknowledgementSaga, EscalateOverdueAlertHandler, ListOverdueAlertsHandler],
})
export class EscalationModule {}
