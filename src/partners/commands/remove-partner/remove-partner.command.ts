import { Command } from '@nestjs/cqrs';
import type { PartnerView } from '../../partner-view.js';

/** What removal did, besides marking the partner removed. */
export type RemovePartnerResult = PartnerView & { cancelledDeliveries: number; revokedApiKeys: number };

/** Remove a partner (soft delete): nothing new is sent, history is kept. */
export class RemovePartnerCommand extends Command<RemovePartnerResult> {
  constructor(
    readonly partnerId: string,
    readonly reason: string | undefined,
  ) {
    super();
  }
}
