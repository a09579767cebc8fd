import type { IEvent } from '@nestjs/cqrs';

/**
 * A partner has not acknowledged an alert by its deadline (`deliveries.ack_due_at`). Published in-process by
 * OverdueAlertScheduler after it claimed the row; `escalations` is the count before this escalation, so the
 * command handler escalates each step once even if the event is seen twice.
 */
export class AlertAcknowledgementOverdueEvent implements IEvent {
  constructor(
    readonly alertId: string,
    readonly partnerId: string,
    readonly incidentId: string,
    readonly ackDueAt: Date,
    readonly escalations: number,
  ) {}
}
