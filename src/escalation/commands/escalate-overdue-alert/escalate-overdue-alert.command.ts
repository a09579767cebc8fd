import { Command } from '@nestjs/cqrs';

/** What one escalation did; `escalated` is false when the alert was acknowledged or escalated meanwhile. */
export interface EscalationOutcome {
  alertId: string;
  escalated: boolean;
  /** Escalations so far, this one included. */
  escalations: number;
  /** True when the alert went back into the webhook queue (same alert id, so the same `webhook-id`). */
  resent: boolean;
  /** The next acknowledgement deadline (ISO 8601), or null when escalations are exhausted. */
  nextAckDueAt: string | null;
}

/** Escalate an unacknowledged alert past its deadline: mark it overdue, re-send it, set the next deadline. */
export class EscalateOverdueAlertCommand extends Command<EscalationOutcome> {
  constructor(
    readonly alertId: string,
    /** `deliveries.escalations` when the overdue row was claimed; a row that moved on is left alone. */
    readonly escalationsSeen: number,
  ) {
    super();
  }
}
