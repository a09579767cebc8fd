import { DataKeyring } from '../../../data-encryption/data-keyring.js';
import { ConfigService } from '@nestjs/config';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { RequestValidationError } from '../../../common/problem-details.js';
import type { Environment } from '../../../config/environment.js';
import { DestinationGuard } from '../../../dissemination/destination-guard.js';
import { ackDeadlineColumns } from '../../partner-profile.dto.js';
import { lockPartner } from '../../partner-lock.js';
import { partnerViews } from '../../partner-view.js';
import { PartnerWebhookSecretEntity } from '../../partner-webhook-secret.entity.js';
import { PartnerEntity } from '../../partner.entity.js';
import { PeerEntity } from '../../../federation/peer.entity.js';
import { addWebhookSecret } from '../../webhook-secrets.js';
import { refuseUnreachableWebhookUrl } from '../../webhook-url.js';
import { UpdatePartnerCommand, type UpdatePartnerResult } from './update-partner.command.js';

/**
 * Applies the given fields in one transaction. Ending webhook delivery turns the partner's pending webhook deliveries
 * into `available` (on its Kafka topic, which always holds them); a new webhook URL re-enables a webhook that 410
 * disabled. Errors: 400 for an empty body, naming `webhookUrl` for a literal address the SSRF guard refuses
 * (webhook-url.ts), or naming `country` when a peer would get this window's own JURISDICTION; PARTNER.NOT_FOUND (404);
 * PARTNER.REMOVED (409).
 */
@CommandHandler(UpdatePartnerCommand)
export class UpdatePartnerHandler implements ICommandHandler<UpdatePartnerCommand> {
  private readonly guard: DestinationGuard;
  private readonly ownJurisdiction: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly keyring: DataKeyring,
    config: ConfigService<Environment, true>,
  ) {
    this.guard = new DestinationGuard(config.get('WEBHOOK_ALLOWED_NETWORKS', { infer: true }));
    this.ownJurisdiction = config.get('JURISDICTION', { infer: true });
  }

  async execute({ partnerId, request }: UpdatePartnerCommand): Promise<UpdatePartnerResult> {
    if (Object.values(request).every((value) => value === undefined)) {
      throw new RequestValidationError([{ field: 'body', messages: ['give at least one of name, country, contacts, webhookUrl, ackDeadlines'] }]);
    }
    refuseUnreachableWebhookUrl(this.guard, request.webhookUrl);
    return this.dataSource.transaction(async (manager) => {
      const partner = await lockPartner(manager, partnerId);
      // A peer is another jurisdiction's single window (POST /peers refuses this one's own): every alert it sent
      // would be refused.
      if (request.country?.toUpperCase() === this.ownJurisdiction.toUpperCase() && (await manager.existsBy(PeerEntity, { partnerId }))) {
        throw new RequestValidationError([
          { field: 'country', messages: [`a peer is another jurisdiction's single window: ${this.ownJurisdiction} is this window's own jurisdiction`] },
        ]);
      }
      const changes: Partial<PartnerEntity> = {
        ...(request.name !== undefined ? { name: request.name } : {}),
        ...(request.country !== undefined ? { country: request.country.toUpperCase() } : {}),
        ...(request.contacts !== undefined ? { contacts: request.contacts } : {}),
        ...ackDeadlineColumns(request.ackDeadlines),
      };
      let webhookSecret: string | undefined;
      if (request.webhookUrl !== undefined && request.webhookUrl !== partner.webhookUrl) {
        changes.webhookUrl = request.webhookUrl;
        changes.webhookDisabledAt = null;
        if (request.webhookUrl === null) {
          await manager.query(
            `UPDATE deliveries SET status = 'available', next_attempt_at = NULL, lease_until = NULL,
                    last_error = 'webhook delivery ended by an admin; the alert is on the partner''s Kafka topic'
              WHERE partner_id = $1 AND status = 'pending'`,
            [partnerId],
          );
        } else if (!(await manager.existsBy(PartnerWebhookSecretEntity, { partnerId, retiredAt: IsNull() }))) {
          webhookSecret = (await addWebhookSecret(manager, this.keyring, partnerId)).secret;
        }
      }
      if (Object.keys(changes).length > 0) await manager.update(PartnerEntity, { id: partnerId }, changes);
      const [view] = await partnerViews(manager, [partnerId]);
      return webhookSecret ? { ...view, webhookSecret } : view;
    });
  }
}
