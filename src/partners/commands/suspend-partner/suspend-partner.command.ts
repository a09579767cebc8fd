import { Command } from '@nestjs/cqrs';
import type { PartnerView } from '../../partner-view.js';

/** Suspend a partner: its alerts are still routed and recorded, webhook delivery is held until it is resumed. */
export class SuspendPartnerCommand extends Command<PartnerView & { heldDeliveries: number }> {
  constructor(
    readonly partnerId: string,
    readonly reason: string,
  ) {
    super();
  }
}
