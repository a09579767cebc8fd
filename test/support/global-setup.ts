import { randomBytes } from 'node:crypto';

// Jest loads global setup outside its module mapper, so this file imports packages only (no relative .js imports).

/**
 * Names this run's databases and topics (env AISW_TEST_DATABASE, AISW_TEST_TOPIC_PREFIX); each suite's app
 * creates and migrates its own database `<AISW_TEST_DATABASE>_<suite>` (createApp runs ensureDatabase and migrations).
 * Unless AISW_DATA_ENCRYPTION_KEYS is set, makes a random key for this run (id `test`), so secrets at rest are sealed
 * with a real key as in production.
 */
export default function globalSetup(): void {
  const suffix = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  process.env.AISW_TEST_DATABASE = `aisw_test_${suffix}`;
  process.env.AISW_TEST_TOPIC_PREFIX = `t-${suffix}`;
  if (!process.env.AISW_DATA_ENCRYPTION_KEYS && !process.env.AISW_DATA_ENCRYPTION_KEYS_FILE) {
    process.env.AISW_DATA_ENCRYPTION_KEYS = `test:${randomBytes(32).toString('base64')}`;
  }
}
