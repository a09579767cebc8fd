import { randomBytes } from 'node:crypto';

/** Server-level PostgreSQL URL for tests (database part replaced per run). */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_KAFKA_BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';

/** A fresh lower-case name suffix, so every run gets its own database and topics. */
export const uniqueSuffix = (): string => `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

/** DATABASE_URL for `database` on the test server. */
export function databaseUrl(database: string): string {
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${database}`;
  return url.toString();
}
