import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '../../../common/domain-error.js';
import { RequestValidationError } from '../../../common/problem-details.js';
import { lockPartner } from '../../partner-lock.js';
import { SubscriptionEntity } from '../../subscription.entity.js';
import { subscriptionColumns } from '../../subscription-filter.dto.js';
import { UpdateSubscriptionCommand } from './update-subscription.command.js';

/**
 * Replaces the given parts of the filter (`[]` = any value, `minSeverity: null` = any severity); omitted parts stay.
 * Errors: 400 for an empty body; PARTNER.NOT_FOUND, PARTNER.SUBSCRIPTION_NOT_FOUND (404); PARTNER.REMOVED (409).
 */
@CommandHandler(UpdateSubscriptionCommand)
export class UpdateSubscriptionHandler implements ICommandHandler<UpdateSubscriptionCommand> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute({ partnerId, subscriptionId, changes }: UpdateSubscriptionCommand): Promise<SubscriptionEntity> {
    const given = Object.keys(changes).filter((key) => changes[key as keyof typeof changes] !== undefined);
    if (given.length === 0) throw new RequestValidationError([{ field: 'body', messages: ['give at least one filter part to change'] }]);
    return this.dataSource.transaction(async (manager) => {
      await lockPartner(manager, partnerId);
      const current = await manager.findOneBy(SubscriptionEntity, { id: subscriptionId, partnerId });
      if (!current) throw new DomainError('PARTNER.SUBSCRIPTION_NOT_FOUND', `Partner ${partnerId} has no subscription ${subscriptionId}`);
      const columns = subscriptionColumns(changes);
      await manager.update(
        SubscriptionEntity,
        { id: subscriptionId },
        Object.fromEntries(given.map((key) => [key, columns[key as keyof typeof columns]])),
      );
      return manager.findOneByOrFail(SubscriptionEntity, { id: subscriptionId });
    });
  }
}
