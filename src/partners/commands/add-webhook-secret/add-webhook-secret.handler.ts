import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { DomainError } from '../../../common/domain-error.js';
import { DataKeyring } from '../../../data-encryption/data-keyring.js';
import { lockPartner } from '../../partner-lock.js';
import { PartnerWebhookSecretEntity } from '../../partner-webhook-secret.entity.js';
import { addWebhookSecret, MAX_ACTIVE_WEBHOOK_SECRETS } from '../../webhook-secrets.js';
import { AddWebhookSecretCommand, type AddWebhookSecretResult } from './add-webhook-secret.command.js';

/**
 * Creates a secret; from the next attempt on, every delivery carries one signature per active secret (Standard
 * Webhooks 1.0 allows several in `webhook-signature`). Errors: PARTNER.NOT_FOUND (404), PARTNER.REMOVED (409),
 * PARTNER.LIMIT_REACHED (409, 5 active secrets).
 */
@CommandHandler(AddWebhookSecretCommand)
export class AddWebhookSecretHandler implements ICommandHandler<AddWebhookSecretCommand> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly keyring: DataKeyring,
  ) {}

  async execute({ partnerId }: AddWebhookSecretCommand): Promise<AddWebhookSecretResult> {
    return this.dataSource.transaction(async (manager) => {
      await lockPartner(manager, partnerId);
      const active = { partnerId, retiredAt: IsNull() };
      if ((await manager.countBy(PartnerWebhookSecretEntity, active)) >= MAX_ACTIVE_WEBHOOK_SECRETS) {
        throw new DomainError('PARTNER.LIMIT_REACHED', `A partner holds at most ${MAX_ACTIVE_WEBHOOK_SECRETS} active webhook secrets; retire one first`);
      }
      const created = await addWebhookSecret(manager, this.keyring, partnerId);
      const all = await manager.find(PartnerWebhookSecretEntity, { where: active, order: { createdAt: 'ASC', id: 'ASC' } });
      return { ...created, activeSecretIds: all.map((secret) => secret.id) };
    });
  }
}
