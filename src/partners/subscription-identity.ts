import type { EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error.js';
import { SUBSCRIPTION_FILTER_PARTS, SubscriptionEntity } from './subscription.entity.js';

/** The columns that make a subscription what it is: its filter parts and `trendSignals`. */
export type SubscriptionFilterColumns = Pick<SubscriptionEntity, (typeof SUBSCRIPTION_FILTER_PARTS)[number] | 'trendSignals'>;

/**
 * What makes two filters the same subscription: their filter parts and `trendSignals`, each list sorted (the order
 * of an "any of" list does not matter), as a string to compare.
 */
export function subscriptionIdentity(filter: SubscriptionFilterColumns): string {
  return JSON.stringify(
    [...SUBSCRIPTION_FILTER_PARTS, 'trendSignals' as const].map((part) => {
      const value = filter[part];
      return Array.isArray(value) ? [...value].sort() : value;
    }),
  );
}

/**
 * Refuses a subscription identical to another of the same partner (`exceptId`: the one being changed), so a partner
 * never holds the same filter twice. Call with the partner locked (partner-lock.ts).
 * Errors: PARTNER.SUBSCRIPTION_EXISTS (409) with `subscriptionId`, the existing one.
 */
export async function refuseRepeatedSubscription(manager: EntityManager, partnerId: string, filter: SubscriptionFilterColumns, exceptId?: string): Promise<void> {
  const identity = subscriptionIdentity(filter);
  const same = (await manager.findBy(SubscriptionEntity, { partnerId })).find((other) => other.id !== exceptId && subscriptionIdentity(other) === identity);
  if (same) {
    throw new DomainError('PARTNER.SUBSCRIPTION_EXISTS', `Partner ${partnerId} already holds this filter as subscription ${same.id}`, { subscriptionId: same.id });
  }
}
