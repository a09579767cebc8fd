import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { incidentEventsTopic } from '@app/contracts';
import type { Producer } from 'kafkajs';
import { DataSource, type EntityManager } from 'typeorm';
import type { Environment } from '../config/environment.js';
import { CorrelationHeaders } from '@app/contracts';
import { KafkaConnection } from '../messaging/kafka.js';
import { SingleFlightPass } from '../common/single-flight-pass.js';
import { preparedQuery } from '../database/prepared-query.js';
import { toKafkaBinaryMessage } from '../messaging/cloud-event.js';
import { describeKafkaError, isPermanentlyRefused } from '../messaging/kafka-errors.js';
import { Metrics } from '../observability/metrics.service.js';
import { wakeOnOutboxCommit } from './outbox-wake.js';
import { shutdownStep } from '../common/shutdown-step.js';

const BATCH_SIZE = 200;

interface OutboxRow {
  id: string;
  event_id: string;
  event_type: string;
  aggregate_id: string;
  topic: string;
  payload: unknown;
  correlation_id: string;
  created_at: Date;
}

/**
 * Publishes `outbox_messages` rows to Kafka in id order, keyed by aggregate (incident) id, with an idempotent
 * producer (acks=all); a row is marked `published_at` only after the broker acknowledged it, in the same
 * transaction that locked it (FOR UPDATE SKIP LOCKED, so several app instances can relay side by side).
 * Woken in-process once a transaction that wrote outbox rows commits (outbox-wake.ts: no NOTIFY, whose global commit
 * lock serialised filings), and polls every OUTBOX_POLL_INTERVAL_MS for rows other processes wrote.
 * Delivery to Kafka is at-least-once: a crash between ack and commit re-sends a row with the same CloudEvents id.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private producer?: Producer;
  private timer?: NodeJS.Timeout;
  private readonly passes = new SingleFlightPass(
    () => this.relayUntilEmpty(),
    (error) => this.logger.warn(`Outbox relay pass failed, will retry: ${String(error)}`),
  );

  constructor(
    private readonly kafka: KafkaConnection,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService<Environment, true>,
    private readonly metrics: Metrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.kafka.ensureTopics(
      [incidentEventsTopic(this.kafka.topicPrefix)],
      this.config.get('KAFKA_INCIDENT_PARTITIONS', { infer: true }),
    );
    this.producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await this.producer.connect();
    wakeOnOutboxCommit(this.dataSource, () => this.wake());
    this.timer = setInterval(() => this.wake(), this.config.get('OUTBOX_POLL_INTERVAL_MS', { infer: true }));
    this.wake();
  }

  async onApplicationShutdown(): Promise<void> {
    await shutdownStep(this.logger, 'outbox relay: stop timer, drain the relay pass, disconnect producer', async () => {
      clearInterval(this.timer);
      await this.passes.stop();
      await this.producer?.disconnect();
    });
  }

  /** Starts a relay pass unless one is running; a wake during a pass causes one more pass after it. */
  wake(): void {
    this.passes.wake();
  }

  /** Publishes batches until no unpublished row is left. Returns the number of rows published. */
  async relayUntilEmpty(): Promise<number> {
    let total = 0;
    for (;;) {
      const published = await this.relayBatch();
      total += published;
      if (published < BATCH_SIZE || this.passes.isStopped) return total;
    }
  }

  private async relayBatch(): Promise<number> {
    const producer = this.producer;
    if (!producer) return 0;
    return this.dataSource.transaction(async (manager: EntityManager) => {
      const rows = await preparedQuery<OutboxRow>(
        manager,
        `SELECT id, event_id, event_type, aggregate_id, topic, payload, correlation_id, created_at
           FROM outbox_messages WHERE published_at IS NULL AND failed_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH_SIZE],
      );
      if (rows.length === 0) return 0;
      try {
        await this.send(producer, rows);
        await this.markPublished(manager, rows);
        this.metrics.outboxRowsPublished(rows.length);
      } catch (error) {
        // A failed send can leave the idempotent producer's sequence numbers out of step: start a fresh one, then
        // find out row by row whether the broker refuses one message for good (a poison row) or is just away.
        this.logger.warn(`publishing ${rows.length} outbox row(s) failed (${describeKafkaError(error)}); retrying row by row`);
        const fresh = await this.resetProducer();
        for (const row of rows) {
          try {
            await this.send(fresh, [row]);
            await this.markPublished(manager, [row]);
            this.metrics.outboxRowsPublished(1);
          } catch (rowError) {
            if (!isPermanentlyRefused(rowError)) throw rowError;
            this.metrics.outboxRowRefused();
            this.logger.error(`outbox row ${row.id} (${row.event_type}, ${row.aggregate_id}) refused by Kafka for good: ${describeKafkaError(rowError)}`);
            await manager.query('UPDATE outbox_messages SET failed_at = now(), last_error = $2 WHERE id = $1', [
              row.id,
              describeKafkaError(rowError).slice(0, 500),
            ]);
            await this.resetProducer();
          }
        }
      }
      return rows.length;
    });
  }

  private async send(producer: Producer, rows: OutboxRow[]): Promise<void> {
    const byTopic = new Map<string, OutboxRow[]>();
    for (const row of rows) byTopic.set(row.topic, [...(byTopic.get(row.topic) ?? []), row]);
    await producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, topicRows]) => ({
        topic,
        messages: topicRows.map((row) =>
          toKafkaBinaryMessage(
            {
              id: row.event_id,
              type: row.event_type,
              source: `/aisw/${this.config.get('JURISDICTION', { infer: true })}`,
              subject: row.aggregate_id,
              time: row.created_at.toISOString(),
              data: row.payload,
            },
            row.aggregate_id,
            { [CorrelationHeaders.correlationId]: row.correlation_id, [CorrelationHeaders.causationId]: row.event_id },
          ),
        ),
      })),
    });
  }

  private async markPublished(manager: EntityManager, rows: OutboxRow[]): Promise<void> {
    await preparedQuery(manager, 'UPDATE outbox_messages SET published_at = now() WHERE id = ANY($1::bigint[])', [rows.map((row) => row.id)]);
  }

  private async resetProducer(): Promise<Producer> {
    await this.producer?.disconnect().catch(() => undefined);
    const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    this.producer = producer;
    return producer;
  }

  /** Unpublished and permanently failed outbox rows (for /health). */
  async backlog(): Promise<{ pending: number; failed: number }> {
    const [row] = await this.dataSource.query<Array<{ pending: string; failed: string }>>(
      `SELECT count(*) FILTER (WHERE failed_at IS NULL) AS pending, count(*) FILTER (WHERE failed_at IS NOT NULL) AS failed
         FROM outbox_messages WHERE published_at IS NULL`,
    );
    return { pending: Number(row.pending), failed: Number(row.failed) };
  }
}
