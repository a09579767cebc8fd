import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { incidentEventsTopic, partnerAcksTopic, partnerAlertsTopic } from '@app/contracts';
import { databaseUrl, TEST_KAFKA_BROKERS, uniqueSuffix } from '../support/test-environment.js';
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

/**
 * `bash scripts/federation-demo.sh --purge` on a broker it did not start deletes both windows' topics and consumer
 * groups (purge-kafka.mjs for `<FED_TOPIC_PREFIX>-a` and `-b`), not only their databases. Run from a copy of the
 * scripts, so its `.local/` (pid files, credentials) is a temporary one: a demo running in this checkout is left alone.
 */
describe('scripts/federation-demo.sh --purge', () => {
  const prefix = `fedpurge-${uniqueSuffix()}`;
  const ours = [incidentEventsTopic(`${prefix}-a`), partnerAlertsTopic(`${prefix}-a`, 'de-window'), incidentEventsTopic(`${prefix}-b`), partnerAcksTopic(`${prefix}-b`, 'fr-window')];
  const theirs = [incidentEventsTopic(`${prefix}-c`)];
  const ourGroups = [`aisw-${prefix}-a-router`, `aisw-${prefix}-b-acks`];
  let checkout: string;

  const withAdmin = async <T>(use: (client: Admin) => Promise<T>): Promise<T> => {
    const client = new Kafka({ brokers: TEST_KAFKA_BROKERS.split(','), clientId: 'federation-purge-test', logLevel: logLevel.NOTHING }).admin();
    await client.connect();
    try {
      return await use(client);
    } finally {
      await client.disconnect();
    }
  };

  beforeAll(async () => {
    checkout = await mkdtemp(join(tmpdir(), 'aisw-federation-purge-'));
    for (const file of ['scripts/federation-demo.sh', 'scripts/lib.sh', 'scripts/purge-kafka.mjs', 'deploy/kafka/_common.sh']) {
      await mkdir(join(checkout, file, '..'), { recursive: true });
      await cp(join(process.cwd(), file), join(checkout, file));
    }
    await symlink(join(process.cwd(), 'node_modules'), join(checkout, 'node_modules'));
    await withAdmin(async (client) => {
      await client.createTopics({ topics: [...ours, ...theirs].map((topic) => ({ topic, numPartitions: 1 })), waitForLeaders: true });
      for (const [index, groupId] of ourGroups.entries()) {
        await waitFor(() => client.setOffsets({ groupId, topic: ours[index * 2], partitions: [{ partition: 0, offset: '0' }] }).then(() => true), (done) => done, { description: `offsets of ${groupId}` });
      }
    });
  });

  afterAll(async () => {
    await withAdmin(async (client) => {
      const left = (await client.listTopics()).filter((topic) => topic.startsWith(`${prefix}-`));
      if (left.length > 0) await client.deleteTopics({ topics: left });
      const groups = (await client.listGroups()).groups.map((group) => group.groupId).filter((groupId) => ourGroups.includes(groupId));
      if (groups.length > 0) await client.deleteGroups(groups);
    });
    await rm(checkout, { recursive: true, force: true });
  });

  it("deletes both windows' topics and consumer groups on a broker it did not start, and no other prefix's", async () => {
    const server = new URL(databaseUrl('postgres'));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      KAFKA_BROKERS: TEST_KAFKA_BROKERS,
      KAFKA_CLIENT_ID: 'aisw',
      FED_TOPIC_PREFIX: prefix,
      FED_DATABASE_PREFIX: `fedpurge_${uniqueSuffix()}`,
      PGURL: `${server.protocol}//${server.username ? `${server.username}@` : ''}${server.host}`,
    };
    delete env.KAFKA_LOCAL_DIR;
    delete env.KAFKA_PORT;
    const { stdout } = await run('bash', [join(checkout, 'scripts', 'federation-demo.sh'), '--purge'], { env });
    for (const name of [...ours, ...ourGroups]) expect(stdout).toContain(name);
    const { topics, groups } = await withAdmin(async (client) => ({
      topics: await client.listTopics(),
      groups: (await client.listGroups()).groups.map((group) => group.groupId),
    }));
    expect(ours.filter((topic) => topics.includes(topic))).toEqual([]);
    expect(ourGroups.filter((group) => groups.includes(group))).toEqual([]);
    expect(theirs.filter((topic) => topics.includes(topic))).toEqual(theirs);
  });
});
