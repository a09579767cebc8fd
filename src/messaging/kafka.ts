import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Kafka, logLevel, Partitioners, type Admin, type Consumer, type ConsumerConfig, type LogEntry, type Producer, type ProducerConfig } from 'kafkajs';
import pRetry from 'p-retry';
import { shutdownStep } from '../common/shutdown-step.js';
import type { Environment } from '../config/environment.js';

// Warnings that do not apply here: rebalances are routine; retries are bounded on purpose (a failed outbox batch
// is re-sent by the next relay pass, and consumers de-duplicate by CloudEvents id and alert id).
const QUIET_WARNINGS = [/rebalanc/i, /Limiting retries for the idempotent producer/];
// The broker answers CONCURRENT_TRANSACTIONS while it still completes the previous commit; kafkajs retries at once
// and succeeds (logged at ERROR by kafkajs, but routine for a transactional producer that commits per message).
const CONCURRENT_TRANSACTIONS = /another concurrent operation on the same transaction/;
/**
 * Longest time (ms) a consumer's fetch waits at the broker when there is nothing to read (kafkajs `maxWaitTimeInMs`,
 * default 5000). A consumer's disconnect waits for its fetch in hand, so this bounds how long an idle consumer holds up
 * shutdown; a fetch still returns as soon as a message arrives, so it does not delay delivery. Costs one fetch
 * request per second per idle consumer.
 */
export const CONSUMER_MAX_WAIT_MS = 1000;
/** How often a consumer retries a failing handler or fetch before it crashes (and restarts): kafkajs' consumer default. */
const DEFAULT_CONSUMER_RETRIES = 5;

/**
 * The one kafkajs `Kafka` instance of the process, plus an admin client connected lazily.
 * Producers and consumers are created by the services that own them and disconnected on shutdown; consumers made by
 * `consumer()` are also all disconnected at once early in shutdown (`beforeApplicationShutdown`), since each
 * disconnect waits for its fetch in hand and Nest runs the owners' hooks one module after another.
 */
@Injectable()
export class KafkaConnection implements BeforeApplicationShutdown, OnApplicationShutdown {
  readonly kafka: Kafka;
  readonly topicPrefix: string;
  private readonly logger = new Logger('Kafka');
  private admin?: Promise<Admin>;
  private readonly consumers = new Set<Consumer>();
  /** Topic creations in progress (ensureTopics), by topic name. */
  private readonly creations = new Map<string, Promise<void>>();
  /** Set when shutdown begins: crashed consumers are no longer restarted. */
  private closing = false;

  constructor(config: ConfigService<Environment, true>) {
    this.topicPrefix = config.get('KAFKA_TOPIC_PREFIX', { infer: true });
    this.kafka = new Kafka({
      clientId: config.get('KAFKA_CLIENT_ID', { infer: true }),
      brokers: config.get('KAFKA_BROKERS', { infer: true }).split(','),
      logLevel: logLevel.WARN,
      logCreator: () => (entry: LogEntry) => this.log(entry),
      retry: { initialRetryTime: 300, retries: 8 },
    });
  }

  /** Connected admin client (shared). */
  async adminClient(): Promise<Admin> {
    this.admin ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      return admin;
    })().catch((error: unknown) => {
      this.admin = undefined;
      throw error;
    });
    return this.admin;
  }

  /** A producer with the default (murmur2, Java-compatible) partitioner, so keys land where Java clients put them. */
  producer(config: Omit<ProducerConfig, 'createPartitioner'>): Producer {
    return this.kafka.producer({ ...config, createPartitioner: Partitioners.DefaultPartitioner });
  }

  /**
   * Creates each of `topics` that is missing (idempotent; concurrent creators are fine), with one metadata request,
   * and returns once every partition of them has a leader. A just-created topic may answer UNKNOWN_TOPIC_OR_PARTITION
   * for a moment (metadata not yet propagated; kafkajs' waitForLeaders retries only LEADER_NOT_AVAILABLE), so the
   * metadata is polled with backoff for up to about 15 s. Concurrent calls in this process for one topic share one
   * creation: racing CreateTopics requests are harmless (kafkajs resolves TOPIC_ALREADY_EXISTS) but each loser is
   * logged at ERROR by kafkajs ("Topic creation errors"), e.g. for parallel onboardings of one slug.
   * @param partitions number of partitions of a created topic (ordering is per key within a partition)
   * Errors: rejects with kafkajs' error when the broker cannot create the topics or they get no leader in time.
   */
  async ensureTopics(topics: string[], partitions: number): Promise<void> {
    const inFlight = topics.flatMap((topic) => this.creations.get(topic) ?? []);
    const own = topics.filter((topic) => !this.creations.has(topic));
    if (own.length > 0) {
      const creation = this.createMissingTopics(own, partitions).finally(() => own.forEach((topic) => this.creations.delete(topic)));
      own.forEach((topic) => this.creations.set(topic, creation));
      inFlight.push(creation);
    }
    await Promise.all(inFlight);
  }

  private async createMissingTopics(topics: string[], partitions: number): Promise<void> {
    const admin = await this.adminClient();
    // Asking first avoids kafkajs logging TOPIC_ALREADY_EXISTS as an error on every start.
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic));
    if (missing.length === 0) return;
    await admin.createTopics({
      waitForLeaders: false,
      topics: missing.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: 1 })),
    });
    await pRetry(
      async () => {
        const { topics } = await admin.fetchTopicMetadata({ topics: missing });
        const leaderless = topics.filter((topic) => topic.partitions.some((partition) => partition.leader < 0));
        if (leaderless.length > 0) throw new Error(`no leader yet for ${leaderless.map((topic) => topic.name).join(', ')}`);
      },
      { retries: 12, minTimeout: 100, maxTimeout: 2000 },
    );
  }

  /**
   * A consumer (kafkajs; fetches wait at most CONSUMER_MAX_WAIT_MS unless `config` says otherwise), remembered until
   * it disconnects so shutdown can stop every consumer at once.
   *
   * A consumer that crashes on a retriable error (e.g. its handler failed `retry.retries` times while PostgreSQL was
   * down) disconnects itself and kafkajs restarts it after `retryTime` ms: it is remembered again on that crash, and
   * once shutdown has begun it is not restarted (`restartOnFailure` answers false) or, if kafkajs had already decided
   * to, it is disconnected again as soon as it joins its group. Without this a consumer restarted during shutdown kept the
   * process (and a test run) alive with a fetch loop of its own.
   */
  consumer(config: ConsumerConfig): Consumer {
    const ownRestartDecision = config.retry?.restartOnFailure;
    const consumer = this.kafka.consumer({
      maxWaitTimeInMs: CONSUMER_MAX_WAIT_MS,
      ...config,
      retry: {
        retries: DEFAULT_CONSUMER_RETRIES,
        ...config.retry,
        restartOnFailure: async (error: Error) => (ownRestartDecision ? await ownRestartDecision(error) : true) && !this.closing,
      },
    });
    this.consumers.add(consumer);
    consumer.on(consumer.events.DISCONNECT, () => this.consumers.delete(consumer));
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart) this.consumers.add(consumer);
    });
    consumer.on(consumer.events.GROUP_JOIN, () => {
      if (!this.closing) return;
      this.logger.warn(`a consumer (group ${config.groupId}) restarted during shutdown: disconnecting it`);
      void consumer.disconnect().catch((error: unknown) => this.logger.warn(`could not disconnect it: ${String(error)}`));
    });
    return consumer;
  }

  /**
   * Graceful shutdown, before the owners' own hooks: disconnects every consumer in parallel (each finishes the
   * message or batch in hand and leaves its group), so idle consumers cost one fetch wait in all, not one each.
   * From here on no consumer is restarted after a crash.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    if (this.consumers.size === 0) return;
    await shutdownStep(this.logger, `kafka: disconnect ${this.consumers.size} consumer(s) in parallel`, async () => {
      await Promise.all([...this.consumers].map((consumer) => consumer.disconnect()));
    });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.admin) await (await this.admin).disconnect().catch(() => undefined);
  }

  private log({ level, log }: LogEntry): void {
    const message = `${log.message}${log.error ? `: ${String(log.error)}` : ''}`;
    // kafkajs logs a WARN for every consumer-group rebalance; keep it at debug level.
    if (CONCURRENT_TRANSACTIONS.test(message)) this.logger.debug(message);
    else if (level === logLevel.ERROR || level === logLevel.NOTHING) this.logger.error(message);
    else if (level === logLevel.WARN && !QUIET_WARNINGS.some((pattern) => pattern.test(message))) this.logger.warn(message);
    else this.logger.debug(message);
  }
}
