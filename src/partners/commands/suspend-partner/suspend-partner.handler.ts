import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { HELD_WHILE_SUSPENDED } from '../../ack-deadline-overrides.js';
import { lockPartner } from '../../partner-lock.js';
import { partnerViews, type PartnerView } from '../../partner-view.js';
import { SuspendPartnerCommand } from './suspend-partner.command.js';

/**
 * Marks the partner suspended and its not-yet-delivered webhook deliveries held: the dispatcher skips them, the filer
 * sees `lastError` "held: partner suspended…", and their acknowledgement deadline is cleared (it restarts when they
 * are sent on resume), so nothing escalates while the partner cannot receive. Routing goes on (routing-rules.ts), so
 * alerts filed meanwhile are recorded and held too. Kafka-topic delivery is not held: the broker's ACLs, not this
 * service, control who reads the topic. Suspending a suspended partner keeps `suspended_at` and the held deliveries and
 * only replaces the reason (a repeat with the same reason changes nothing). Answers the partner
 * view, whose `heldDeliveries` is then the count held at suspension time (the view's live count grows as alerts routed
 * during the suspension are held).
 * Errors: PARTNER.NOT_FOUND (404), PARTNER.REMOVED (409).
 */
@CommandHandler(SuspendPartnerCommand)
export class SuspendPartnerHandler implements ICommandHandler<SuspendPartnerCommand> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute({ partnerId, reason }: SuspendPartnerCommand): Promise<PartnerView> {
    return this.dataSource.transaction(async (manager) => {
      await lockPartner(manager, partnerId);
      await manager.query(
        `UPDATE partners SET status = 'suspended', status_reason = $2, suspended_at = COALESCE(suspended_at, now()), updated_at = now()
          WHERE id = $1 AND (status <> 'suspended' OR status_reason IS DISTINCT FROM $2)`,
        [partnerId, reason],
      );
      await manager.query(
        `UPDATE deliveries SET last_error = $2, ack_due_at = CASE WHEN acknowledged_at IS NULL THEN NULL ELSE ack_due_at END
          WHERE partner_id = $1 AND status = 'pending'`,
        [partnerId, HELD_WHILE_SUSPENDED],
      );
      const [view] = await partnerViews(manager, [partnerId]);
      return view;
    });
  }
}
