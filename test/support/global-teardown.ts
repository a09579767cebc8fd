import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';

// Jest loads global teardown outside its module mapper, so this file imports packages only.

/** Drops this run's databases (aisw_test_<suffix>*) and deletes its topics (t-<suffix>*). */
export default async function globalTeardown(): Promise<void> {
  const database = process.env.AISW_TEST_DATABASE;
  const prefix = process.env.AISW_TEST_TOPIC_PREFIX;
  if (database) {
    const client = new pg.Client({ connectionString: process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' });
    await client.connect();
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${database}%`]);
    for (const row of rows) await client.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
    await client.end();
  }
  if (prefix) {
    const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
    const admin = new Kafka({ clientId: 'aisw-test-teardown', brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.disconnect();
  }
}
