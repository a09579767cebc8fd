import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CommandBus, EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EachMessagePayload } from 'kafkajs';
import { DataSource } from 'typeorm';
import { PARTNER_ACKS_PARTITIONS, partnerAcksTopic, partnerSlugOfAcksTopic } from '@app/contracts';
import { parseAcknowledgementRecord, type AcknowledgementEvent } from '@app/partner-sdk';
import { DomainError } from '../common/domain-error.js';
import type { Environment } from '../config/environment.js';
import { KafkaConnection } from '../messaging/kafka.js';
import { PartnerOnboardedEvent } from '../partners/partner-onboarded.event.js';
import { AcknowledgeAlertCommand } from './commands/acknowledge-alert/acknowledge-alert.command.js';
import { PartnerTopicsConsumer } from './partner-topics.consumer.js';

const UNKNOWN_ALERT_RETRY_MS = 1000;

/**
 * What became of one acknowledgement-topic message. `applied` includes repeats (applied once, see the handler);
 * the others were skipped: not a valid acknowledgement event (`invalid-envelope`), on the topic of no known partner
 * (`unknown-partner`), `ce_source` naming another partner than the topic (`source-mismatch`), or no alert of that
 * partner with this id (`unknown-alert`, after ACK_TOPIC_UNKNOWN_ALERT_WAIT_SECONDS).
 */
export type AckMessageOutcome = 'applied' | 'invalid-envelope' | 'unknown-partner' | 'source-mismatch' | 'unknown-alert' | 'no-incident';

/**
 * Applies partners' acknowledgements from their acknowledgement topics (`<prefix>.partner.<slug>.acks.v1`, one per
 * partner, created here when missing) through the same AcknowledgeAlertCommand as `POST /alerts/{id}/ack`.
 * Authenticity: the partner is the one the TOPIC names, never one the message claims; in production only that
 * partner's Kafka principal may write its topic (ACLs, docs/partner-integration.md), so a partner cannot
 * acknowledge for another. A bad message is logged and counted (`outcomes()`), never thrown; only an infrastructure
 * error (PostgreSQL down) is thrown, so kafkajs retries the message instead of losing an acknowledgement.
 */
@Injectable()
@EventsHandler(PartnerOnboardedEvent)
export class AckTopicConsumer extends PartnerTopicsConsumer implements IEventHandler<PartnerOnboardedEvent> {
  private readonly counts = new Map<AckMessageOutcome, number>();
  private readonly unknownAlertWaitMs: number;
  private partnersBySlug = new Map<string, string>();

  constructor(
    kafka: KafkaConnection,
    private readonly commandBus: CommandBus,
    @InjectDataSource() private readonly dataSource: DataSource,
    config: ConfigService<Environment, true>,
  ) {
    super(kafka, `${config.get('KAFKA_CLIENT_ID', { infer: true })}-${kafka.topicPrefix}-acks`, PARTNER_ACKS_PARTITIONS, 'applying acknowledgements');
    this.unknownAlertWaitMs = config.get('ACK_TOPIC_UNKNOWN_ALERT_WAIT_SECONDS', { infer: true }) * 1000;
  }

  /** How many messages ended in each outcome since start (for logs, tests and a metrics exporter). */
  outcomes(): Record<AckMessageOutcome, number> {
    const outcomes: AckMessageOutcome[] = ['applied', 'invalid-envelope', 'unknown-partner', 'source-mismatch', 'unknown-alert'];
    return Object.fromEntries(outcomes.map((outcome) => [outcome, this.counts.get(outcome) ?? 0])) as Record<AckMessageOutcome, number>;
  }

  protected async currentTopics(): Promise<string[]> {
    const partners: Array<{ id: string; slug: string }> = await this.dataSource.query('SELECT id, slug FROM partners ORDER BY slug');
    this.partnersBySlug = new Map(partners.map((partner) => [partner.slug, partner.id]));
    return partners.map((partner) => partnerAcksTopic(this.kafka.topicPrefix, partner.slug));
  }

  protected onMessage(payload: EachMessagePayload): Promise<void> {
    return this.apply(payload);
  }

  private async apply(payload: EachMessagePayload): Promise<void> {
    const { topic, partition, message } = payload;
    const where = `${topic}/${partition}/${message.offset}`;
    const slug = partnerSlugOfAcksTopic(this.kafka.topicPrefix, topic);
    const partnerId = slug === undefined ? undefined : this.partnersBySlug.get(slug);
    if (partnerId === undefined) return this.skip('unknown-partner', where, 'no partner owns this topic');
    let event: AcknowledgementEvent;
    try {
      event = parseAcknowledgementRecord(message);
    } catch (error) {
      return this.skip('invalid-envelope', where, error instanceof Error ? error.message : String(error));
    }
    if (event.source !== `/aisw/partners/${slug}`)
      return this.skip('source-mismatch', where, `ce_source ${event.source} is not the topic's partner ${slug}`);

    const command = new AcknowledgeAlertCommand(partnerId, event.data, `ce:${event.id}`);
    const giveUpAt = Date.now() + this.unknownAlertWaitMs;
    for (;;) {
      try {
        await this.commandBus.execute(command);
        this.count('applied');
        return;
      } catch (error) {
        // A follow-up on a surge alert can never apply (no incident): skip it rather than block the partition.
        if (error instanceof DomainError && error.code === 'ALERT.NO_INCIDENT') return this.skip('no-incident', where, error.message);
        if (!(error instanceof DomainError && error.code === 'ALERT.NOT_FOUND')) throw error;
        if (this.isStopped || Date.now() >= giveUpAt)
          return this.skip('unknown-alert', where, `no alert ${event.data.alertId} of partner ${slug}`);
      }
      // The alert log may not have recorded the alert yet: wait, keeping the group membership alive.
      await sleep(UNKNOWN_ALERT_RETRY_MS);
      await payload.heartbeat();
    }
  }

  private skip(outcome: Exclude<AckMessageOutcome, 'applied'>, where: string, reason: string): void {
    this.count(outcome);
    this.logger.warn(`skipped acknowledgement at ${where} (${outcome}): ${reason}`);
  }

  private count(outcome: AckMessageOutcome): void {
    this.counts.set(outcome, (this.counts.get(outcome) ?? 0) + 1);
  }
}
