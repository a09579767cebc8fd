import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { AlertSigner } from '../../src/signing/alert-signer.service.js';
import { loadDemoIncidents } from '../support/demo-incidents.js';
import { request } from '../support/http.js';
import { startRecordingPartner, type RecordingPartner } from '../support/recording-partner.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

const METRICS_TOKEN = 'scrape-token-for-tests-0123456789';

/** Value of one sample (`name{labels} value`) in a Prometheus text exposition, or undefined when absent. */
function sample(exposition: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([label, value]) => `${label}="${value}"`);
  for (const line of exposition.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = (match[2] ?? '').split(',');
    if (wanted.every((pair) => present.includes(pair))) return Number(match[3]);
  }
  return undefined;
}

/**
 * Operations against the running app: Prometheus metrics (access, and counters that move with real filings,
 * routing and webhook deliveries through Kafka), and rate limits per key and per IP (429 problem+json, Retry-After).
 */
describe('operations', () => {
  let sut: TestApp;
  let adminKey: string;
  let regulatorKey: string;
  let partner: RecordingPartner;
  const filing = loadDemoIncidents().find((entry) => entry.filing.tlp === 'GREEN')!.filing;

  const scrape = async (authorization = `Bearer ${METRICS_TOKEN}`): Promise<{ status: number; type: string | null; text: string }> => {
    const response = await fetch(`${sut.baseUrl}/metrics`, { headers: { authorization } });
    return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
  };

  beforeAll(async () => {
    sut = await startTestApp('operations', {
      METRICS_TOKEN,
      METRICS_CONSUMER_LAG_INTERVAL_MS: '300',
      RATE_LIMIT_PER_KEY: '25',
      RATE_LIMIT_PER_IP: '40',
      RATE_LIMIT_WINDOW_SECONDS: '60',
    });
    adminKey = await sut.issueKey('admin');
    regulatorKey = await sut.issueKey('regulator');
    partner = await startRecordingPartner([503]);
    const onboarded = await request('POST', `${sut.baseUrl}/partners`, {
      key: adminKey,
      body: { slug: 'watcher', name: 'Watcher Single Window', country: 'GB', webhookUrl: partner.url },
    });
    expect(onboarded.status).toBe(201);
  });

  afterAll(async () => {
    await sut?.close();
    await partner?.close();
  });

  it('runs parallel signing-key rotations one after another: each answers 201, one key stays active, all are published', async () => {
    const rotations = await Promise.all([1, 2, 3].map(() => request<{ kid: string }>('POST', `${sut.baseUrl}/signing-keys/rotate`, { key: adminKey })));
    expect(rotations.map((rotation) => rotation.status)).toEqual([201, 201, 201]);
    const active = await sut.app.get(DataSource).query<Array<{ kid: string }>>(`SELECT kid FROM signing_keys WHERE status = 'active'`);
    expect(active).toHaveLength(1);
    // What GET /.well-known/jwks.json publishes (read in process: an unauthenticated request would use up the per-IP
    // budget the next test counts).
    const published = (await sut.app.get(AlertSigner).jwks()).keys.map((key) => key.kid);
    expect(published).toEqual(expect.arrayContaining(rotations.map((rotation) => rotation.body.kid)));
    expect(rotations.map((rotation) => rotation.body.kid)).toContain(active[0].kid);
  });

  it('serves /metrics only to the metrics token or an admin key', async () => {
    const anonymous = await scrape('');
    expect(anonymous.status).toBe(401);
    expect(anonymous.type).toContain('application/problem+json');
    expect((await scrape(`Bearer ${regulatorKey}`)).status).toBe(403);
    expect((await scrape('Bearer not-the-token-but-long-enough')).status).toBe(401);
    const byAdmin = await scrape(`Bearer ${adminKey}`);
    expect(byAdmin.status).toBe(200);
    const byToken = await scrape();
    expect(byToken.status).toBe(200);
    expect(byToken.type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sample(byToken.text, 'aisw_process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(byToken.text).toContain('# TYPE aisw_classification_duration_seconds histogram');
  });

  it('counts filings, classification time, outbox, routing, webhook attempts and consumer lag of real traffic', async () => {
    const filed = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, {
      key: regulatorKey,
      body: filing,
      headers: { 'idempotency-key': 'ops-metrics-1' },
    });
    expect(filed.status).toBe(201);
    const replay = await request('POST', `${sut.baseUrl}/incidents`, { key: regulatorKey, body: filing, headers: { 'idempotency-key': 'ops-metrics-1' } });
    expect(replay.status).toBe(200);
    // The partner answers 503 first, then 204: one failed and one delivered attempt.
    const { text } = await waitFor(
      () => scrape(),
      ({ text: body }) =>
        sample(body, 'aisw_webhook_delivery_attempts_total', { status_class: '2xx', outcome: 'delivered' }) === 1 &&
        sample(body, 'aisw_kafka_consumer_lag_messages', { topic: `${sut.topicPrefix}.incident-events.v1` }) !== undefined,
      { description: 'a delivered webhook and a consumer lag sample', timeoutMs: 60_000 },
    );
    expect(sample(text, 'aisw_incident_filings_total', { outcome: 'created' })).toBe(1);
    expect(sample(text, 'aisw_incident_filings_total', { outcome: 'replayed' })).toBe(1);
    expect(sample(text, 'aisw_classification_duration_seconds_count')).toBe(1);
    expect(sample(text, 'aisw_classification_duration_seconds_sum')).toBeGreaterThan(0);
    expect(sample(text, 'aisw_outbox_published_total')).toBe(1);
    expect(sample(text, 'aisw_outbox_backlog_messages')).toBe(0);
    expect(sample(text, 'aisw_outbox_oldest_unpublished_age_seconds')).toBe(0);
    expect(sample(text, 'aisw_routing_events_total')).toBe(1);
    expect(sample(text, 'aisw_routing_alerts_total')).toBe(1);
    expect(sample(text, 'aisw_alert_log_records_total', { result: 'recorded' })).toBe(1);
    expect(sample(text, 'aisw_webhook_delivery_attempts_total', { status_class: '5xx', outcome: 'retry' })).toBe(1);
    expect(sample(text, 'aisw_webhook_delivery_duration_seconds_count', { status_class: '2xx' })).toBe(1);
    // The router group has consumed the one incident event: at most the transaction marker is left.
    const routerLag = sample(text, 'aisw_kafka_consumer_lag_messages', { topic: `${sut.topicPrefix}.incident-events.v1` });
    expect(routerLag).toBeLessThanOrEqual(1);
  });

  it('answers 429 problem+json with Retry-After once a key used its limit, while another key goes on', async () => {
    const busyKey = await sut.issueKey('analyst');
    const calmKey = await sut.issueKey('analyst');
    const statuses: number[] = [];
    for (let i = 0; i < 26; i += 1) statuses.push((await request('GET', `${sut.baseUrl}/taxonomy`, { key: busyKey })).status);
    expect(statuses.slice(0, 25).every((status) => status === 200)).toBe(true);
    const limited = await fetch(`${sut.baseUrl}/taxonomy`, { headers: { authorization: `Bearer ${busyKey}`, 'x-correlation-id': 'trace-429' } });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toContain('application/problem+json');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await limited.json()).toMatchObject({ status: 429, code: 'RATE_LIMIT.EXCEEDED', correlationId: 'trace-429' });
    expect((await request('GET', `${sut.baseUrl}/taxonomy`, { key: calmKey })).status).toBe(200);
  });

  it('limits requests without a valid key per IP, before authentication, and never limits health', async () => {
    // The two failed authentications on /metrics (first test) already count against this address: 38 of 40 are left.
    const statuses: number[] = [];
    for (let i = 0; i < 39; i += 1) {
      statuses.push((await request('GET', `${sut.baseUrl}/taxonomy`, { headers: { authorization: `Bearer guess-${i}` } })).status);
    }
    expect(statuses.slice(0, 38).every((status) => status === 401)).toBe(true);
    expect(statuses[38]).toBe(429);
    expect((await request('GET', `${sut.baseUrl}/public/alerts`)).status).toBe(429);
    for (let i = 0; i < 5; i += 1) expect((await request('GET', `${sut.baseUrl}/health/live`)).status).toBe(200);
    // Keys are counted apart from the IP: the regulator still files.
    expect((await request('GET', `${sut.baseUrl}/trends`, { key: regulatorKey })).status).toBe(200);
  });
});
