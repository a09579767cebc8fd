import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { loadDemoIncidents } from '../support/demo-incidents.js';
import { request } from '../support/http.js';
import type { RecordingPartner } from '../support/recording-partner.js';
import type { TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';
import { startWithSteadyPartner } from './support/steady-setup.js';
import { privateKafka, type PrivateKafka } from './support/private-kafka.js';

const FILINGS = 200;

/**
 * Issue 6, faults: the Kafka broker is stopped while 200 incidents are filed. Filing must not depend on the broker
 * (the transactional outbox keeps each accepted incident in PostgreSQL); once the broker is back, the partner
 * receives each alert exactly once (a repeat may only carry the same webhook-id).
 */
describe('Kafka broker down while incidents are filed', () => {
  let kafka: PrivateKafka;
  let sut: TestApp;
  let partner: RecordingPartner;
  let regulatorKey: string;

  beforeAll(async () => {
    kafka = await privateKafka();
    await kafka.start();
    ({ sut, partner, regulatorKey } = await startWithSteadyPartner('kafka-outage', { KAFKA_BROKERS: kafka.brokers, LOG_LEVEL: 'fatal' }));
  });

  afterAll(async () => {
    await sut?.close();
    await partner?.close();
    await kafka?.destroy();
  });

  it('accepts every filing while the broker is down and delivers each alert once after it returns', async () => {
    await kafka.stop();

    const shareable = loadDemoIncidents().filter((entry) => entry.filing.tlp === 'GREEN' || entry.filing.tlp === 'CLEAR');
    const statuses: number[] = [];
    const ids: string[] = [];
    for (let start = 0; start < FILINGS; start += 10) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(10, FILINGS - start) }, (_, offset) =>
          request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, {
            key: regulatorKey,
            body: { ...shareable[(start + offset) % shareable.length].filing, title: `Outage filing ${start + offset}` },
          }),
        ),
      );
      for (const response of batch) {
        statuses.push(response.status);
        ids.push(response.body.id);
      }
    }
    expect(statuses).toEqual(Array.from({ length: FILINGS }, () => 201));
    const stored = await sut.app.get(DataSource).query<Array<{ n: string }>>(
      'SELECT count(*) AS n FROM outbox_messages WHERE published_at IS NULL',
    );
    expect(Number(stored[0].n)).toBeGreaterThanOrEqual(FILINGS);

    await kafka.start();

    const received = await waitFor(
      async () => new Set(partner.alerts().map((alert) => alert.alertId)),
      (alertIds) => alertIds.size >= FILINGS,
      { description: `${FILINGS} distinct alerts at the partner`, timeoutMs: 240_000, intervalMs: 1_000 },
    );
    expect(received.size).toBe(FILINGS);

    // Exactly once per alert: every request for one alert carries one webhook-id, and no alert has two ids.
    const webhookIdsByAlert = new Map<string, Set<string>>();
    for (const entry of partner.received) {
      const alertId = (JSON.parse(entry.body) as { data: { alertId: string } }).data.alertId;
      const ids = webhookIdsByAlert.get(alertId) ?? new Set<string>();
      ids.add(String(entry.headers['webhook-id']));
      webhookIdsByAlert.set(alertId, ids);
    }
    expect([...webhookIdsByAlert.values()].filter((set) => set.size !== 1)).toEqual([]);
    // Every filed incident reached the partner.
    const delivered = await sut.app.get(DataSource).query<Array<{ incident_id: string }>>(
      `SELECT DISTINCT incident_id FROM deliveries WHERE status = 'delivered'`,
    );
    expect(new Set(delivered.map((row) => row.incident_id))).toEqual(new Set(ids));
  });
});
