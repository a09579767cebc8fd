import { Command } from '@nestjs/cqrs';
import type { PartnerView } from '../../partner-view.js';

/**
 * Suspend a partner: its alerts are still routed and recorded, webhook delivery is held until it is resumed. The
 * answer's `heldDeliveries` is the count held at suspension time; alerts routed later are held too (GET /partners/{id}
 * shows the live count).
 */
export class SuspendPartnerCommand extends Command<PartnerView> {
  constructor(
    readonly partnerId: string,
    readonly reason: string,
  ) {
    super();
  }
}
