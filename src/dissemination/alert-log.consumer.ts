import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Consumer, EachMessagePayload } from 'kafkajs';
import { DataSource } from 'typeorm';
import { PARTNER_ALERTS_PARTITIONS, type AlertData } from '@app/contracts';
import type { Environment } from '../config/environment.js';
import { rowsOf } from '../database/rows-of.js';
import { ackDeadlineSeconds, ackDeadlinesOf, urgencyOf } from '../escalation/ack-deadlines.js';
import { fromKafkaBinaryMessage, toStructuredEvent } from '../messaging/cloud-event.js';
import { KafkaConnection } from '../messaging/kafka.js';
import { Metrics } from '../observability/metrics.service.js';
import { PartnerOnboardedEvent } from '../partners/partner-onboarded.event.js';
import { PartnerDirectory } from './partner-directory.js';
import { WebhookDispatcher } from './webhook-dispatcher.service.js';

const TOPIC_REFRESH_MS = 30_000;

/**
 * Reads every partner alerts topic (read_committed) and records each alert as a `deliveries` row: `pending` for
 * webhook partners (the dispatcher sends it), `available` for Kafka-only partners. The insert is keyed by alert
 * id, so a re-read message changes nothing. No HTTP happens here: the callback only writes a row.
 * Re-subscribes when a partner is onboarded here, and every 30 s if another instance added a topic.
 */
@Injectable()
@EventsHandler(PartnerOnboardedEvent)
export class AlertLogConsumer implements OnApplicationBootstrap, OnApplicationShutdown, IEventHandler<PartnerOnboardedEvent> {
  private readonly logger = new Logger(AlertLogConsumer.name);
  private consumer?: Consumer;
  private topics: string[] = [];
  private timer?: NodeJS.Timeout;
  private restarting: Promise<void> = Promise.resolve();
  private stopped = false;
  private readonly groupId: string;

  constructor(
    private readonly kafka: KafkaConnection,
    private readonly partners: PartnerDirectory,
    private readonly dispatcher: WebhookDispatcher,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService<Environment, true>,
    private readonly metrics: Metrics,
  ) {
    this.groupId = `${config.get('KAFKA_CLIENT_ID', { infer: true })}-${kafka.topicPrefix}-alert-log`;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh().catch((error: unknown) => this.logger.warn(String(error))), TOPIC_REFRESH_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.restarting;
    await this.consumer?.disconnect();
  }

  handle(): void {
    void this.refresh().catch((error: unknown) => this.logger.warn(`re-subscribe failed: ${String(error)}`));
  }

  /** Restarts the consumer when the set of partner topics changed. */
  refresh(): Promise<void> {
    this.restarting = this.restarting.then(async () => {
      if (this.stopped) return;
      const topics = await this.partners.partnerTopics();
      if (topics.join() === this.topics.join()) return;
      await this.consumer?.disconnect();
      this.consumer = undefined;
      this.topics = topics;
      if (topics.length === 0) return;
      // PostgreSQL is the source of truth for partners: recreate a topic the broker lost (e.g. fresh Kafka data).
      await this.kafka.ensureTopics(topics, PARTNER_ALERTS_PARTITIONS);
      const consumer = this.kafka.kafka.consumer({ groupId: this.groupId, readUncommitted: false });
      await consumer.connect();
      await consumer.subscribe({ topics, fromBeginning: true });
      await consumer.run({ eachMessage: (payload) => this.record(payload) });
      this.consumer = consumer;
      this.logger.log(`recording alerts from ${topics.length} partner topic(s)`);
    });
    return this.restarting;
  }

  private async record({ partition, message }: EachMessagePayload): Promise<void> {
    let alert: AlertData;
    let event: Record<string, unknown>;
    try {
      const parsed = fromKafkaBinaryMessage<AlertData>(message);
      alert = parsed.data;
      event = toStructuredEvent(parsed);
    } catch (error) {
      this.logger.error(`skipping malformed alert at ${partition}/${message.offset}: ${String(error)}`);
      this.metrics.alertLogged('malformed');
      return;
    }
    // Every message type (Alert, Update, Cancel) asks for an acknowledgement; src/escalation acts when it is late.
    const ackDeadline = ackDeadlineSeconds(urgencyOf(alert.classification), ackDeadlinesOf(this.config));
    const inserted = rowsOf<{ alert_id: string }>(await this.dataSource.query(
      `INSERT INTO deliveries (alert_id, partner_id, incident_id, version, event, status, next_attempt_at, ack_due_at)
       SELECT $1, p.id, $3, $4, $5, CASE WHEN p.webhook_url IS NULL THEN 'available' ELSE 'pending' END,
              CASE WHEN p.webhook_url IS NULL THEN NULL ELSE now() END, now() + make_interval(secs => $6)
         FROM partners p WHERE p.id = $2
       ON CONFLICT (alert_id) DO NOTHING
       RETURNING alert_id`,
      [alert.alertId, alert.partnerId, alert.incident.id, alert.version, JSON.stringify(event), ackDeadline],
    ));
    this.metrics.alertLogged(inserted.length > 0 ? 'recorded' : 'duplicate');
    if (inserted.length > 0) this.dispatcher.wake();
  }
}
