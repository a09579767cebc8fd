import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import type { Role } from '../../src/auth/api-key.entity.js';
import { ApiKeysService } from '../../src/auth/api-keys.service.js';
import { createApp } from '../../src/bootstrap.js';
import { databaseUrl, TEST_KAFKA_BROKERS } from './test-environment.js';

/** A running app on an ephemeral port against the real PostgreSQL and Kafka. */
export interface TestApp {
  app: INestApplication;
  baseUrl: string;
  topicPrefix: string;
  issueKey(role: Exclude<Role, 'partner'>): Promise<string>;
  close(): Promise<void>;
}

/**
 * Starts the whole app (HTTP, outbox relay, router, alert log, dispatcher) with this run's database and a topic
 * prefix of its own (`name` keeps suites apart). Environment overrides win.
 */
export async function startTestApp(name: string, overrides: Record<string, string> = {}): Promise<TestApp> {
  const database = process.env.AISW_TEST_DATABASE;
  const runPrefix = process.env.AISW_TEST_TOPIC_PREFIX;
  if (!database || !runPrefix) throw new Error('test/support/global-setup.ts did not run');
  const topicPrefix = `${runPrefix}-${name}`;
  const app = await createApp({
    DATABASE_URL: databaseUrl(`${database}_${name.replace(/-/g, '_')}`),
    KAFKA_BROKERS: TEST_KAFKA_BROKERS,
    KAFKA_TOPIC_PREFIX: topicPrefix,
    LOG_LEVEL: 'warn',
    OUTBOX_POLL_INTERVAL_MS: '500',
    DELIVERY_POLL_INTERVAL_MS: '200',
    DELIVERY_RETRY_BASE_SECONDS: '1',
    // Partner endpoints in tests listen on loopback, which webhooks may not reach by default (SSRF protection).
    WEBHOOK_ALLOWED_NETWORKS: '127.0.0.0/8',
    ...overrides,
  });
  await app.listen(0, '127.0.0.1');
  const address = (app.getHttpServer() as Server).address() as AddressInfo;
  return {
    app,
    baseUrl: `http://127.0.0.1:${address.port}`,
    topicPrefix,
    issueKey: async (role) => (await app.get(ApiKeysService).issue({ name: `test ${role}`, role })).key,
    close: () => app.close(),
  };
}
