import { databaseUrl, uniqueSuffix } from './test-environment.js';

/**
 * Names this run's database and topic prefix (env AISW_TEST_DATABASE, AISW_TEST_TOPIC_PREFIX); the database is
 * created and migrated by the app itself in each suite (`createApp` runs ensureDatabase and migrations).
 */
export default function globalSetup(): void {
  const suffix = uniqueSuffix();
  process.env.AISW_TEST_DATABASE = `aisw_test_${suffix}`;
  process.env.AISW_TEST_TOPIC_PREFIX = `t-${suffix}`;
  process.env.DATABASE_URL = databaseUrl(process.env.AISW_TEST_DATABASE);
}
