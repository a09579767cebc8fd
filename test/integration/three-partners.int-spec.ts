import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  AlertVerificationError,
  SingleWindowClient,
  createAlertVerifier,
  remoteAlertKeys,
  verifyWebhook,
} from '@app/partner-sdk';
import { Webhook } from 'standardwebhooks';
import type { PartnerDeliveryView } from '../../src/incidents/queries/get-incident/get-incident.query.js';
import { loadDemoIncidents } from '../support/demo-incidents.js';
import { request } from '../support/http.js';
import { startRecordingPartner, type RecordedRequest, type RecordingPartner } from '../support/recording-partner.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

interface ReceivedAlert {
  alertId: string;
  msgType: string;
  version: number;
  references: string[];
  note?: string;
  incident: { id: string; tlp: string };
}

type DeliveryView = Pick<PartnerDeliveryView, 'partnerName' | 'alertId' | 'status' | 'attempts' | 'lastError' | 'acknowledgedAt' | 'overdueAt' | 'escalations'>;

/** How long the third partner's endpoint refuses connections (the issue asks for "several minutes"). */
const DOWN_MS = 120_000;
/** Webhook retry window: long enough to outlast the outage (DELIVERY_RETRY_WINDOW_SECONDS). */
const RETRY_WINDOW_SECONDS = 600;
/**
 * Largest retry delay (DELIVERY_RETRY_MAX_SECONDS): with the default hour, the jittered 10th retry may land up to
 * 512 s later, past the wait below; capped, gamma is retried at most this long after it returns.
 */
const RETRY_MAX_SECONDS = 20;
/** Flash acknowledgement deadline (ACK_DEADLINE_FLASH_SECONDS), short so escalation shows within the test. */
const FLASH_DEADLINE_SECONDS = 8;

/**
 * The issue's "done when", as a new user would try it, against the real PostgreSQL and Kafka broker: three partner
 * single windows with different subscriptions, incidents of every TLP marking (one RED naming a partner), one
 * partner down for two minutes, a tampered alert, an unacknowledged flash alert, an amendment and a retraction.
 */
describe('three partner single windows', () => {
  let sut: TestApp;
  let adminKey: string;
  let regulatorKey: string;
  const partners: Record<'alpha' | 'beta' | 'gamma', { endpoint: RecordingPartner; apiKey: string; webhookSecret: string }> = {} as never;
  const demo = loadDemoIncidents();
  // AIID 42: no red line, no severity, no death: routine (72 h deadline), so only the flash test escalates.
  const routine = demo.find((entry) => entry.provenance.dataset === 'AIID' && entry.provenance.id === '42')!.filing;
  // Red line "sandbox escape": classified flash (AI Escape Log, 2026-03-18).
  const flash = demo.find((entry) => entry.filing.title === 'Snowflake Cortex AI escapes sandbox and executes malware')!.filing;
  const incidents: Record<'greenGb' | 'amberFr' | 'redGb' | 'clearJp' | 'strictDe', string> = {} as never;

  beforeAll(async () => {
    sut = await startTestApp('three-partners', {
      DELIVERY_RETRY_WINDOW_SECONDS: String(RETRY_WINDOW_SECONDS),
      DELIVERY_RETRY_MAX_SECONDS: String(RETRY_MAX_SECONDS),
      ACK_DEADLINE_FLASH_SECONDS: String(FLASH_DEADLINE_SECONDS),
      ESCALATION_POLL_INTERVAL_MS: '500',
      ESCALATION_MAX_RESENDS: '1',
    });
    adminKey = await sut.issueKey('admin');
    regulatorKey = await sut.issueKey('regulator');
    const subscriptions = {
      alpha: [{ countries: ['GB'] }],
      beta: [{ countries: ['FR'] }],
      gamma: [{ countries: ['DE'] }, { countries: ['GB'] }],
    };
    for (const slug of ['alpha', 'beta', 'gamma'] as const) {
      const endpoint = await startRecordingPartner();
      const onboarded = await request<{ apiKey: string; webhookSecret: string }>('POST', `${sut.baseUrl}/partners`, {
        key: adminKey,
        body: { slug, name: slug, country: 'SG', webhookUrl: endpoint.url, subscriptions: subscriptions[slug] },
      });
      expect(onboarded.status).toBe(201);
      partners[slug] = { endpoint, apiKey: onboarded.body.apiKey, webhookSecret: onboarded.body.webhookSecret };
    }
  });

  afterAll(async () => {
    await sut?.close();
    for (const partner of Object.values(partners)) await partner.endpoint.close().catch(() => undefined);
  });

  const file = async (filing: Record<string, unknown>): Promise<string> => {
    const filed = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, { key: regulatorKey, body: filing });
    expect(filed.status).toBe(201);
    return filed.body.id;
  };
  const alertOf = (entry: RecordedRequest): ReceivedAlert => (JSON.parse(entry.body) as { data: ReceivedAlert }).data;
  const alertsAt = (slug: keyof typeof partners): ReceivedAlert[] => partners[slug].endpoint.received.map(alertOf);
  /** Incident ids (as names) of the alerts a partner accepted, once each, sorted. */
  const incidentsAt = (slug: keyof typeof partners): string[] => {
    const names = new Map(Object.entries(incidents).map(([name, id]) => [id, name]));
    return [...new Set(alertsAt(slug).map((alert) => names.get(alert.incident.id) ?? alert.incident.id))].sort();
  };
  const deliveriesOf = async (incidentId: string): Promise<DeliveryView[]> =>
    (await request<{ deliveries: DeliveryView[] }>('GET', `${sut.baseUrl}/incidents/${incidentId}`, { key: regulatorKey })).body.deliveries;

  it(`routes each incident to exactly the partners it should, and a partner down for ${DOWN_MS / 1000} s receives all of its alerts once when it returns`, async () => {
    const gamma = partners.gamma.endpoint;
    const port = (gamma.server.address() as AddressInfo).port;
    // gamma goes down: connections refused.
    await new Promise<void>((resolve) => {
      gamma.server.close(() => resolve());
      gamma.server.closeAllConnections();
    });
    const downSince = Date.now();

    incidents.greenGb = await file({ ...routine, country: 'GB', tlp: 'GREEN' });
    incidents.amberFr = await file({ ...routine, country: 'FR', tlp: 'AMBER' });
    incidents.redGb = await file({ ...routine, country: 'GB', tlp: 'RED', recipients: ['beta'] });
    incidents.clearJp = await file({ ...routine, country: 'JP', tlp: 'CLEAR' });
    incidents.strictDe = await file({ ...routine, country: 'DE', tlp: 'AMBER+STRICT' });

    await waitFor(async () => incidentsAt('beta'), (names) => names.length === 2, { description: "beta's two alerts" });
    await waitFor(async () => incidentsAt('alpha'), (names) => names.length === 1, { description: "alpha's alert" });
    // RED went only to beta, named as recipient; alpha and gamma subscribe to GB but are not named.
    expect(incidentsAt('alpha')).toEqual(['greenGb']);
    expect(incidentsAt('beta')).toEqual(['amberFr', 'redGb']);

    // While gamma is down its deliveries are retried and say why they failed.
    const failing = await waitFor(
      async () => (await deliveriesOf(incidents.strictDe)).find((row) => row.partnerName === 'gamma'),
      (row) => (row?.attempts ?? 0) >= 2,
      { description: 'failed attempts to reach gamma', timeoutMs: DOWN_MS },
    );
    expect(failing).toMatchObject({ status: 'pending' });
    expect(failing!.lastError).toMatch(/ECONNREFUSED|fetch failed/);

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, downSince + DOWN_MS - Date.now())));
    expect(gamma.received).toHaveLength(0);
    // gamma returns on the same address and accepts everything (204).
    await new Promise<void>((resolve) => gamma.server.listen(port, '127.0.0.1', resolve));
    const upSince = Date.now();

    const rows = await waitFor(
      async () => (await Promise.all([incidents.greenGb, incidents.strictDe].map(deliveriesOf))).flat().filter((row) => row.partnerName === 'gamma'),
      (found) => found.length === 2 && found.every((row) => row.status === 'delivered'),
      { description: "gamma's alerts delivered after the outage", timeoutMs: (RETRY_WINDOW_SECONDS - DOWN_MS / 1000) * 1000 },
    );
    process.stdout.write(`gamma: down ${Math.round((upSince - downSince) / 1000)} s, all alerts accepted ${Math.round((Date.now() - upSince) / 1000)} s after its return\n`);
    expect(incidentsAt('gamma')).toEqual(['greenGb', 'strictDe']);
    // Exactly once: every failed attempt was the same delivery (one row, one alert id = webhook-id), and the endpoint
    // got one request per alert once it was back. (A re-send with the same webhook-id: see the escalation test.)
    expect(rows.every((row) => row.attempts >= 3)).toBe(true);
    expect(gamma.received.map((entry) => String(entry.headers['webhook-id'])).sort()).toEqual(rows.map((row) => row.alertId).sort());
    // Nothing more reached alpha or beta meanwhile; nobody got the CLEAR incident from Japan.
    expect(alertsAt('alpha')).toHaveLength(1);
    expect(alertsAt('beta')).toHaveLength(2);
    expect(await deliveriesOf(incidents.clearJp)).toEqual([]);
  }, DOWN_MS + RETRY_WINDOW_SECONDS * 1000);

  it('escalates an unacknowledged flash alert (re-sent with the same webhook-id, marked overdue) but not an acknowledged one', async () => {
    const flashGb = await file({ ...flash, country: 'GB', tlp: 'GREEN' });
    const alphaAlert = await waitFor(
      async () => alertsAt('alpha').find((alert) => alert.incident.id === flashGb),
      (alert) => alert !== undefined,
      { description: 'the flash alert at alpha' },
    );
    const acknowledged = await new SingleWindowClient({ appUrl: sut.baseUrl, apiKey: partners.alpha.apiKey }).acknowledge(alphaAlert!.alertId, 'seen');
    expect(acknowledged.alertId).toBe(alphaAlert!.alertId);

    const escalated = await waitFor(
      async () => (await deliveriesOf(flashGb)).find((row) => row.partnerName === 'gamma'),
      (row) => row?.escalations === 1 && row.status === 'delivered',
      { description: "gamma's flash alert escalated", timeoutMs: 60_000 },
    );
    expect(escalated!.overdueAt).not.toBeNull();
    const sentToGamma = partners.gamma.endpoint.received.filter((entry) => alertOf(entry).incident.id === flashGb);
    expect(sentToGamma.map((entry) => entry.headers['webhook-id'])).toEqual([escalated!.alertId, escalated!.alertId]);
    expect((await deliveriesOf(flashGb)).find((row) => row.partnerName === 'alpha')).toMatchObject({ escalations: 0, overdueAt: null, acknowledgedAt: expect.any(String) });
    expect(alertsAt('alpha').filter((alert) => alert.incident.id === flashGb)).toHaveLength(1);
  });

  it('verifies a received alert with libs/partner-sdk and refuses it once tampered, even with a valid webhook signature', async () => {
    const [latest] = partners.alpha.endpoint.received.slice(-1);
    const verify = createAlertVerifier({ webhookSecret: partners.alpha.webhookSecret, keys: remoteAlertKeys(sut.baseUrl) });
    await expect(verify(latest.body, latest.headers)).resolves.toMatchObject({ webhookId: latest.headers['webhook-id'] });

    const tampered = latest.body.replace('"tlp":"GREEN"', '"tlp":"CLEAR"');
    expect(tampered).not.toBe(latest.body);
    expect(() => verifyWebhook(tampered, latest.headers, partners.alpha.webhookSecret)).toThrow(
      expect.objectContaining({ reason: 'bad-webhook-signature' }),
    );
    // Someone holding the webhook secret re-signs the tampered body: the alert's own Ed25519 JWS still fails.
    const id = String(latest.headers['webhook-id']);
    const now = new Date();
    const resigned = { 'webhook-id': id, 'webhook-timestamp': String(Math.floor(now.getTime() / 1000)), 'webhook-signature': new Webhook(partners.alpha.webhookSecret).sign(id, now, tampered) };
    const failure = await verify(tampered, resigned).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AlertVerificationError);
    expect((failure as AlertVerificationError).reason).toBe('bad-alert-signature');
  });

  it('sends a retraction to every earlier recipient, including ones whose subscription no longer matches', async () => {
    // GB → FR: alpha (GB) and gamma (DE, GB) no longer match but hold version 1 (Update); beta (FR) matches now (Alert).
    const amended = await request<{ version: number }>('PATCH', `${sut.baseUrl}/incidents/${incidents.greenGb}`, { key: regulatorKey, body: { country: 'FR' } });
    expect(amended.body.version).toBe(2);
    const retracted = await request('POST', `${sut.baseUrl}/incidents/${incidents.greenGb}/retraction`, { key: regulatorKey, body: { reason: 'Duplicate of an earlier report' } });
    expect(retracted.status).toBe(200);

    const versionsAt = (slug: keyof typeof partners) => alertsAt(slug)
      .filter((alert) => alert.incident.id === incidents.greenGb)
      .map((alert) => `${alert.msgType} v${alert.version}`);
    for (const [slug, expected] of [
      ['alpha', ['Alert v1', 'Update v2', 'Cancel v3']],
      ['gamma', ['Alert v1', 'Update v2', 'Cancel v3']],
      ['beta', ['Alert v2', 'Cancel v3']],
    ] as const) {
      await waitFor(async () => new Set(versionsAt(slug)).size, (count) => count === expected.length, {
        description: `${slug}: ${expected.join(', ')}`,
        timeoutMs: 60_000, // generous: the suite runs beside others on a loaded 2-core machine
      });
      expect([...new Set(versionsAt(slug))]).toEqual(expected);
    }
    const cancelAtAlpha = alertsAt('alpha').find((alert) => alert.incident.id === incidents.greenGb && alert.msgType === 'Cancel')!;
    expect(cancelAtAlpha.note).toBe('Duplicate of an earlier report');
    expect(cancelAtAlpha.references).toHaveLength(2);
    // The RED incident never reached alpha or gamma, and beta never got the GB alerts before the amendment.
    expect(incidentsAt('alpha')).not.toContain('redGb');
    expect(incidentsAt('gamma')).not.toContain('redGb');
  }, 240_000);
});
