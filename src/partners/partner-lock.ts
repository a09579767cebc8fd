import type { EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error.js';
import { PartnerEntity } from './partner.entity.js';

/**
 * Loads a partner and locks its row for the rest of the transaction (admin changes to one partner run one at a time).
 * Errors: PARTNER.NOT_FOUND (404); PARTNER.REMOVED (409) unless `allowRemoved` (a removed partner is history only).
 */
export async function lockPartner(manager: EntityManager, id: string, options: { allowRemoved?: boolean } = {}): Promise<PartnerEntity> {
  const partner = await manager.findOne(PartnerEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!partner) throw new DomainError('PARTNER.NOT_FOUND', `No partner ${id}`);
  if (partner.status === 'removed' && !options.allowRemoved) {
    throw new DomainError('PARTNER.REMOVED', `Partner ${partner.slug} was removed; its history is kept but it cannot be changed`);
  }
  return partner;
}
