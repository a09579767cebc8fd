import { randomUUID } from 'node:crypto';
import { ConfigService } from '@nestjs/config';
import { CommandHandler, EventBus, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PARTNER_ALERTS_PARTITIONS, partnerAlertsTopic } from '@app/contracts';
import { ApiKeysService } from '../../../auth/api-keys.service.js';
import { DomainError } from '../../../common/domain-error.js';
import type { Environment } from '../../../config/environment.js';
import { DestinationGuard } from '../../../dissemination/destination-guard.js';
import { DataKeyring } from '../../../data-encryption/data-keyring.js';
import { isUniqueViolation } from '../../../database/unique-violation.js';
import { KafkaConnection } from '../../../messaging/kafka.js';
import { PartnerOnboardedEvent } from '../../partner-onboarded.event.js';
import { PARTNER_SLUG_CONSTRAINT, PartnerEntity } from '../../partner.entity.js';
import { SubscriptionEntity } from '../../subscription.entity.js';
import { subscriptionColumns } from '../../subscription-filter.dto.js';
import { ackDeadlineColumns } from '../../partner-profile.dto.js';
import { addWebhookSecret } from '../../webhook-secrets.js';
import { refuseUnreachableWebhookUrl } from '../../webhook-url.js';
import { OnboardPartnerCommand, type OnboardPartnerResult } from './onboard-partner.command.js';

/**
 * Creates the partner's alerts topic first (idempotent), then writes partner, subscriptions, its first webhook
 * signing secret (webhook partners) and its API key in one transaction. Errors: 400 naming `webhookUrl` for a literal
 * address the SSRF guard refuses (webhook-url.ts); PARTNER.SLUG_TAKEN (409), also for each loser of parallel requests for one
 * slug (the unique constraint's violation, nothing of the loser stored). A Kafka outage fails the call before anything is stored.
 */
@CommandHandler(OnboardPartnerCommand)
export class OnboardPartnerHandler implements ICommandHandler<OnboardPartnerCommand> {
  private readonly guard: DestinationGuard;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly kafka: KafkaConnection,
    private readonly apiKeys: ApiKeysService,
    private readonly eventBus: EventBus,
    private readonly keyring: DataKeyring,
    config: ConfigService<Environment, true>,
  ) {
    this.guard = new DestinationGuard(config.get('WEBHOOK_ALLOWED_NETWORKS', { infer: true }));
  }

  async execute({ request, alsoStore }: OnboardPartnerCommand): Promise<OnboardPartnerResult> {
    refuseUnreachableWebhookUrl(this.guard, request.webhookUrl);
    const slugTaken = () => new DomainError('PARTNER.SLUG_TAKEN', `A partner with slug ${request.slug} exists`);
    if (await this.dataSource.manager.existsBy(PartnerEntity, { slug: request.slug })) throw slugTaken();
    // Parallel onboardings of one slug all pass the check above and ensure the same topic (the winner's, so no orphan);
    // the unique constraint lets one insert through and rolls the others back whole.
    const kafkaTopic = partnerAlertsTopic(this.kafka.topicPrefix, request.slug);
    await this.kafka.ensureTopics([kafkaTopic], PARTNER_ALERTS_PARTITIONS);
    const id = randomUUID();
    const stored = this.dataSource.transaction(async (manager) => {
      await manager.insert(PartnerEntity, {
        id,
        slug: request.slug,
        name: request.name,
        country: request.country.toUpperCase(),
        contacts: request.contacts ?? [],
        webhookUrl: request.webhookUrl ?? null,
        kafkaTopic,
        status: 'active',
        ...ackDeadlineColumns(request.ackDeadlines),
      });
      const filters = request.subscriptions ?? [{}];
      await manager.insert(
        SubscriptionEntity,
        filters.map((filter) => ({ id: randomUUID(), partnerId: id, ...subscriptionColumns(filter) })),
      );
      const secret = request.webhookUrl ? await addWebhookSecret(manager, this.keyring, id) : null;
      const key = await this.apiKeys.issue({ name: `partner ${request.slug}`, role: 'partner', partnerId: id }, manager);
      await alsoStore?.(manager, id);
      return { apiKey: key, webhookSecret: secret?.secret ?? null };
    });
    const { apiKey, webhookSecret } = await stored.catch((error: unknown) => {
      throw isUniqueViolation(error, PARTNER_SLUG_CONSTRAINT) ? slugTaken() : error;
    });
    this.eventBus.publish(new PartnerOnboardedEvent(id, kafkaTopic));
    return { id, slug: request.slug, kafkaTopic, webhookSecret, apiKey: apiKey.key };
  }
}
