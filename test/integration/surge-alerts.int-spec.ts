import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { Webhook } from 'standardwebhooks';
import { DataSource } from 'typeorm';
import { EventTypes, SURGE_ALERT_EVENT_V1_SCHEMA, type SurgeAlertData } from '@app/contracts';
import { verifyAlertSignature } from '@app/partner-sdk';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createReceiverServer, type ReceiverServer } from '../../src/demo-partner/alert-receiver.js';
import { SurgeSignalRecorder } from '../../src/signals/surge-signal.recorder.js';
import { request } from '../support/http.js';
import { startRecordingPartner, type RecordingPartner } from '../support/recording-partner.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

/** A loopback port free right now (the kernel's pick for a listener that is closed at once). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

interface Onboarded {
  id: string;
  apiKey: string;
  webhookSecret: string;
}
interface StoredSignal {
  id: string;
  dimension: string;
  value: string;
}

/**
 * Surge alerts to partners (SURGE_ALERTS_ENABLED) through the real outbox, Kafka router, alert log and webhook
 * dispatcher: four DE finance incidents in one week after empty weeks are an EARS C2 onset surge of country=DE (and of
 * every other category the four share). Partners opt in per subscription with `trendSignals`.
 */
describe('surge alerts to subscribed partners', () => {
  let sut: TestApp;
  let dataSource: DataSource;
  let adminKey: string;
  let everything: RecordingPartner;
  let germany: RecordingPartner;
  let notOptedIn: RecordingPartner;
  let demoPartner: ReceiverServer;
  let demoPartnerDir: string;
  const onboarded: Record<string, Onboarded> = {};
  let signals: StoredSignal[] = [];

  const surgeAlerts = (partner: RecordingPartner) => partner.received.filter((entry) => (JSON.parse(entry.body) as { type: string }).type === EventTypes.surgeAlert);
  const surgeDeliveries = () =>
    dataSource.query<Array<{ slug: string; signal_id: string; status: string; ack_due_at: Date | null }>>(
      `SELECT p.slug, d.signal_id, d.status, d.ack_due_at FROM deliveries d JOIN partners p ON p.id = d.partner_id
        WHERE d.signal_id IS NOT NULL ORDER BY p.slug, d.signal_id`,
    );

  beforeAll(async () => {
    sut = await startTestApp('surge-alerts', { SURGE_ALERTS_ENABLED: 'true', SURGE_DETECTION_INTERVAL_MS: '0' });
    dataSource = sut.app.get(DataSource);
    adminKey = await sut.issueKey('admin');
    const regulatorKey = await sut.issueKey('regulator');
    [everything, germany, notOptedIn] = await Promise.all([startRecordingPartner(), startRecordingPartner(), startRecordingPartner()]);
    const partners: Array<[string, Record<string, unknown>]> = [
      ['everything', { webhookUrl: everything.url, subscriptions: [{ all: true, trendSignals: true }] }],
      ['germany', { webhookUrl: germany.url, subscriptions: [{ countries: ['DE'], trendSignals: true }] }],
      ['not-opted-in', { webhookUrl: notOptedIn.url }],
      ['kafka-reader', { subscriptions: [{ trendSignals: true, countries: ['DE'] }] }],
      // The demo partner single window (src/demo-partner, as `npm run up` starts it); its webhook is set once it runs.
      ['demo-partner', { subscriptions: [{ trendSignals: true, countries: ['DE'] }] }],
    ];
    for (const [slug, body] of partners) {
      const response = await request<Onboarded>('POST', `${sut.baseUrl}/partners`, {
        key: adminKey,
        body: { slug, name: `Single window ${slug}`, country: 'FR', ...body },
      });
      expect(response.status).toBe(201);
      onboarded[slug] = response.body;
    }
    const subscriptions = async (slug: string) =>
      (await request<{ subscriptions: unknown[] }>('GET', `${sut.baseUrl}/partners/${onboarded[slug].id}`, { key: adminKey })).body.subscriptions;
    // Its webhook secret comes with its first webhook URL (PATCH), so the receiver starts on a port picked beforehand.
    const demoPort = await freePort();
    const webhook = await request<{ webhookSecret: string }>('PATCH', `${sut.baseUrl}/partners/${onboarded['demo-partner'].id}`, {
      key: adminKey,
      body: { webhookUrl: `http://127.0.0.1:${demoPort}/webhooks/alerts` },
    });
    expect(webhook.status).toBe(200);
    demoPartnerDir = await mkdtemp(join(tmpdir(), 'aisw-demo-partner-'));
    demoPartner = await createReceiverServer({
      partnerName: 'demo-partner',
      webhookSecret: webhook.body.webhookSecret,
      partnerApiKey: onboarded['demo-partner'].apiKey,
      appUrl: sut.baseUrl,
      outDir: demoPartnerDir,
    });
    await demoPartner.listen(demoPort, '127.0.0.1');
    expect(await subscriptions('germany')).toEqual([expect.objectContaining({ countries: ['DE'], trendSignals: true })]);
    expect(await subscriptions('not-opted-in')).toEqual([expect.objectContaining({ trendSignals: false })]);
    for (const day of ['2026-08-11', '2026-08-12', '2026-08-13', '2026-08-14']) {
      const filed = await request('POST', `${sut.baseUrl}/incidents`, {
        key: regulatorKey,
        body: {
          title: 'Chatbot gave wrong refund advice',
          description: 'A customer service chatbot invented a refund policy and customers lost money.',
          occurredAt: day,
          country: 'DE',
          language: 'en',
          sector: 'finance',
          reportingOrganisation: 'Test regulator',
          tlp: 'GREEN',
        },
      });
      expect(filed.status).toBe(201);
    }
  });

  afterAll(async () => {
    await sut?.close();
    await Promise.all([everything, germany, notOptedIn, demoPartner].map((partner) => partner?.close()));
    if (demoPartnerDir) await rm(demoPartnerDir, { recursive: true, force: true });
  });

  it('sends each new surge once, signed and routine, to the partners whose subscription opted in to its category', async () => {
    const fresh = await sut.app.get(SurgeSignalRecorder).record(new Date('2026-06-01T00:00:00Z'), new Date('2026-09-30T00:00:00Z'));
    expect(fresh.map((surge) => `${surge.dimension}=${surge.value}`)).toContain('country=DE');
    signals = await dataSource.query<StoredSignal[]>('SELECT id, dimension, value FROM surge_signals ORDER BY id');
    expect(signals).toHaveLength(fresh.length);
    const germanySignal = signals.find((signal) => signal.dimension === 'country' && signal.value === 'DE')!;

    const demoSurgeAlerts = () => demoPartner.store.list().filter((alert) => alert.event.type === EventTypes.surgeAlert);
    await waitFor(
      async () => [surgeAlerts(everything).length, surgeAlerts(germany).length, demoSurgeAlerts().length],
      ([all, de, demo]) => all >= signals.length && de >= 1 && demo >= 1,
      { description: 'surge alerts at the three opted-in webhook partners', timeoutMs: 60_000 },
    );
    const validate = new Ajv2020({ allErrors: true, strict: false });
    ajvFormats.default(validate);
    const isSurgeAlert = validate.compile(SURGE_ALERT_EVENT_V1_SCHEMA);
    const jwks = await request<{ keys: [] }>('GET', `${sut.baseUrl}/.well-known/jwks.json`);
    for (const [slug, partner] of [['everything', everything], ['germany', germany]] as const) {
      for (const entry of surgeAlerts(partner)) {
        const event = JSON.parse(entry.body) as Record<string, unknown> & { id: string; subject: string; data: SurgeAlertData };
        expect(isSurgeAlert(event) ? [] : isSurgeAlert.errors).toEqual([]);
        expect(() => new Webhook(onboarded[slug].webhookSecret).verify(entry.body, entry.headers as Record<string, string>)).not.toThrow();
        await expect(verifyAlertSignature(event, jwks.body)).resolves.toEqual(expect.objectContaining({ kid: expect.any(String) }));
        expect(entry.headers['webhook-id']).toBe(event.id);
        expect(event).toEqual(expect.objectContaining({ type: EventTypes.surgeAlert, subject: event.data.signal.id, id: event.data.alertId }));
        expect(event.data).toEqual(expect.objectContaining({ msgType: 'Alert', urgency: 'routine', tlp: 'GREEN', partnerId: onboarded[slug].id }));
      }
    }
    const received = (partner: RecordingPartner) =>
      surgeAlerts(partner).map((entry) => (JSON.parse(entry.body) as { data: SurgeAlertData }).data.signal);
    expect(received(everything).map((signal) => signal.id).sort()).toEqual(signals.map((signal) => signal.id));
    expect(received(germany)).toEqual([
      expect.objectContaining({ id: germanySignal.id, dimension: 'country', value: 'DE', count: 4, expected: 0, threshold: 3, weekStart: '2026-08-10T00:00:00.000Z' }),
    ]);
    // The Kafka-only partner finds its alert on its own topic (recorded as available); the partner that did not opt in gets none.
    expect(await surgeDeliveries()).toEqual([
      ...signals.map((signal) => ({ slug: 'everything', signal_id: signal.id, status: 'delivered', ack_due_at: null })),
      { slug: 'demo-partner', signal_id: germanySignal.id, status: 'delivered', ack_due_at: null },
      { slug: 'germany', signal_id: germanySignal.id, status: 'delivered', ack_due_at: null },
      { slug: 'kafka-reader', signal_id: germanySignal.id, status: 'available', ack_due_at: null },
    ].sort((a, b) => `${a.slug} ${a.signal_id}`.localeCompare(`${b.slug} ${b.signal_id}`)));
    expect(surgeAlerts(notOptedIn)).toEqual([]);
  });

  it('is accepted by the demo partner: verified against the app’s JWK set, stored once and acknowledged', async () => {
    const germanySignal = signals.find((signal) => signal.dimension === 'country' && signal.value === 'DE')!;
    const stored = demoPartner.store.list().filter((alert) => alert.event.type === EventTypes.surgeAlert);
    expect(stored).toEqual([expect.objectContaining({ signatureVerified: true, kid: expect.any(String), event: expect.objectContaining({ subject: germanySignal.id }) })]);
    const listing = (await (await fetch(`http://127.0.0.1:${(demoPartner.server.address() as AddressInfo).port}/alerts`)).json()) as { alerts: Array<{ type: string; subject: string }> };
    expect(listing.alerts).toContainEqual(expect.objectContaining({ type: EventTypes.surgeAlert, subject: germanySignal.id }));
    const acknowledged = await waitFor(
      () => dataSource.query<Array<{ acknowledged_at: Date | null }>>('SELECT acknowledged_at FROM deliveries WHERE alert_id = $1', [stored[0].alertId]),
      (rows) => rows[0]?.acknowledged_at !== null && rows.length === 1,
      { description: 'the demo partner’s acknowledgement of the surge alert', timeoutMs: 30_000 },
    );
    expect(acknowledged).toHaveLength(1);
  });

  it('never sends a signal twice: neither when it is detected again nor when Kafka re-delivers its event', async () => {
    expect(await sut.app.get(SurgeSignalRecorder).record(new Date('2026-06-01T00:00:00Z'), new Date('2026-09-30T00:00:00Z'))).toEqual([]);
    const queued = await dataSource.query<Array<{ n: number }>>('SELECT count(*)::int AS n FROM outbox_messages WHERE event_type = $1', [EventTypes.surgeDetected]);
    expect(queued).toEqual([{ n: signals.length }]);

    // At-least-once relay: publish the same events again (same CloudEvents ids), as after a crash before the commit.
    // The router routes them again into alerts with the same ids; the alert log must see them as duplicates.
    const duplicates = async () => {
      const text = await (await fetch(`${sut.baseUrl}/metrics`, { headers: { authorization: `Bearer ${adminKey}` } })).text();
      return Number(/^aisw_alert_log_records_total\{result="duplicate"\} (\d+)/m.exec(text)?.[1] ?? 0);
    };
    const duplicatesBefore = await duplicates();
    const before = await surgeDeliveries();
    await dataSource.query('UPDATE outbox_messages SET published_at = NULL WHERE event_type = $1', [EventTypes.surgeDetected]);
    const rerouted = before.length;
    await waitFor(duplicates, (n) => n >= duplicatesBefore + rerouted, { description: `${rerouted} re-routed surge alerts dropped as duplicates`, timeoutMs: 60_000 });
    expect(await surgeDeliveries()).toEqual(before);
    expect(surgeAlerts(everything)).toHaveLength(signals.length);
    expect(surgeAlerts(germany)).toHaveLength(1);
  });

  it('lets a partner acknowledge a surge alert, but not follow it up as if it were an incident', async () => {
    const alertId = (JSON.parse(surgeAlerts(germany)[0].body) as { id: string }).id;
    const key = onboarded.germany.apiKey;
    const followUp = await request<{ status: number; type: string }>('POST', `${sut.baseUrl}/alerts/${alertId}/ack`, { key, body: { followUp: { text: 'We see it too.' } } });
    expect(followUp.status).toBe(422);
    expect(followUp.headers.get('content-type')).toContain('application/problem+json');
    const acknowledged = await request<{ alertId: string; followUpIds: string[] }>('POST', `${sut.baseUrl}/alerts/${alertId}/ack`, { key, body: { note: 'seen' } });
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body).toEqual(expect.objectContaining({ alertId, followUpIds: [] }));
    const cap = await request('GET', `${sut.baseUrl}/alerts/${alertId}/cap`, { key });
    expect(cap.status).toBe(404);
  });

  it('serves the surge alert JSON Schema publicly', async () => {
    const schema = await request<{ $id: string }>('GET', `${sut.baseUrl}/schemas/surge-alert/v1.json`);
    expect(schema.status).toBe(200);
    expect(schema.body.$id).toBe(SURGE_ALERT_EVENT_V1_SCHEMA.$id);
  });
});
