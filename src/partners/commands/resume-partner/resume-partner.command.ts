import { Command } from '@nestjs/cqrs';
import type { PartnerView } from '../../partner-view.js';

/** Resume a suspended partner; its held webhook deliveries are sent. */
export class ResumePartnerCommand extends Command<PartnerView & { releasedDeliveries: number }> {
  constructor(readonly partnerId: string) {
    super();
  }
}
