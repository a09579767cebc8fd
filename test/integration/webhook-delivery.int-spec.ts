import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Webhook } from 'standardwebhooks';
import { Kafka, logLevel } from 'kafkajs';
import { DataSource } from 'typeorm';
import { incidentEventsTopic } from '@app/contracts';
import { loadDemoIncidents } from '../support/demo-incidents.js';
import { request } from '../support/http.js';
import { startRecordingPartner, type RecordingPartner } from '../support/recording-partner.js';
import { TEST_KAFKA_BROKERS } from '../support/test-environment.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

/** Webhook delivery and routing rules through the real Kafka topics and PostgreSQL. */
describe('webhook delivery', () => {
  let sut: TestApp;
  let adminKey: string;
  let regulatorKey: string;
  let flaky: RecordingPartner;
  let picky: RecordingPartner;
  let flakySecret: string;
  const incident = loadDemoIncidents().find((entry) => entry.filing.tlp === 'GREEN')!.filing;

  beforeAll(async () => {
    sut = await startTestApp('delivery');
    adminKey = await sut.issueKey('admin');
    regulatorKey = await sut.issueKey('regulator');
    flaky = await startRecordingPartner([503, 500]);
    picky = await startRecordingPartner();
    const onboarded = await request<{ webhookSecret: string }>('POST', `${sut.baseUrl}/partners`, {
      key: adminKey,
      body: { slug: 'flaky', name: 'Flaky Single Window', country: 'GB', webhookUrl: flaky.url },
    });
    expect(onboarded.status).toBe(201);
    flakySecret = onboarded.body.webhookSecret;
    const pickyOnboarded = await request('POST', `${sut.baseUrl}/partners`, {
      key: adminKey,
      body: { slug: 'picky', name: 'Picky Single Window', country: 'FR', webhookUrl: picky.url, subscriptions: [{ countries: ['AQ'] }] },
    });
    expect(pickyOnboarded.status).toBe(201);
  });

  afterAll(async () => {
    await sut?.close();
    await flaky?.close();
    await picky?.close();
  });

  it('retries a failing partner with the same webhook-id until it accepts, and logs every attempt', async () => {
    const filed = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, { key: regulatorKey, body: { ...incident, country: 'GB' } });
    expect(filed.status).toBe(201);
    await waitFor(async () => flaky.received.length, (n) => n >= 3, { description: 'three attempts at the flaky partner', timeoutMs: 60_000 });
    const ids = new Set(flaky.received.map((entry) => entry.headers['webhook-id']));
    expect(ids.size).toBe(1);
    for (const entry of flaky.received) {
      expect(() => new Webhook(flakySecret).verify(entry.body, entry.headers as Record<string, string>)).not.toThrow();
    }
    const attempts = await waitFor(
      () =>
        sut.app
          .get(DataSource)
          .query<Array<{ status_code: number; outcome: string }>>(
            'SELECT a.status_code, a.outcome FROM delivery_attempts a JOIN deliveries d USING (alert_id) WHERE d.incident_id = $1 ORDER BY a.id',
            [filed.body.id],
          ),
      (rows) => rows.length === 3,
      { description: 'three logged attempts' },
    );
    expect(attempts).toEqual([
      { status_code: 503, outcome: 'retry' },
      { status_code: 500, outcome: 'retry' },
      { status_code: 204, outcome: 'delivered' },
    ]);
    const view = await request<{ deliveries: Array<{ alertId: string; status: string; attempts: number }> }>(
      'GET',
      `${sut.baseUrl}/incidents/${filed.body.id}`,
      { key: regulatorKey },
    );
    expect(view.body.deliveries).toEqual([expect.objectContaining({ alertId: [...ids][0], status: 'delivered', attempts: 3 })]);
  });

  it('sends nothing to a partner whose subscription does not match, nor anything RED to anyone', async () => {
    const red = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, { key: regulatorKey, body: { ...incident, tlp: 'RED' } });
    const green = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, { key: regulatorKey, body: { ...incident, country: 'DE' } });
    expect([red.status, green.status]).toEqual([201, 201]);
    const greenView = await waitFor(
      () => request<{ deliveries: Array<{ partnerName: string }> }>('GET', `${sut.baseUrl}/incidents/${green.body.id}`, { key: regulatorKey }),
      (response) => response.body.deliveries.length > 0,
      { description: 'the GREEN incident routed' },
    );
    expect(greenView.body.deliveries.map((delivery) => delivery.partnerName)).toEqual(['Flaky Single Window']);
    // Incidents land on different partitions, so wait until the router's committed offsets reach the end of every
    // partition of the incident topic: then the RED event has been routed (to nobody).
    const admin = new Kafka({ clientId: 'aisw-test-lag', brokers: TEST_KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const topic = incidentEventsTopic(sut.topicPrefix);
    await waitFor(
      async () => {
        const [ends, [committed]] = await Promise.all([
          admin.fetchTopicOffsets(topic),
          admin.fetchOffsets({ groupId: `aisw-${sut.topicPrefix}-router`, topics: [topic] }),
        ]);
        return ends.every(
          (end) => end.high === '0' || committed.partitions.find((p) => p.partition === end.partition)?.offset === end.high,
        );
      },
      (caughtUp) => caughtUp,
      { description: 'the router caught up with every incident event' },
    );
    await admin.disconnect();
    const redView = await request<{ deliveries: unknown[] }>('GET', `${sut.baseUrl}/incidents/${red.body.id}`, { key: regulatorKey });
    expect(redView.body.deliveries).toEqual([]);
    expect(picky.received).toEqual([]);
  });

  it('refuses a literal loopback, link-local or private webhook address outside the allow-list at onboarding and on PATCH, naming webhookUrl', async () => {
    const partnersBefore = (await request<{ items: unknown[] }>('GET', `${sut.baseUrl}/partners`, { key: adminKey })).body.items.length;
    const cases: Array<[string, RegExp]> = [
      ['http://169.254.169.254/latest/meta-data', /^169\.254\.169\.254 is a link-local address that is not allow-listed/],
      ['https://10.1.2.3/hook', /^10\.1\.2\.3 is a private address/],
      ['http://[::1]:4000/hook', /^::1 is a loopback address/], // the tests allow 127.0.0.0/8 only
    ];
    for (const [webhookUrl, reason] of cases) {
      const refused = await request<{ errors?: Array<{ field: string; messages: string[] }> }>('POST', `${sut.baseUrl}/partners`, {
        key: adminKey,
        body: { slug: 'ssrf', name: 'SSRF attempt', country: 'US', webhookUrl },
      });
      expect([refused.status, refused.body.errors?.map((error) => error.field)]).toEqual([400, ['webhookUrl']]);
      expect(refused.body.errors?.[0].messages[0]).toMatch(reason);
    }
    const partners = await request<{ items: Array<{ id: string; slug: string; webhookUrl: string }> }>('GET', `${sut.baseUrl}/partners`, { key: adminKey });
    expect(partners.body.items).toHaveLength(partnersBefore);
    const pickyPartner = partners.body.items.find((partner) => partner.slug === 'picky')!;
    const patched = await request<{ errors?: Array<{ field: string }> }>('PATCH', `${sut.baseUrl}/partners/${pickyPartner.id}`, {
      key: adminKey,
      body: { name: 'Renamed', webhookUrl: 'http://192.168.1.10/hook' },
    });
    expect([patched.status, patched.body.errors?.map((error) => error.field)]).toEqual([400, ['webhookUrl']]);
    const unchanged = await request<{ name: string; webhookUrl: string }>('GET', `${sut.baseUrl}/partners/${pickyPartner.id}`, { key: adminKey });
    expect([unchanged.body.name, unchanged.body.webhookUrl]).toEqual(['Picky Single Window', picky.url]);
  });

  it('refuses a destination outside the allow-list (cloud metadata address) at delivery without connecting, and says why', async () => {
    // Registration refuses a literal metadata address; a stored one stands for a hostname whose DNS answer changed
    // after registration (or a URL stored before registration checked), which only the delivery-time guard can catch.
    const onboarded = await request<{ id: string }>('POST', `${sut.baseUrl}/partners`, {
      key: adminKey,
      body: { slug: 'metadata', name: 'Metadata grabber', country: 'US', webhookUrl: 'https://metadata.aisw.example/hook', subscriptions: [{ countries: ['NZ'] }] },
    });
    expect(onboarded.status).toBe(201);
    await sut.app.get(DataSource).query(`UPDATE partners SET webhook_url = 'http://169.254.169.254/latest/meta-data' WHERE id = $1`, [onboarded.body.id]);
    const filed = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, { key: regulatorKey, body: { ...incident, country: 'NZ' } });
    const view = await waitFor(
      () => request<{ deliveries: Array<{ partnerName: string; attempts: number; lastError: string | null }> }>('GET', `${sut.baseUrl}/incidents/${filed.body.id}`, { key: regulatorKey }),
      (response) => response.body.deliveries.some((delivery) => delivery.partnerName === 'Metadata grabber' && delivery.attempts > 0),
      { description: 'a refused attempt' },
    );
    const refused = view.body.deliveries.find((delivery) => delivery.partnerName === 'Metadata grabber');
    expect(refused?.lastError).toMatch(/^destination refused: 169\.254\.169\.254 resolves to 169\.254\.169\.254, a link-local address/);
  });

  it('stops at 410 Gone and redelivers on an admin request with the same webhook-id', async () => {
    const gone = await startRecordingPartner([410]);
    try {
      const onboarded = await request<{ id: string }>('POST', `${sut.baseUrl}/partners`, {
        key: adminKey,
        body: { slug: 'gone', name: 'Gone Single Window', country: 'JP', webhookUrl: gone.url, subscriptions: [{ countries: ['JP'] }] },
      });
      const filed = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, { key: regulatorKey, body: { ...incident, country: 'JP' } });
      const dead = await waitFor(
        () => request<{ deliveries: Array<{ partnerName: string; status: string; lastError: string | null }> }>('GET', `${sut.baseUrl}/incidents/${filed.body.id}`, { key: regulatorKey }),
        (response) => response.body.deliveries.some((delivery) => delivery.partnerName === 'Gone Single Window' && delivery.status === 'dead'),
        { description: 'the delivery dead-lettered after 410' },
      );
      expect(dead.body.deliveries.find((delivery) => delivery.partnerName === 'Gone Single Window')).toMatchObject({ status: 'dead', lastError: 'HTTP 410' });
      expect(gone.received).toHaveLength(1);
      const redelivery = await request<{ requeued: number }>('POST', `${sut.baseUrl}/partners/${onboarded.body.id}/redeliveries`, { key: adminKey, body: {} });
      expect(redelivery.body.requeued).toBe(1);
      await waitFor(async () => gone.received.length, (n) => n === 2, { description: 'the redelivery' });
      expect(gone.received[1].headers['webhook-id']).toBe(gone.received[0].headers['webhook-id']);
    } finally {
      await gone.close();
    }
  });
});
