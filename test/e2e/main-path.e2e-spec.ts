import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Kafka, logLevel } from 'kafkajs';
import { Webhook } from 'standardwebhooks';
import { createReceiverServer, type ReceiverServer } from '../../src/demo-partner/alert-receiver.js';
import { loadDemoIncidents, type DemoIncident } from '../support/demo-incidents.js';
import { request } from '../support/http.js';
import { TEST_KAFKA_BROKERS } from '../support/test-environment.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

interface IncidentView {
  incident: { id: string; title: string; tlp: string };
  classification: { classifierVersion: string; mechanism: { label: string } } | null;
  deliveries: Array<{ partnerName: string; alertId: string; status: string; attempts: number; acknowledgedAt: string | null }>;
}

/**
 * The main job end to end, through the real PostgreSQL and the real Kafka broker: a regulator files real
 * incidents; they are classified, stored, published, routed to a partner's topic, delivered by signed webhook to
 * a separate receiver that verifies and acknowledges, and counted in the monthly trend.
 */
describe('main path: file → classify → Kafka → route → webhook → acknowledge → trend', () => {
  let sut: TestApp;
  let receiver: ReceiverServer;
  let receiverDir: string;
  let adminKey: string;
  let regulatorKey: string;
  let partner: { id: string; kafkaTopic: string; webhookSecret: string; apiKey: string };
  const filed: Array<{ id: string; demo: DemoIncident }> = [];
  const demo = loadDemoIncidents()
    .filter((entry) => entry.filing.tlp !== 'RED')
    .slice(0, 5);

  beforeAll(async () => {
    sut = await startTestApp('main-path');
    adminKey = await sut.issueKey('admin');
    regulatorKey = await sut.issueKey('regulator');
    receiverDir = await mkdtemp(join(tmpdir(), 'aisw-partner-'));
    // The partner's secret exists only after onboarding, and onboarding needs the receiver's URL: bind a port
    // first with a throwaway secret, then restart the receiver on that port with the real one.
    const probe = await createReceiverServer({ partnerName: 'probe', webhookSecret: `whsec_${Buffer.alloc(32, 1).toString('base64')}`, outDir: receiverDir });
    const port = await probe.listen(0, '127.0.0.1');
    await probe.close();
    const onboarded = await request<typeof partner>('POST', `${sut.baseUrl}/partners`, {
      key: adminKey,
      body: { slug: 'demo-partner-a', name: 'Demo Single Window A', country: 'SG', webhookUrl: `http://127.0.0.1:${port}/webhooks/alerts` },
    });
    expect(onboarded.status).toBe(201);
    partner = onboarded.body;
    receiver = await createReceiverServer({
      partnerName: 'demo-partner-a',
      webhookSecret: partner.webhookSecret,
      outDir: receiverDir,
      appUrl: sut.baseUrl,
      partnerApiKey: partner.apiKey,
    });
    await receiver.listen(port, '127.0.0.1');
  }, 60_000);

  afterAll(async () => {
    await receiver?.close();
    await sut?.close();
    if (receiverDir) await rm(receiverDir, { recursive: true, force: true });
  });

  it('answers 201 with the id and Location for each filed real incident', async () => {
    for (const entry of demo) {
      const response = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, {
        key: regulatorKey,
        body: entry.filing,
        headers: { 'idempotency-key': `${entry.provenance.dataset}-${entry.provenance.id}-${String(entry.filing.language)}`.replace(/[^A-Za-z0-9._:-]/g, '-') },
      });
      expect(response.status).toBe(201);
      expect(response.headers.get('location')).toBe(`/incidents/${response.body.id}`);
      filed.push({ id: response.body.id, demo: entry });
    }
    expect(filed).toHaveLength(demo.length);
  });

  it('delivers one signed alert per incident to the partner, which verifies and acknowledges it', async () => {
    await waitFor(async () => receiver.store.count, (count) => count >= filed.length, { description: 'alerts at the partner', timeoutMs: 45_000 });
    expect(receiver.store.count).toBe(filed.length);
    const views = await waitFor(
      () => Promise.all(filed.map(({ id }) => request<IncidentView>('GET', `${sut.baseUrl}/incidents/${id}`, { key: regulatorKey }).then((r) => r.body))),
      // The partner acknowledges as soon as it has the alert, so its acknowledgement can be recorded a moment before
      // the dispatcher records the attempt that delivered it: wait for both.
      (all) => all.every((view) => view.deliveries[0]?.acknowledgedAt && view.deliveries[0].attempts === 1),
      { description: 'acknowledgements and delivery attempts recorded on every incident' },
    );
    for (const [index, view] of views.entries()) {
      expect(view.incident.title).toBe(filed[index].demo.filing.title);
      expect(view.classification?.classifierVersion).toMatch(/^\d+\.\d+\.\d+$/);
      expect(view.deliveries).toEqual([
        expect.objectContaining({ partnerName: 'Demo Single Window A', status: 'delivered', attempts: 1 }),
      ]);
    }
  });

  it('writes the alerts to the partner topic as CloudEvents (binary mode) keyed by incident id', async () => {
    const kafka = new Kafka({ clientId: 'aisw-e2e-reader', brokers: TEST_KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: `${sut.topicPrefix}-reader`, readUncommitted: false });
    const seen: Array<{ key: string; type: string; id: string; subject: string }> = [];
    await consumer.connect();
    await consumer.subscribe({ topics: [partner.kafkaTopic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        seen.push({
          key: message.key?.toString() ?? '',
          type: message.headers?.ce_type?.toString() ?? '',
          id: message.headers?.ce_id?.toString() ?? '',
          subject: message.headers?.ce_subject?.toString() ?? '',
        });
      },
    });
    await waitFor(async () => seen.length, (n) => n >= filed.length, { description: 'alerts on the partner topic' });
    await consumer.disconnect();
    expect(seen.map((message) => message.key).sort()).toEqual(filed.map(({ id }) => id).sort());
    expect(new Set(seen.map((message) => message.type))).toEqual(new Set(['org.aisw.alert.v1']));
    expect(seen.every((message) => message.subject === message.key)).toBe(true);
    const deliveredIds = (await request<IncidentView>('GET', `${sut.baseUrl}/incidents/${filed[0].id}`, { key: regulatorKey })).body.deliveries.map((d) => d.alertId);
    expect(seen.map((message) => message.id)).toEqual(expect.arrayContaining(deliveredIds));
  });

  it('signs each webhook so that the partner secret verifies it and a wrong secret does not', async () => {
    const stored = receiver.store.list()[0];
    expect(stored.verified).toBe(true);
    expect(stored.signatureVerified).toBe(true);
    expect(stored.kid).toBeTruthy();
    const forged = new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`);
    const body = JSON.stringify(stored.event);
    const timestamp = new Date();
    const response = await fetch(`http://127.0.0.1:${(receiver.server.address() as { port: number }).port}/webhooks/alerts`, {
      method: 'POST',
      headers: {
        'webhook-id': 'forged-1',
        'webhook-timestamp': Math.floor(timestamp.getTime() / 1000).toString(),
        'webhook-signature': forged.sign('forged-1', timestamp, body),
      },
      body,
    });
    expect(response.status).toBe(401);
    expect(receiver.store.count).toBe(filed.length);
  });

  it('counts the filed incidents by month and mechanism in GET /trends', async () => {
    const dates = filed.map(({ demo: entry }) => String(entry.filing.occurredAt).slice(0, 10)).sort();
    const response = await request<{ totals: Record<string, number>; buckets: Array<{ period: string; total: number }> }>(
      'GET',
      `${sut.baseUrl}/trends?interval=month&groupBy=mechanism&from=${dates[0]}&to=${dates[dates.length - 1]}`,
      { key: regulatorKey },
    );
    expect(response.status).toBe(200);
    expect(Object.values(response.body.totals).reduce((a, b) => a + b, 0)).toBe(filed.length);
    const expectedPerMonth = new Map<string, number>();
    for (const date of dates) expectedPerMonth.set(`${date.slice(0, 7)}-01`, (expectedPerMonth.get(`${date.slice(0, 7)}-01`) ?? 0) + 1);
    for (const [period, count] of expectedPerMonth) {
      expect(response.body.buckets.find((bucket) => bucket.period === period)?.total).toBe(count);
    }
  });
});
