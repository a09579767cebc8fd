import { Command } from '@nestjs/cqrs';
import type { SubscriptionEntity } from '../../subscription.entity.js';
import type { SubscriptionFilterDto } from '../../subscription-filter.dto.js';

/** Add a subscription (a filter) to a partner. */
export class AddSubscriptionCommand extends Command<SubscriptionEntity> {
  constructor(
    readonly partnerId: string,
    readonly filter: SubscriptionFilterDto,
  ) {
    super();
  }
}
