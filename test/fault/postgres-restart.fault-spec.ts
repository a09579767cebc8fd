import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { loadDemoIncidents } from '../support/demo-incidents.js';
import { request } from '../support/http.js';
import type { RecordingPartner } from '../support/recording-partner.js';
import type { TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';
import { startWithSteadyPartner } from './support/steady-setup.js';
import { privatePostgres, type PrivatePostgres } from './support/private-postgres.js';

interface Outcome {
  status: number;
  id?: string;
  code?: string;
  retryAfter: string | null;
}

/**
 * Issue 6, faults: PostgreSQL restarted while incidents are being filed. While it is down the app answers a clear
 * 503 (problem+json, Retry-After), never a 500; no incident that got a 201 is lost; the app recovers by itself.
 */
describe('PostgreSQL restarted under load', () => {
  let postgres: PrivatePostgres;
  let sut: TestApp;
  let partner: RecordingPartner;
  let regulatorKey: string;
  const database = `aisw_fault_pg_${Date.now().toString(36)}`;

  beforeAll(async () => {
    postgres = await privatePostgres();
    await postgres.start();
    ({ sut, partner, regulatorKey } = await startWithSteadyPartner('pg-restart', { DATABASE_URL: postgres.url(database), LOG_LEVEL: 'error' }));
  });

  afterAll(async () => {
    await sut?.close();
    await partner?.close();
    await postgres?.destroy();
  });

  it('answers 503 while the database is down, keeps every accepted incident and recovers without a restart', async () => {
    const filings = loadDemoIncidents().filter((entry) => entry.filing.tlp === 'GREEN');
    const outcomes: Outcome[] = [];
    let running = true;
    let sequence = 0;
    const file = async (): Promise<void> => {
      while (running) {
        const n = sequence++;
        try {
          const response = await request<{ id?: string; code?: string }>('POST', `${sut.baseUrl}/incidents`, {
            key: regulatorKey,
            body: { ...filings[n % filings.length].filing, title: `Restart filing ${n}` },
          });
          outcomes.push({ status: response.status, id: response.body?.id, code: response.body?.code, retryAfter: response.headers.get('retry-after') });
        } catch {
          outcomes.push({ status: 0, retryAfter: null });
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    const workers = Array.from({ length: 4 }, () => file());

    await waitFor(async () => outcomes.filter((o) => o.status === 201).length, (n) => n >= 20, { description: '20 filings before the restart' });
    await postgres.stop();
    const downSince = outcomes.length;
    const whileDown = await waitFor(
      async () => outcomes.slice(downSince),
      (answers) => answers.filter((o) => o.status === 503).length >= 10,
      { description: '503 answers while PostgreSQL is down' },
    );
    expect(whileDown.filter((o) => o.status === 503).length).toBeGreaterThanOrEqual(10);
    const health = await request<{ code: string }>('GET', `${sut.baseUrl}/health`);
    expect(health.status).toBe(503);
    await postgres.start();
    const upSince = outcomes.length;
    await waitFor(async () => outcomes.slice(upSince).filter((o) => o.status === 201).length, (n) => n >= 20, {
      description: '20 filings after the restart',
      timeoutMs: 60_000,
    });
    running = false;
    await Promise.all(workers);

    // Clear answers only: 201 or 503 problem+json with Retry-After; never a 500 or a dropped connection.
    expect(outcomes.filter((o) => o.status !== 201 && o.status !== 503)).toEqual([]);
    for (const outcome of outcomes.filter((o) => o.status === 503)) {
      expect(outcome.code).toBe('DATABASE.UNAVAILABLE');
      expect(outcome.retryAfter).toMatch(/^\d+$/);
    }

    // No accepted incident lost: every 201 is stored and reaches the partner.
    const accepted = outcomes.filter((o) => o.status === 201).map((o) => o.id!);
    const client = new pg.Client({ connectionString: postgres.url(database) });
    await client.connect();
    try {
      const stored = await client.query<{ id: string }>('SELECT id FROM incidents WHERE id = ANY($1::uuid[])', [accepted]);
      expect(stored.rows.length).toBe(accepted.length);
    } finally {
      await client.end();
    }
    const reached = await waitFor(
      async () => new Set(partner.alerts().map((alert) => (alert as unknown as { incident: { id: string } }).incident.id)),
      (ids) => accepted.every((id) => ids.has(id)),
      { description: 'every accepted incident at the partner', timeoutMs: 120_000, intervalMs: 1_000 },
    );
    expect(accepted.filter((id) => !reached.has(id))).toEqual([]);
  });
});
