import { Command } from '@nestjs/cqrs';
import type { SubscriptionEntity } from '../../subscription.entity.js';
import type { SubscriptionFilterDto } from '../../subscription-filter.dto.js';

/** Change the given parts of one subscription of a partner. */
export class UpdateSubscriptionCommand extends Command<SubscriptionEntity> {
  constructor(
    readonly partnerId: string,
    readonly subscriptionId: string,
    readonly changes: SubscriptionFilterDto,
  ) {
    super();
  }
}
