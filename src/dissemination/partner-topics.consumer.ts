import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Consumer, ConsumerRunConfig, EachBatchPayload, EachMessagePayload } from 'kafkajs';
import type { KafkaConnection } from '../messaging/kafka.js';
import { shutdownStep } from '../common/shutdown-step.js';

const TOPIC_REFRESH_MS = 30_000;

/**
 * Partitions handled at once (kafkajs `partitionsConsumedConcurrently`): one partition's messages stay in order, and the
 * partner topics' partitions no longer wait for each other's database writes.
 */
const PARTITIONS_CONSUMED_CONCURRENTLY = 8;

/**
 * A consumer group over one topic per partner (alert topics, acknowledgement topics): subscribes at start, and
 * re-subscribes when `handle()` is told a partner was onboarded here, and every 30 s in case another instance added
 * one. Missing topics are created first (PostgreSQL is the source of truth for partners). read_committed.
 * Subclasses: AlertLogConsumer, AckTopicConsumer.
 */
export abstract class PartnerTopicsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  protected readonly logger: Logger;
  private consumer?: Consumer;
  private topics: string[] = [];
  private timer?: NodeJS.Timeout;
  private restarting: Promise<void> = Promise.resolve();
  private stopped = false;

  protected constructor(
    protected readonly kafka: KafkaConnection,
    private readonly groupId: string,
    private readonly partitions: number,
    private readonly what: string,
  ) {
    this.logger = new Logger(new.target.name);
  }

  /** The topics to read now, sorted. */
  protected abstract currentTopics(): Promise<string[]>;

  /** Handles one message; only writes to the database (slow work never runs here). */
  protected abstract onMessage(payload: EachMessagePayload): Promise<void>;

  /**
   * Handles the messages of one fetched batch (one partition, in offset order) at once, when a subclass overrides
   * it; the batch's offsets are committed only after it returns. Default: null, and messages go to `onMessage` one
   * at a time.
   */
  protected onBatch?(payload: EachBatchPayload): Promise<void>;

  protected get isStopped(): boolean {
    return this.stopped;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh().catch((error: unknown) => this.logger.warn(String(error))), TOPIC_REFRESH_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await shutdownStep(this.logger, `${this.what}: stop re-subscribing, disconnect consumer`, async () => {
      clearInterval(this.timer);
      await this.restarting;
      await this.consumer?.disconnect();
    });
  }

  /** PartnerOnboardedEvent: re-subscribe now. */
  handle(): void {
    void this.refresh().catch((error: unknown) => this.logger.warn(`re-subscribe failed: ${String(error)}`));
  }

  /** Restarts the consumer when the set of partner topics changed. */
  refresh(): Promise<void> {
    this.restarting = this.restarting.then(async () => {
      if (this.stopped) return;
      const topics = await this.currentTopics();
      if (topics.join() === this.topics.join()) return;
      await this.consumer?.disconnect();
      this.consumer = undefined;
      this.topics = topics;
      if (topics.length === 0) return;
      await this.kafka.ensureTopics(topics, this.partitions);
      const consumer = this.kafka.consumer({ groupId: this.groupId, readUncommitted: false });
      await consumer.connect();
      await consumer.subscribe({ topics, fromBeginning: true });
      const handler: ConsumerRunConfig = this.onBatch
        ? { eachBatch: (payload) => this.onBatch!(payload) }
        : { eachMessage: (payload) => this.onMessage(payload) };
      await consumer.run({ partitionsConsumedConcurrently: PARTITIONS_CONSUMED_CONCURRENTLY, ...handler });
      this.consumer = consumer;
      this.logger.log(`${this.what} from ${topics.length} partner topic(s)`);
    });
    return this.restarting;
  }
}
