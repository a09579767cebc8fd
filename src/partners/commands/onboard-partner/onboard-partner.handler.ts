import { randomBytes, randomUUID } from 'node:crypto';
import { CommandHandler, EventBus, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PARTNER_ALERTS_PARTITIONS, partnerAlertsTopic } from '@app/contracts';
import { ApiKeysService } from '../../../auth/api-keys.service.js';
import { DomainError } from '../../../common/domain-error.js';
import { KafkaConnection } from '../../../messaging/kafka.js';
import { PartnerOnboardedEvent } from '../../partner-onboarded.event.js';
import { PartnerEntity } from '../../partner.entity.js';
import { SubscriptionEntity } from '../../subscription.entity.js';
import { OnboardPartnerCommand, type OnboardPartnerResult } from './onboard-partner.command.js';

/**
 * Creates the partner's alerts topic first (idempotent), then writes partner, subscriptions and its API key
 * in one transaction. Errors: PARTNER.SLUG_TAKEN (409). A Kafka outage fails the call before anything is stored.
 */
@CommandHandler(OnboardPartnerCommand)
export class OnboardPartnerHandler implements ICommandHandler<OnboardPartnerCommand> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly kafka: KafkaConnection,
    private readonly apiKeys: ApiKeysService,
    private readonly eventBus: EventBus,
  ) {}

  async execute({ request }: OnboardPartnerCommand): Promise<OnboardPartnerResult> {
    if (await this.dataSource.manager.existsBy(PartnerEntity, { slug: request.slug })) {
      throw new DomainError('PARTNER.SLUG_TAKEN', `A partner with slug ${request.slug} exists`);
    }
    const kafkaTopic = partnerAlertsTopic(this.kafka.topicPrefix, request.slug);
    await this.kafka.ensureTopics([kafkaTopic], PARTNER_ALERTS_PARTITIONS);
    const id = randomUUID();
    // Standard Webhooks secret: "whsec_" + base64 of 24..64 random bytes (spec §"Signature scheme").
    const webhookSecret = request.webhookUrl ? `whsec_${randomBytes(32).toString('base64')}` : null;
    const apiKey = await this.dataSource.transaction(async (manager) => {
      await manager.insert(PartnerEntity, {
        id,
        slug: request.slug,
        name: request.name,
        country: request.country.toUpperCase(),
        webhookUrl: request.webhookUrl ?? null,
        webhookSecret,
        kafkaTopic,
        status: 'active',
      });
      const filters = request.subscriptions ?? [{}];
      await manager.insert(
        SubscriptionEntity,
        filters.map((filter) => ({
          id: randomUUID(),
          partnerId: id,
          mechanisms: filter.mechanisms ?? [],
          magnitudes: filter.magnitudes ?? [],
          sources: filter.sources ?? [],
          countries: (filter.countries ?? []).map((country) => country.toUpperCase()),
          sectors: filter.sectors ?? [],
        })),
      );
      return this.apiKeys.issue({ name: `partner ${request.slug}`, role: 'partner', partnerId: id }, manager);
    });
    this.eventBus.publish(new PartnerOnboardedEvent(id, kafkaTopic));
    return { id, slug: request.slug, kafkaTopic, webhookSecret, apiKey: apiKey.key };
  }
}
