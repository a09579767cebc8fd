import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Kafka, logLevel, Partitioners, type Admin, type Consumer } from 'kafkajs';
import { TEST_KAFKA_BROKERS, uniqueSuffix } from '../support/test-environment.js';
import { waitFor } from '../support/wait-for.js';

/**
 * Proves the kafkajs client works against the project's Kafka 4.x broker (deploy/kafka): topic admin, consumer
 * groups, the idempotent producer, and transactions (commit visible, abort invisible to read_committed readers).
 */
describe('kafkajs against the deploy/kafka broker', () => {
  const kafka = new Kafka({ clientId: 'aisw-kafkajs-proof', brokers: TEST_KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
  const prefix = `${process.env.AISW_TEST_TOPIC_PREFIX ?? 't'}-proof-${uniqueSuffix()}`;
  let admin: Admin;
  const consumers: Consumer[] = [];

  const readAll = async (topic: string, readUncommitted: boolean, expected: number): Promise<string[]> => {
    const values: string[] = [];
    const consumer = kafka.consumer({ groupId: `${topic}-${readUncommitted ? 'uncommitted' : 'committed'}`, readUncommitted });
    consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void values.push(message.value?.toString() ?? '') });
    await waitFor(async () => values.length, (n) => n >= expected, { description: `${expected} messages on ${topic}` });
    return values;
  };

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
  });

  afterAll(async () => {
    await Promise.all(consumers.map((consumer) => consumer.disconnect()));
    await admin.disconnect();
  });

  it('creates a topic with three partitions', async () => {
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic: `${prefix}.plain`, numPartitions: 3 }] });
    const metadata = await admin.fetchTopicMetadata({ topics: [`${prefix}.plain`] });
    expect(metadata.topics[0].partitions).toHaveLength(3);
  });

  it('delivers what an idempotent producer sent to a consumer group, in order per key', async () => {
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const sent = Array.from({ length: 30 }, (_, index) => ({ key: `incident-${index % 3}`, value: `${index}` }));
    await producer.send({ topic: `${prefix}.plain`, acks: -1, messages: sent });
    await producer.disconnect();
    const received = await readAll(`${prefix}.plain`, false, sent.length);
    expect([...received].sort((a, b) => Number(a) - Number(b))).toEqual(sent.map((message) => message.value));
  });

  it('shows committed transactional messages and hides aborted ones from read_committed consumers', async () => {
    const topic = `${prefix}.tx`;
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1 }] });
    const producer = kafka.producer({
      transactionalId: `${prefix}-tx`,
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    const committed = await producer.transaction();
    await committed.send({ topic, messages: [{ value: 'committed-1' }, { value: 'committed-2' }] });
    await committed.sendOffsets({ consumerGroupId: `${prefix}-tx-group`, topics: [{ topic, partitions: [{ partition: 0, offset: '0' }] }] });
    await committed.commit();
    const aborted = await producer.transaction();
    await aborted.send({ topic, messages: [{ value: 'aborted-1' }] });
    await aborted.abort();
    const after = await producer.transaction();
    await after.send({ topic, messages: [{ value: 'committed-3' }] });
    await after.commit();
    await producer.disconnect();

    expect(await readAll(topic, false, 3)).toEqual(['committed-1', 'committed-2', 'committed-3']);
    expect(await readAll(topic, true, 4)).toEqual(['committed-1', 'committed-2', 'aborted-1', 'committed-3']);
    const offsets = await admin.fetchOffsets({ groupId: `${prefix}-tx-group`, topics: [topic] });
    expect(offsets[0].partitions[0].offset).toBe('0');
  });
});
