import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { incidentEventsTopic, partnerAcksTopic, partnerAlertsTopic } from '@app/contracts';
import { TEST_KAFKA_BROKERS, uniqueSuffix } from '../support/test-environment.js';
import { waitFor } from '../support/wait-for.js';

const run = promisify(execFile);
const SCRIPT = join(process.cwd(), 'scripts', 'purge-kafka.mjs');

/**
 * `npm run down -- --purge` on a broker it did not start (scripts/purge-kafka.mjs) against the real shared broker: it
 * deletes the topics of its KAFKA_TOPIC_PREFIX and the app's consumer groups of that prefix, says which, and leaves
 * another prefix's topics and groups alone — even one that starts with the same letters (`<prefix>-other`).
 */
describe('scripts/purge-kafka.mjs', () => {
  const prefix = `purge-${uniqueSuffix()}`;
  const other = `${prefix}-other`;
  const ours = [incidentEventsTopic(prefix), partnerAlertsTopic(prefix, 'acme'), partnerAcksTopic(prefix, 'acme')];
  const theirs = [incidentEventsTopic(other), partnerAlertsTopic(other, 'acme')];
  const ourGroups = [`aisw-${prefix}-router`, `aisw-${prefix}-acks`];
  const theirGroups = [`aisw-${other}-router`];
  let admin: Admin;

  /** A new admin client per look: one that knew the deleted topics fails its metadata refresh (kafkajs). */
  async function withAdmin<T>(use: (client: Admin) => Promise<T>): Promise<T> {
    const client = new Kafka({ brokers: TEST_KAFKA_BROKERS.split(','), clientId: 'purge-test-check', logLevel: logLevel.NOTHING }).admin();
    await client.connect();
    try {
      return await use(client);
    } finally {
      await client.disconnect();
    }
  }

  beforeAll(async () => {
    admin = new Kafka({ brokers: TEST_KAFKA_BROKERS.split(','), clientId: 'purge-test', logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    await admin.createTopics({ topics: [...ours, ...theirs].map((topic) => ({ topic, numPartitions: 1 })), waitForLeaders: true });
    // Committed offsets make a group exist (state Empty), as the app's groups are once the app has stopped.
    for (const groupId of [...ourGroups, ...theirGroups]) {
      const topic = groupId.includes('-other-') ? theirs[0] : ours[0];
      // The group coordinator may not know a topic created a moment ago yet: retry until it takes the offset.
      await waitFor(() => admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '0' }] }).then(() => true), (done) => done, { description: `offsets of ${groupId}` });
    }
  });

  afterAll(async () => {
    await admin.disconnect();
    await withAdmin(async (admin) => {
    const left = (await admin.listTopics()).filter((topic) => topic.startsWith(`${prefix}.`) || topic.startsWith(`${other}.`));
    if (left.length > 0) await admin.deleteTopics({ topics: left });
    const groups = (await admin.listGroups()).groups.map((group) => group.groupId).filter((groupId) => [...ourGroups, ...theirGroups].includes(groupId));
    if (groups.length > 0) await admin.deleteGroups(groups);
    });
  });

  it("deletes this prefix's topics and consumer groups, names them, and leaves another prefix's", async () => {
    const { stdout } = await run('node', [SCRIPT], { env: { ...process.env, KAFKA_BROKERS: TEST_KAFKA_BROKERS, KAFKA_TOPIC_PREFIX: prefix, KAFKA_CLIENT_ID: 'aisw' } });
    expect(stdout).toContain(`deleted 3 topic(s) with prefix ${prefix}.`);
    for (const name of [...ours, ...ourGroups]) expect(stdout).toContain(name);
    for (const name of [...theirs, ...theirGroups]) expect(stdout).not.toContain(name);

    const { topics, groups } = await withAdmin(async (client) => ({
      topics: await client.listTopics(),
      groups: (await client.listGroups()).groups.map((group) => group.groupId),
    }));
    expect(ours.filter((topic) => topics.includes(topic))).toEqual([]);
    expect(theirs.filter((topic) => topics.includes(topic))).toEqual(theirs); // order of theirs, whatever the listing order
    expect(ourGroups.filter((group) => groups.includes(group))).toEqual([]);
    expect(theirGroups.filter((group) => groups.includes(group))).toEqual(theirGroups);
  });

  it('refuses a prefix that is not a topic prefix of this app, deleting nothing', async () => {
    await expect(run('node', [SCRIPT], { env: { ...process.env, KAFKA_BROKERS: TEST_KAFKA_BROKERS, KAFKA_TOPIC_PREFIX: '.*' } })).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('KAFKA_TOPIC_PREFIX must match'),
    });
    expect((await withAdmin((client) => client.listTopics())).filter((topic) => theirs.includes(topic)).sort()).toEqual([...theirs].sort());
  });
});
