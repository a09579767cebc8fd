import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '../../../common/domain-error.js';
import { lockPartner } from '../../partner-lock.js';
import { SubscriptionEntity } from '../../subscription.entity.js';
import { RemoveSubscriptionCommand } from './remove-subscription.command.js';

/**
 * Deletes the subscription. A partner left with none receives only incidents that name it as a recipient, plus
 * Update and Cancel alerts of incidents it already holds. Errors: PARTNER.NOT_FOUND, PARTNER.SUBSCRIPTION_NOT_FOUND
 * (404); PARTNER.REMOVED (409).
 */
@CommandHandler(RemoveSubscriptionCommand)
export class RemoveSubscriptionHandler implements ICommandHandler<RemoveSubscriptionCommand> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute({ partnerId, subscriptionId }: RemoveSubscriptionCommand): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await lockPartner(manager, partnerId);
      const result = await manager.delete(SubscriptionEntity, { id: subscriptionId, partnerId });
      if (!result.affected) throw new DomainError('PARTNER.SUBSCRIPTION_NOT_FOUND', `Partner ${partnerId} has no subscription ${subscriptionId}`);
    });
  }
}
