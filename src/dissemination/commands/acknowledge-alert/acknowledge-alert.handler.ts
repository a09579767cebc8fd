import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '../../../common/domain-error.js';
import { rowsOf } from '../../../database/rows-of.js';
import { AcknowledgeAlertCommand, type AcknowledgeAlertResult } from './acknowledge-alert.command.js';

/**
 * Records the acknowledgement on the partner's delivery; a delivery still being retried counts as delivered. Errors: ALERT.NOT_FOUND (404) when the alert does not
 * exist or belongs to another partner (the two are not told apart, so partners cannot probe each other's ids).
 */
@CommandHandler(AcknowledgeAlertCommand)
export class AcknowledgeAlertHandler implements ICommandHandler<AcknowledgeAlertCommand> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute({ alertId, partner, note }: AcknowledgeAlertCommand): Promise<AcknowledgeAlertResult> {
    const rows = rowsOf<{ acknowledged_at: Date }>(await this.dataSource.query(
      `UPDATE deliveries
          SET acknowledged_at = COALESCE(acknowledged_at, now()),
              -- an acknowledgement proves receipt (e.g. through the partner's Kafka topic): stop webhook retries
              status = CASE WHEN status = 'pending' THEN 'delivered' ELSE status END,
              delivered_at = CASE WHEN status = 'pending' THEN now() ELSE delivered_at END,
              acknowledgement_note = CASE WHEN acknowledged_at IS NULL THEN $3 ELSE acknowledgement_note END
        WHERE alert_id = $1 AND partner_id = $2
        RETURNING acknowledged_at`,
      [alertId, partner.partnerId, note ?? null],
    ));
    if (rows.length === 0) throw new DomainError('ALERT.NOT_FOUND', `No alert ${alertId} for this partner`);
    return { alertId, acknowledgedAt: rows[0].acknowledged_at.toISOString() };
  }
}
