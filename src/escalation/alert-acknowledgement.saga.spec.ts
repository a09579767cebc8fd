import { describe, expect, it } from '@jest/globals';
import type { IEvent } from '@nestjs/cqrs';
import { firstValueFrom, of, toArray } from 'rxjs';
import { AlertAcknowledgementOverdueEvent } from './alert-acknowledgement-overdue.event.js';
import { AlertAcknowledgementSaga } from './alert-acknowledgement.saga.js';
import { EscalateOverdueAlertCommand } from './commands/escalate-overdue-alert/escalate-overdue-alert.command.js';

class UnrelatedEvent implements IEvent {}

const overdue = (overrides: Partial<AlertAcknowledgementOverdueEvent> = {}): AlertAcknowledgementOverdueEvent => {
  const event = { alertId: '4b7e9c7e-3f8a-5d35-9f77-1d2b3c4d5e6f', partnerId: 'p', incidentId: 'i', ackDueAt: new Date(0), escalations: 1, ...overrides };
  return new AlertAcknowledgementOverdueEvent(event.alertId, event.partnerId, event.incidentId, event.ackDueAt, event.escalations);
};

describe(AlertAcknowledgementSaga.name, () => {
  it('turns each overdue acknowledgement into one escalation command and ignores other events', async () => {
    const sut = new AlertAcknowledgementSaga();
    const commands = await firstValueFrom(sut.acknowledgementOverdue(of(new UnrelatedEvent(), overdue({ escalations: 2 }))).pipe(toArray()));
    expect(commands).toEqual([new EscalateOverdueAlertCommand('4b7e9c7e-3f8a-5d35-9f77-1d2b3c4d5e6f', 2)]);
  });
});
