import { Injectable } from '@nestjs/common';
import { ofType, Saga, type ICommand, type IEvent } from '@nestjs/cqrs';
import { map, type Observable } from 'rxjs';
import { AlertAcknowledgementOverdueEvent } from './alert-acknowledgement-overdue.event.js';
import { EscalateOverdueAlertCommand } from './commands/escalate-overdue-alert/escalate-overdue-alert.command.js';

/**
 * Acknowledgement escalation (issue 4, "Acknowledgement and escalation"): an overdue acknowledgement becomes an
 * escalation command. The saga only routes in-process events; the state (deadline, overdue mark, count) lives in
 * `deliveries`, and OverdueAlertScheduler finds overdue rows again after a restart.
 */
@Injectable()
export class AlertAcknowledgementSaga {
  @Saga()
  acknowledgementOverdue = (events$: Observable<IEvent>): Observable<ICommand> =>
    events$.pipe(
      ofType(AlertAcknowledgementOverdueEvent),
      map((event) => new EscalateOverdueAlertCommand(event.alertId, event.escalations)),
    );
}
