import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ConfigService } from '@nestjs/config';
import { Kafka, logLevel, Partitioners, type Admin, type Consumer } from 'kafkajs';
import type { Environment } from '../../src/config/environment.js';
import { KafkaConnection } from '../../src/messaging/kafka.js';
import { TEST_KAFKA_BROKERS, uniqueSuffix } from '../support/test-environment.js';
import { waitFor } from '../support/wait-for.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What one consumer went through, from kafkajs' instrumentation events. */
interface Trace {
  crashes: Array<{ restart: boolean }>;
  joinsAfterShutdown: number;
}

/**
 * A consumer whose handler keeps failing crashes and is restarted by kafkajs after a delay. Shutdown must stop it
 * for good: a restart that lands after shutdown kept CI's fault-test process alive for an hour (2026-11-30). Real
 * broker; the handler fails on purpose (as it does while PostgreSQL is down).
 */
describe('KafkaConnection: consumers that crash are not restarted once shutdown begins', () => {
  const prefix = `${process.env.AISW_TEST_TOPIC_PREFIX ?? 't'}-crash-${uniqueSuffix()}`;
  const raw = new Kafka({ clientId: 'aisw-crash-test', brokers: TEST_KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
  let admin: Admin;

  const connection = (): KafkaConnection => {
    const values: Partial<Environment> = { KAFKA_CLIENT_ID: 'aisw-crash-test', KAFKA_BROKERS: TEST_KAFKA_BROKERS, KAFKA_TOPIC_PREFIX: prefix };
    return new KafkaConnection({ get: (key: keyof Environment) => values[key] } as unknown as ConfigService<Environment, true>);
  };

  /** A topic holding one message, and a consumer (made by `kafka`) whose handler always throws. */
  const failingConsumer = async (
    kafka: KafkaConnection,
    name: string,
    restartOnFailure?: () => Promise<boolean>,
  ): Promise<{ consumer: Consumer; trace: Trace; shutDown: () => Promise<void> }> => {
    const topic = `${prefix}.${name}`;
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1 }] });
    const producer = raw.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({ topic, messages: [{ value: 'poison' }] });
    await producer.disconnect();

    const trace: Trace = { crashes: [], joinsAfterShutdown: 0 };
    let shutDownAt: number | undefined;
    const consumer = kafka.consumer({ groupId: `${topic}-group`, retry: { retries: 0, initialRetryTime: 1500, restartOnFailure } });
    consumer.on(consumer.events.CRASH, ({ payload }) => trace.crashes.push({ restart: payload.restart }));
    consumer.on(consumer.events.GROUP_JOIN, () => {
      if (shutDownAt !== undefined) trace.joinsAfterShutdown++;
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async () => {
        throw new Error('handler failed (database unavailable)');
      },
    });
    return {
      consumer,
      trace,
      shutDown: async () => {
        shutDownAt = Date.now();
        await kafka.beforeApplicationShutdown();
      },
    };
  };

  beforeAll(async () => {
    admin = raw.admin();
    await admin.connect();
  });

  afterAll(async () => {
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.disconnect();
  });

  it('stops a consumer whose restart is already scheduled when shutdown begins', async () => {
    const { consumer, trace, shutDown } = await failingConsumer(connection(), 'scheduled');
    await waitFor(async () => trace.crashes.length, (n) => n >= 1, { description: 'the first crash' });
    expect(trace.crashes[0].restart).toBe(true);

    await shutDown(); // within the 1.5 s before kafkajs restarts it
    await sleep(4000);
    expect(trace.joinsAfterShutdown).toBe(0);
    expect(trace.crashes).toHaveLength(1);
    await consumer.disconnect();
  });

  it('does not restart a consumer that crashes while shutdown begins', async () => {
    let crashed!: () => void;
    const crash = new Promise<void>((resolve) => (crashed = resolve));
    // The application's own restart decision takes a moment; shutdown begins meanwhile.
    const { consumer, trace, shutDown } = await failingConsumer(connection(), 'deciding', async () => {
      crashed();
      await sleep(500);
      return true;
    });
    await crash;
    await shutDown();
    await waitFor(async () => trace.crashes.length, (n) => n >= 1, { description: 'the crash event' });
    expect(trace.crashes[0].restart).toBe(false);
    await sleep(3000);
    expect(trace.joinsAfterShutdown).toBe(0);
    await consumer.disconnect();
  });
});
