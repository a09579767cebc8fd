import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Environment } from '../../../config/environment.js';
import { rowsOf } from '../../../database/rows-of.js';
import { ackDeadlinesOf } from '../../../escalation/ack-deadlines.js';
import { ackDeadlineParams, ackDeadlineSecondsSql, deliveryUrgencySql, HELD_WHILE_SUSPENDED } from '../../ack-deadline-overrides.js';
import { lockPartner } from '../../partner-lock.js';
import { partnerViews, type PartnerView } from '../../partner-view.js';
import { ResumePartnerCommand } from './resume-partner.command.js';

/**
 * Marks the partner active, clears its suspension reason (`statusReason` null; the audit log keeps who suspended and
 * resumed, and when), and releases its held deliveries: due now, with a fresh retry window
 * (DELIVERY_RETRY_WINDOW_SECONDS from now) and, when unacknowledged without a deadline, a new acknowledgement deadline
 * (the partner's override or ACK_DEADLINE_<URGENCY>_SECONDS, from now). Each is sent once with its own `webhook-id`.
 * Resuming an active partner changes nothing. Errors: PARTNER.NOT_FOUND (404), PARTNER.REMOVED (409).
 */
@CommandHandler(ResumePartnerCommand)
export class ResumePartnerHandler implements ICommandHandler<ResumePartnerCommand> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  async execute({ partnerId }: ResumePartnerCommand): Promise<PartnerView & { releasedDeliveries: number }> {
    return this.dataSource.transaction(async (manager) => {
      const partner = await lockPartner(manager, partnerId);
      let released = 0;
      if (partner.status === 'suspended') {
        await manager.query(`UPDATE partners SET status = 'active', status_reason = NULL, suspended_at = NULL, updated_at = now() WHERE id = $1`, [partnerId]);
        released = rowsOf<{ alert_id: string }>(await manager.query(
          `UPDATE deliveries d
              SET next_attempt_at = now(), window_started_at = now(),
                  last_error = CASE WHEN d.last_error = $2 THEN NULL ELSE d.last_error END,
                  ack_due_at = CASE WHEN d.acknowledged_at IS NULL AND d.ack_due_at IS NULL AND d.incident_id IS NOT NULL
                                    THEN now() + make_interval(secs => ${ackDeadlineSecondsSql(deliveryUrgencySql('d'), 'p', 3)})
                                    ELSE d.ack_due_at END
             FROM partners p
            WHERE p.id = d.partner_id AND d.partner_id = $1 AND d.status = 'pending'
            RETURNING d.alert_id`,
          [partnerId, HELD_WHILE_SUSPENDED, ...ackDeadlineParams(ackDeadlinesOf(this.config))],
        )).length;
      }
      const [view] = await partnerViews(manager, [partnerId]);
      return { ...view, releasedDeliveries: released };
    });
  }
}
