import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { loadDemoIncidents } from '../support/demo-incidents.js';
import { request } from '../support/http.js';
import { databaseUrl, TEST_KAFKA_BROKERS } from '../support/test-environment.js';
import { waitFor } from '../support/wait-for.js';
import { issueKeyWithCli, startAppProcess, type AppEnvironment, type AppProcess } from './support/app-process.js';
import { startSlowPartner, type SlowPartner } from './support/slow-partner.js';
import { freePorts } from './support/free-ports.js';

const FILINGS = 30;

async function deliveryStatuses(url: string): Promise<Map<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ alert_id: string; status: string }>('SELECT alert_id, status FROM deliveries');
    return new Map(rows.map((row) => [row.alert_id, row.status]));
  } finally {
    await client.end();
  }
}

/** Files `count` shareable demo incidents through the process's API; returns the incident ids (all must be 201). */
async function fileIncidents(app: AppProcess, key: string, count: number, label: string): Promise<string[]> {
  const filings = loadDemoIncidents().filter((entry) => entry.filing.tlp === 'GREEN');
  const ids: string[] = [];
  for (let n = 0; n < count; n++) {
    const response = await request<{ id: string }>('POST', `${app.baseUrl}/incidents`, {
      key,
      body: { ...filings[n % filings.length].filing, title: `${label} ${n}` },
    });
    expect(response.status).toBe(201);
    ids.push(response.body.id);
  }
  return ids;
}

/**
 * Issue 6, faults: the app process killed while it dispatches webhooks (SIGKILL: after a restart nothing is lost, and
 * a partner sees a repeat only with the same webhook-id) and stopped gracefully (SIGTERM: in-flight deliveries finish
 * and are recorded before the process exits 0). Real processes (`node dist/src/main.js`), PostgreSQL and Kafka.
 */
describe('app process killed or stopped while dispatching', () => {
  let partner: SlowPartner;
  let environment: AppEnvironment;
  let adminKey: string;
  let regulatorKey: string;
  let app: AppProcess | undefined;
  const database = `${process.env.AISW_TEST_DATABASE}_app_crash`;

  beforeAll(async () => {
    partner = await startSlowPartner(400);
    environment = {
      NODE_ENV: 'test',
      PORT: String((await freePorts(1))[0]),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl(database),
      KAFKA_BROKERS: TEST_KAFKA_BROKERS,
      KAFKA_TOPIC_PREFIX: `${process.env.AISW_TEST_TOPIC_PREFIX}-app-crash`,
      LOG_LEVEL: 'warn',
      OUTBOX_POLL_INTERVAL_MS: '500',
      DELIVERY_POLL_INTERVAL_MS: '200',
      DELIVERY_RETRY_BASE_SECONDS: '1',
      DELIVERY_TIMEOUT_MS: '2000',
      WEBHOOK_ALLOWED_NETWORKS: '127.0.0.0/8',
    };
    app = await startAppProcess(environment);
    adminKey = await issueKeyWithCli(environment, 'admin');
    regulatorKey = await issueKeyWithCli(environment, 'regulator');
    const onboarded = await request('POST', `${app.baseUrl}/partners`, {
      key: adminKey,
      body: { slug: 'slow', name: 'Slow Single Window', country: 'DE', webhookUrl: partner.url },
    });
    expect(onboarded.status).toBe(201);
  });

  afterAll(async () => {
    await app?.stop('SIGKILL');
    await partner?.close();
  });

  it('loses nothing after SIGKILL mid-dispatch; a repeat carries the same webhook-id', async () => {
    const before = partner.requests.length;
    await fileIncidents(app!, regulatorKey, FILINGS, 'Crash filing');
    await waitFor(async () => partner.requests.length - before, (n) => n >= 3, { description: 'dispatching under way' });
    expect(await app!.stop('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
    const seenAtKill = new Set(partner.requests.map((entry) => entry.alertId));
    expect(seenAtKill.size).toBeLessThan(FILINGS); // the kill happened mid-dispatch

    app = await startAppProcess(environment);
    const statuses = await waitFor(
      () => deliveryStatuses(environment.DATABASE_URL),
      (map) => map.size === FILINGS && [...map.values()].every((status) => status === 'delivered'),
      { description: `${FILINGS} deliveries delivered after the restart`, timeoutMs: 120_000, intervalMs: 500 },
    );
    expect(statuses.size).toBe(FILINGS);
    const alertIds = new Set(partner.requests.map((entry) => entry.alertId));
    expect(alertIds).toEqual(new Set(statuses.keys()));
    const webhookIds = new Map<string, Set<string>>();
    for (const entry of partner.requests) webhookIds.set(entry.alertId, (webhookIds.get(entry.alertId) ?? new Set()).add(entry.webhookId));
    expect([...webhookIds.values()].filter((ids) => ids.size !== 1)).toEqual([]);
  });

  it('drains in-flight deliveries on SIGTERM before exiting; nothing it finished is sent again', async () => {
    const before = partner.requests.length;
    await fileIncidents(app!, regulatorKey, 10, 'Drain filing');
    await waitFor(async () => partner.requests.length - before, (n) => n >= 1, { description: 'a delivery in flight' });
    // Nest's shutdown hooks close the app (draining), then re-raise SIGTERM so the process ends by that signal.
    const exit = await app!.stop('SIGTERM');
    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
    expect(app!.output()).not.toMatch(/ERROR/);
    app = undefined;

    // The audit log was drained too: every filing accepted before SIGTERM has its entry (POST /incidents, 201).
    const client = new pg.Client({ connectionString: environment.DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query<{ id: string }>(
        `SELECT i.id FROM incidents i WHERE i.title LIKE 'Drain filing %'
            AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.action = 'POST /incidents' AND a.outcome_status = 201
                              AND a.resource_id = i.id::text)`,
      );
      expect(rows).toEqual([]);
    } finally {
      await client.end();
    }

    // Every request the partner answered before the process exited is recorded as delivered.
    const answered = partner.requests.slice(before).filter((entry) => entry.answeredAt !== undefined);
    expect(answered.length).toBeGreaterThanOrEqual(1);
    const statuses = await deliveryStatuses(environment.DATABASE_URL);
    expect(answered.filter((entry) => statuses.get(entry.alertId) !== 'delivered')).toEqual([]);

    // After a restart the rest is delivered, and what was drained is not sent again.
    const drained = new Set(answered.map((entry) => entry.alertId));
    const sentBeforeRestart = partner.requests.length;
    app = await startAppProcess(environment);
    await waitFor(
      () => deliveryStatuses(environment.DATABASE_URL),
      (map) => map.size === FILINGS + 10 && [...map.values()].every((status) => status === 'delivered'),
      { description: 'every delivery delivered after the restart', timeoutMs: 120_000, intervalMs: 500 },
    );
    expect(partner.requests.slice(sentBeforeRestart).filter((entry) => drained.has(entry.alertId))).toEqual([]);
  });

  it('stops an idle process within 3 s of SIGTERM and logs each shutdown step as JSON', async () => {
    await app!.stop('SIGKILL');
    // info level, so the shutdown lines are written; a partner is onboarded, so all four consumers run.
    const idle = await startAppProcess({ ...environment, LOG_LEVEL: 'log' });
    app = idle;
    // Idle: every consumer has joined its group and is waiting in a fetch (the wait that used to hold up shutdown).
    await waitFor(async () => (idle.output().match(/partner topic\(s\)/g) ?? []).length, (n) => n >= 2, { description: 'partner-topic consumers running' });
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const started = Date.now();
    const exit = await idle.stop('SIGTERM');
    const seconds = (Date.now() - started) / 1000;
    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
    expect(seconds).toBeLessThan(3);

    const lines = idle
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg: string; signal?: string; shutdownStep?: string; durationMs?: number });
    const messages = lines.map((line) => line.msg);
    expect(lines.find((line) => line.msg === 'shutdown started')).toMatchObject({ signal: 'SIGTERM' });
    const steps = lines.filter((line) => line.msg === 'shutdown step done');
    expect(steps.map((step) => step.shutdownStep)).toEqual(
      expect.arrayContaining([
        'kafka: disconnect 4 consumer(s) in parallel',
        'outbox relay: stop timer, drain the relay pass, disconnect producer',
        'webhook dispatcher: stop timer, drain in-flight attempts, close HTTP agent',
        'audit log: write the waiting entries',
      ]),
    );
    expect(steps.every((step) => typeof step.durationMs === 'number')).toBe(true);
    const complete = lines.find((line) => line.msg === 'shutdown complete');
    expect(complete).toMatchObject({ signal: 'SIGTERM' });
    expect(complete!.durationMs).toBeLessThan(3000);
    expect(messages.indexOf('shutdown started')).toBeLessThan(messages.indexOf('shutdown complete'));
    expect(messages).not.toContain('shutdown step failed');
    app = undefined;
  });
});
