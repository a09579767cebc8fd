import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { TEST_KAFKA_BROKERS, TEST_POSTGRES_URL } from './test-environment.js';

/** Drops this run's databases (aisw_test_<suffix>*) and deletes its topics (t-<suffix>*). */
export default async function globalTeardown(): Promise<void> {
  const database = process.env.AISW_TEST_DATABASE;
  const prefix = process.env.AISW_TEST_TOPIC_PREFIX;
  if (database) {
    const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await client.connect();
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${database}%`]);
    for (const row of rows) await client.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
    await client.end();
  }
  if (prefix) {
    const admin = new Kafka({ clientId: 'aisw-test-teardown', brokers: TEST_KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.disconnect();
  }
}
