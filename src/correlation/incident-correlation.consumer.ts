import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Consumer, KafkaMessage } from 'kafkajs';
import { DataSource } from 'typeorm';
import { incidentEventsTopic, type IncidentEventData } from '@app/contracts';
import type { Environment } from '../config/environment.js';
import { fromKafkaBinaryMessage } from '../messaging/cloud-event.js';
import { KafkaConnection } from '../messaging/kafka.js';
import { correlateIncident, type CorrelationOptions } from './correlate-incident.js';
import { shutdownStep } from '../common/shutdown-step.js';

/** PostgreSQL `deadlock_detected`: retried at once, a few times, before kafkajs' own retry takes over. */
const DEADLOCK_DETECTED = '40P01';
const DEADLOCK_ATTEMPTS = 3;

/**
 * Links incidents that likely report the same real-world event, asynchronously: consumes the incident events topic
 * in its own consumer group (`<client>-<prefix>-correlation`, from the beginning, so a new deployment correlates the
 * history once) and recomputes the links of the incident each event names (filed, amended, reviewed, retracted) in one
 * transaction. Any incident stored here and announced on the topic is linked, whatever its origin jurisdiction
 * (foreign incidents from peer single windows included). At least once: a repeat recomputes the same links. A
 * malformed message is skipped; a database error is thrown so kafkajs retries the message.
 */
@Injectable()
export class IncidentCorrelationConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(IncidentCorrelationConsumer.name);
  private consumer?: Consumer;
  private readonly options: CorrelationOptions;
  private readonly groupId: string;

  constructor(
    private readonly kafka: KafkaConnection,
    @InjectDataSource() private readonly dataSource: DataSource,
    config: ConfigService<Environment, true>,
  ) {
    this.groupId = `${config.get('KAFKA_CLIENT_ID', { infer: true })}-${kafka.topicPrefix}-correlation`;
    this.options = {
      threshold: config.get('CORRELATION_THRESHOLD', { infer: true }),
      textWindowDays: config.get('CORRELATION_TEXT_WINDOW_DAYS', { infer: true }),
      maxDays: config.get('CORRELATION_MAX_DAYS', { infer: true }),
      sameJurisdiction: config.get('CORRELATION_SAME_JURISDICTION', { infer: true }),
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = this.kafka.consumer({ groupId: this.groupId, readUncommitted: false });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [incidentEventsTopic(this.kafka.topicPrefix)], fromBeginning: true });
    await this.consumer.run({ eachMessage: async ({ message, partition }) => this.handle(message, partition) });
  }

  async onApplicationShutdown(): Promise<void> {
    await shutdownStep(this.logger, 'correlation: disconnect consumer', async () => this.consumer?.disconnect());
  }

  private async handle(message: KafkaMessage, partition: number): Promise<void> {
    let incidentId: string | undefined;
    try {
      incidentId = fromKafkaBinaryMessage<IncidentEventData>(message).data.incident?.id;
    } catch (error) {
      this.logger.error(`skipping malformed incident event at ${partition}/${message.offset}: ${String(error)}`);
      return;
    }
    if (!incidentId) return;
    const id = incidentId;
    // Two replicas re-linking both sides of one pair at once can deadlock on incident_links; PostgreSQL aborts one.
    for (let attempt = 1; ; attempt += 1) {
      try {
        const links = await this.dataSource.transaction((manager) => correlateIncident(manager, id, this.options));
        if (links.length > 0) this.logger.debug(`incident ${id}: ${links.length} link(s), best ${links[0].score}`);
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== DEADLOCK_DETECTED || attempt >= DEADLOCK_ATTEMPTS) throw error;
      }
    }
  }
}
