import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Environment } from '../../../config/environment.js';
import { rowsOf } from '../../../database/rows-of.js';
import { ackDeadlineSeconds, ackDeadlinesOf, urgencyOf } from '../../ack-deadlines.js';
import { withdrawnLaterSql } from '../../../dissemination/withdrawn-versions.js';
import { EscalateOverdueAlertCommand, type EscalationOutcome } from './escalate-overdue-alert.command.js';

interface OverdueDelivery {
  status: string;
  escalations: number;
  classification: unknown;
  partner_name: string;
  webhook_url: string | null;
  webhook_disabled_at: Date | null;
  withdrawn_later: boolean;
}

/**
 * One escalation, in one transaction on the locked delivery: `overdue_at` (first time only), `escalations` + 1, and
 * while fewer than ESCALATION_MAX_RESENDS escalations happened before, a re-send and a new deadline of the same
 * length (ACK_DEADLINE_<URGENCY>_SECONDS). A re-send requeues the webhook delivery as an admin redelivery does
 * (src/dissemination/commands/redeliver-alerts: `pending`, due now, fresh retry window; same alert id, so the same
 * `webhook-id`); the dispatcher's next poll (DELIVERY_POLL_INTERVAL_MS) sends it. Kafka-only partners already hold
 * the alert on their topic, and a webhook disabled after 410 Gone stays disabled until an admin redelivers: both are
 * only marked. A delivery whose partner was since sent a withdrawal `Cancel` for the incident (a later version in
 * `alert_recipients.withdrawn_versions`) is never re-sent: its escalation is marked and closed (no next deadline).
 * Logs a warning for every escalation. Does nothing when the alert was acknowledged, or escalated by
 * another replica, since the event was published.
 */
@CommandHandler(EscalateOverdueAlertCommand)
export class EscalateOverdueAlertHandler implements ICommandHandler<EscalateOverdueAlertCommand> {
  private readonly logger = new Logger(EscalateOverdueAlertHandler.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  async execute({ alertId, escalationsSeen }: EscalateOverdueAlertCommand): Promise<EscalationOutcome> {
    const maxResends = this.config.get('ESCALATION_MAX_RESENDS', { infer: true });
    return this.dataSource.transaction(async (manager): Promise<EscalationOutcome> => {
      const [delivery] = rowsOf<OverdueDelivery>(await manager.query(
        `SELECT d.status, d.escalations, d.event->'data'->'classification' AS classification,
                p.name AS partner_name, p.webhook_url, p.webhook_disabled_at, ${withdrawnLaterSql('d')} AS withdrawn_later
           FROM deliveries d JOIN partners p ON p.id = d.partner_id
          WHERE d.alert_id = $1 AND d.escalations = $2 AND d.acknowledged_at IS NULL
          FOR UPDATE OF d`,
        [alertId, escalationsSeen],
      ));
      if (!delivery) return { alertId, escalated: false, escalations: escalationsSeen, resent: false, nextAckDueAt: null };
      const escalations = delivery.escalations + 1;
      // A version followed by a withdrawal Cancel to this partner is never re-sent, and its escalation ends here.
      const superseded = delivery.withdrawn_later;
      const withinResends = delivery.escalations < maxResends && !superseded;
      const webhook = delivery.webhook_url !== null && delivery.status !== 'available';
      const resent = withinResends && webhook && delivery.webhook_disabled_at === null;
      const urgency = urgencyOf(delivery.classification);
      const nextDeadline = escalations < maxResends && !superseded ? ackDeadlineSeconds(urgency, ackDeadlinesOf(this.config)) : null;
      const [updated] = rowsOf<{ ack_due_at: Date | null }>(await manager.query(
        `UPDATE deliveries
            SET overdue_at = COALESCE(overdue_at, now()), escalations = $2,
                ack_due_at = CASE WHEN $3::int IS NULL THEN NULL ELSE now() + make_interval(secs => $3::int) END,
                status = CASE WHEN $4::boolean THEN 'pending' ELSE status END,
                next_attempt_at = CASE WHEN $4::boolean THEN now() ELSE next_attempt_at END,
                window_started_at = CASE WHEN $4::boolean THEN now() ELSE window_started_at END
          WHERE alert_id = $1
          RETURNING ack_due_at`,
        [alertId, escalations, nextDeadline, resent],
      ));
      const note = resent
        ? 're-sent'
        : superseded
          ? 'not re-sent: a later withdrawal Cancel told the partner to delete this version'
          : !withinResends
          ? `not re-sent: ESCALATION_MAX_RESENDS (${maxResends}) reached`
          : webhook
            ? 'not re-sent: webhook disabled after 410 Gone'
            : 'Kafka-only partner: the alert stays on its topic';
      this.logger.warn(
        `alert ${alertId} (${urgency}) to ${delivery.partner_name} not acknowledged by its deadline: escalation ${escalations}, ${note}; ` +
          (updated.ack_due_at ? `next deadline ${updated.ack_due_at.toISOString()}` : 'no further escalation'),
      );
      return { alertId, escalated: true, escalations, resent, nextAckDueAt: updated.ack_due_at?.toISOString() ?? null };
    });
  }
}
