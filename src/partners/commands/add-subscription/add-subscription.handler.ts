import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '../../../common/domain-error.js';
import { lockPartner } from '../../partner-lock.js';
import { MAX_SUBSCRIPTIONS_PER_PARTNER, SubscriptionEntity } from '../../subscription.entity.js';
import { subscriptionColumns } from '../../subscription-filter.dto.js';
import { refuseRepeatedSubscription } from '../../subscription-identity.js';
import { AddSubscriptionCommand } from './add-subscription.command.js';

/**
 * Stores the filter (validated against the taxonomy vocabulary by the DTO); routing uses it from the next incident
 * event on. Errors: PARTNER.NOT_FOUND (404), PARTNER.REMOVED (409), PARTNER.LIMIT_REACHED (409, 20 subscriptions),
 * PARTNER.SUBSCRIPTION_EXISTS (409, the partner holds the same filter; `subscriptionId` names it).
 */
@CommandHandler(AddSubscriptionCommand)
export class AddSubscriptionHandler implements ICommandHandler<AddSubscriptionCommand> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute({ partnerId, filter }: AddSubscriptionCommand): Promise<SubscriptionEntity> {
    return this.dataSource.transaction(async (manager) => {
      await lockPartner(manager, partnerId);
      if ((await manager.countBy(SubscriptionEntity, { partnerId })) >= MAX_SUBSCRIPTIONS_PER_PARTNER) {
        throw new DomainError('PARTNER.LIMIT_REACHED', `A partner holds at most ${MAX_SUBSCRIPTIONS_PER_PARTNER} subscriptions`);
      }
      const columns = subscriptionColumns(filter);
      await refuseRepeatedSubscription(manager, partnerId, columns);
      const id = randomUUID();
      await manager.insert(SubscriptionEntity, { id, partnerId, ...columns });
      return manager.findOneByOrFail(SubscriptionEntity, { id });
    });
  }
}
