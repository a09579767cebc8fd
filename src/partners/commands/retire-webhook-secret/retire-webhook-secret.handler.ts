import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { DomainError } from '../../../common/domain-error.js';
import { lockPartner } from '../../partner-lock.js';
import { PartnerWebhookSecretEntity } from '../../partner-webhook-secret.entity.js';
import { RetireWebhookSecretCommand } from './retire-webhook-secret.command.js';

/**
 * Retires the secret: it signs no further attempt, its value is erased, its id and dates stay. Retiring a retired
 * secret changes nothing. Errors: PARTNER.NOT_FOUND, PARTNER.WEBHOOK_SECRET_NOT_FOUND (404); PARTNER.REMOVED and
 * PARTNER.LAST_WEBHOOK_SECRET (409: a partner keeps at least one active secret; add the new one first).
 */
@CommandHandler(RetireWebhookSecretCommand)
export class RetireWebhookSecretHandler implements ICommandHandler<RetireWebhookSecretCommand> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute({ partnerId, secretId }: RetireWebhookSecretCommand): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await lockPartner(manager, partnerId);
      const secret = await manager.findOneBy(PartnerWebhookSecretEntity, { id: secretId, partnerId });
      if (!secret) throw new DomainError('PARTNER.WEBHOOK_SECRET_NOT_FOUND', `Partner ${partnerId} has no webhook secret ${secretId}`);
      if (secret.retiredAt) return;
      if ((await manager.countBy(PartnerWebhookSecretEntity, { partnerId, retiredAt: IsNull() })) <= 1) {
        throw new DomainError('PARTNER.LAST_WEBHOOK_SECRET', 'This is the partner\'s last active webhook secret; add a new one before retiring it');
      }
      await manager.update(PartnerWebhookSecretEntity, { id: secretId }, { secretSealed: null, retiredAt: new Date() });
    });
  }
}
