import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '../../../common/domain-error.js';
import { RequestValidationError } from '../../../common/problem-details.js';
import { lockPartner } from '../../partner-lock.js';
import { SubscriptionEntity, takesEveryAlert } from '../../subscription.entity.js';
import { ALL_REQUIRED, ALL_WITH_PARTS, subscriptionColumns } from '../../subscription-filter.dto.js';
import { refuseRepeatedSubscription } from '../../subscription-identity.js';
import { UpdateSubscriptionCommand } from './update-subscription.command.js';

/**
 * Replaces the given parts of the filter (`[]` = any value, `minSeverity: null` = any severity); omitted parts stay.
 * `all: true` clears every part (the subscription takes every alert; `trendSignals` may come with it). Taking every
 * alert stays explicit: a change that leaves a narrowing filter narrowing nothing must say `all: true`.
 * Errors: 400 for an empty body, or naming `all` (needed, or given with filter parts); PARTNER.NOT_FOUND,
 * PARTNER.SUBSCRIPTION_NOT_FOUND (404); PARTNER.REMOVED (409); PARTNER.SUBSCRIPTION_EXISTS (409, the change would make it
 * the same filter as another of the partner's subscriptions).
 */
@CommandHandler(UpdateSubscriptionCommand)
export class UpdateSubscriptionHandler implements ICommandHandler<UpdateSubscriptionCommand> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute({ partnerId, subscriptionId, changes }: UpdateSubscriptionCommand): Promise<SubscriptionEntity> {
    const { all, ...parts } = changes;
    const given = Object.keys(parts).filter((key) => parts[key as keyof typeof parts] !== undefined);
    if (given.length === 0 && all === undefined) throw new RequestValidationError([{ field: 'body', messages: ['give at least one filter part to change'] }]);
    const columns = subscriptionColumns(parts);
    const changed: Partial<SubscriptionEntity> = Object.fromEntries(given.map((key) => [key, columns[key as keyof typeof columns]]));
    const everything = subscriptionColumns({}); // the columns of a filter that narrows nothing
    if (all === true && !takesEveryAlert({ ...everything, ...changed })) throw new RequestValidationError([{ field: 'all', messages: [ALL_WITH_PARTS] }]);
    return this.dataSource.transaction(async (manager) => {
      await lockPartner(manager, partnerId);
      const current = await manager.findOneBy(SubscriptionEntity, { id: subscriptionId, partnerId });
      if (!current) throw new DomainError('PARTNER.SUBSCRIPTION_NOT_FOUND', `Partner ${partnerId} has no subscription ${subscriptionId}`);
      const update: Partial<SubscriptionEntity> = all === true ? { ...everything, trendSignals: current.trendSignals, ...changed } : changed;
      if (takesEveryAlert({ ...current, ...update }) && all !== true && (!takesEveryAlert(current) || all === false)) {
        throw new RequestValidationError([{ field: 'all', messages: [ALL_REQUIRED] }]);
      }
      if (Object.keys(update).length > 0) {
        await refuseRepeatedSubscription(manager, partnerId, { ...current, ...update }, subscriptionId);
        await manager.update(SubscriptionEntity, { id: subscriptionId }, update);
      }
      return manager.findOneByOrFail(SubscriptionEntity, { id: subscriptionId });
    });
  }
}
