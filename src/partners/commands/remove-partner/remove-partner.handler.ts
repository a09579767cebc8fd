import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApiKeysService } from '../../../auth/api-keys.service.js';
import { rowsOf } from '../../../database/rows-of.js';
import { CANCELLED_PARTNER_REMOVED } from '../../ack-deadline-overrides.js';
import { lockPartner } from '../../partner-lock.js';
import { partnerViews } from '../../partner-view.js';
import { RemovePartnerCommand, type RemovePartnerResult } from './remove-partner.command.js';

/**
 * Soft-deletes a partner in one transaction: status `removed` with the reason; its pending webhook deliveries become
 * `cancelled` with the reason as `lastError` (the filer sees it); unacknowledged deliveries stop escalating; its API
 * keys are revoked and its webhook secrets retired (values erased). Partner row, subscriptions, deliveries, attempts
 * and its Kafka topic are kept as history, and the slug stays taken. Routing sends it nothing new; a later retraction
 * of an incident it received is recorded as a `cancelled` Cancel (routing-rules.ts). Removing a removed partner
 * changes nothing. Errors: PARTNER.NOT_FOUND (404).
 */
@CommandHandler(RemovePartnerCommand)
export class RemovePartnerHandler implements ICommandHandler<RemovePartnerCommand> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly apiKeys: ApiKeysService,
  ) {}

  async execute({ partnerId, reason }: RemovePartnerCommand): Promise<RemovePartnerResult> {
    const result = await this.dataSource.transaction(async (manager) => {
      const partner = await lockPartner(manager, partnerId, { allowRemoved: true });
      let cancelled = 0;
      let revoked = 0;
      if (partner.status !== 'removed') {
        const why = reason ? `${CANCELLED_PARTNER_REMOVED}: ${reason}` : CANCELLED_PARTNER_REMOVED;
        await manager.query(
          `UPDATE partners SET status = 'removed', removed_at = now(), suspended_at = NULL, status_reason = $2, updated_at = now() WHERE id = $1`,
          [partnerId, reason ?? 'removed by an admin'],
        );
        cancelled = rowsOf<{ alert_id: string }>(await manager.query(
          `UPDATE deliveries SET status = 'cancelled', next_attempt_at = NULL, lease_until = NULL, last_error = $2
            WHERE partner_id = $1 AND status = 'pending' RETURNING alert_id`,
          [partnerId, why.slice(0, 500)],
        )).length;
        await manager.query('UPDATE deliveries SET ack_due_at = NULL WHERE partner_id = $1 AND acknowledged_at IS NULL AND ack_due_at IS NOT NULL', [partnerId]);
        revoked = rowsOf<{ id: string }>(await manager.query(
          'UPDATE api_keys SET revoked_at = now() WHERE partner_id = $1 AND revoked_at IS NULL RETURNING id',
          [partnerId],
        )).length;
        await manager.query(
          'UPDATE partner_webhook_secrets SET secret_sealed = NULL, retired_at = now() WHERE partner_id = $1 AND retired_at IS NULL',
          [partnerId],
        );
      }
      const [view] = await partnerViews(manager, [partnerId]);
      return { ...view, cancelledDeliveries: cancelled, revokedApiKeys: revoked };
    });
    // Verified keys are trusted from memory for a few seconds (api-keys.service.ts): refuse the partner's at once.
    this.apiKeys.forgetPartnerKeys(partnerId);
    return result;
  }
}
