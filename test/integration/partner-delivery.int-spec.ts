import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { verifyWebhook } from '@app/partner-sdk';
import { WebhookDispatcher } from '../../src/dissemination/webhook-dispatcher.service.js';
import { loadDemoIncidents } from '../support/demo-incidents.js';
import { request } from '../support/http.js';
import { startRecordingPartner, type RecordingPartner } from '../support/recording-partner.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

interface DeliveryView {
  partnerName: string;
  alertId: string;
  status: string;
  lastError: string | null;
  ackDueAt: string | null;
}

/** The parts of GET /partners/{id} these tests read. */
interface PartnerSummary {
  slug: string;
  status: string;
  statusReason: string | null;
  suspendedAt: string | null;
  heldDeliveries: number;
}

/** Suspension and webhook secret rotation through the real Kafka topics, PostgreSQL and HTTP. */
describe('partner suspension and webhook secret rotation', () => {
  let sut: TestApp;
  let adminKey: string;
  let regulatorKey: string;
  let dormant: RecordingPartner;
  let rotating: RecordingPartner;
  let dormantId: string;
  let rotatingId: string;
  let firstSecret: string;
  const incident = loadDemoIncidents().find((entry) => entry.filing.tlp === 'GREEN')!.filing;

  const file = async (country: string): Promise<string> => {
    const filed = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, { key: regulatorKey, body: { ...incident, country } });
    expect(filed.status).toBe(201);
    return filed.body.id;
  };
  const deliveriesOf = async (incidentId: string): Promise<DeliveryView[]> =>
    (await request<{ deliveries: DeliveryView[] }>('GET', `${sut.baseUrl}/incidents/${incidentId}`, { key: regulatorKey })).body.deliveries;

  beforeAll(async () => {
    sut = await startTestApp('partner-delivery');
    adminKey = await sut.issueKey('admin');
    regulatorKey = await sut.issueKey('regulator');
    dormant = await startRecordingPartner();
    rotating = await startRecordingPartner();
    const onboardedDormant = await request<{ id: string }>('POST', `${sut.baseUrl}/partners`, {
      key: adminKey,
      body: { slug: 'dormant', name: 'Dormant Single Window', country: 'GB', webhookUrl: dormant.url, subscriptions: [{ countries: ['GB'] }] },
    });
    const onboardedRotating = await request<{ id: string; webhookSecret: string }>('POST', `${sut.baseUrl}/partners`, {
      key: adminKey,
      body: { slug: 'rotating', name: 'Rotating Single Window', country: 'FR', webhookUrl: rotating.url, subscriptions: [{ countries: ['FR'] }] },
    });
    expect([onboardedDormant.status, onboardedRotating.status]).toEqual([201, 201]);
    dormantId = onboardedDormant.body.id;
    rotatingId = onboardedRotating.body.id;
    firstSecret = onboardedRotating.body.webhookSecret;
  });

  afterAll(async () => {
    await sut?.close();
    await dormant?.close();
    await rotating?.close();
  });

  it('holds a suspended partner\'s alerts, tells the filer why, and delivers each once after resume', async () => {
    const suspended = await request<{ status: string; statusReason: string }>('POST', `${sut.baseUrl}/partners/${dormantId}/suspension`, {
      key: adminKey,
      body: { reason: 'endpoint migration this weekend' },
    });
    expect(suspended.status).toBe(200);
    // Nothing was pending at suspension time: the answer's heldDeliveries counts those.
    expect(suspended.body).toMatchObject({ status: 'suspended', statusReason: 'endpoint migration this weekend', heldDeliveries: 0 });

    const incidentIds = [await file('GB'), await file('GB')];
    const held = await Promise.all(
      incidentIds.map((id) =>
        waitFor(() => deliveriesOf(id), (deliveries) => deliveries.length === 1, { description: `the alert of ${id} recorded for the suspended partner` }),
      ),
    );
    for (const [delivery] of held) {
      expect(delivery).toMatchObject({ partnerName: 'Dormant Single Window', status: 'pending', ackDueAt: null });
      expect(delivery.lastError).toMatch(/^held: partner suspended/);
    }
    // A dispatch pass run now finds nothing it may send: the held deliveries are not due for a suspended partner.
    expect(await sut.app.get(WebhookDispatcher).dispatchDue()).toBe(0);
    expect(dormant.received).toEqual([]);
    // The partner view counts what is held now, the alerts routed during the suspension included.
    const whileSuspended = await request<PartnerSummary>('GET', `${sut.baseUrl}/partners/${dormantId}`, { key: adminKey });
    expect(whileSuspended.body).toMatchObject({ status: 'suspended', statusReason: 'endpoint migration this weekend', heldDeliveries: 2 });
    const listed = await request<{ items: PartnerSummary[] }>('GET', `${sut.baseUrl}/partners`, { key: adminKey });
    expect(listed.body.items.map(({ slug, heldDeliveries }) => [slug, heldDeliveries])).toEqual([['dormant', 2], ['rotating', 0]]);

    const resumed = await request<{ status: string; releasedDeliveries: number }>('DELETE', `${sut.baseUrl}/partners/${dormantId}/suspension`, { key: adminKey });
    expect(resumed.status).toBe(200);
    expect(resumed.body).toMatchObject({ status: 'active', statusReason: null, heldDeliveries: 0, releasedDeliveries: 2 });
    const afterResume = await request<PartnerSummary>('GET', `${sut.baseUrl}/partners/${dormantId}`, { key: adminKey });
    expect(afterResume.body).toMatchObject({ status: 'active', statusReason: null, suspendedAt: null, heldDeliveries: 0 });

    await waitFor(async () => dormant.received.length, (n) => n >= 2, { description: 'both held alerts delivered' });
    const delivered = await Promise.all(
      incidentIds.map((id) => waitFor(() => deliveriesOf(id), ([delivery]) => delivery?.status === 'delivered', { description: `${id} delivered` })),
    );
    expect(await sut.app.get(WebhookDispatcher).dispatchDue()).toBe(0);
    const webhookIds = dormant.received.map((entry) => entry.headers['webhook-id']);
    expect(webhookIds).toHaveLength(2);
    expect(new Set(webhookIds)).toEqual(new Set(delivered.map(([delivery]) => delivery.alertId)));
    for (const [delivery] of delivered) {
      expect(delivery.lastError).toBeNull();
      expect(Date.parse(delivery.ackDueAt ?? '')).toBeGreaterThan(Date.now());
    }
  });

  it('gives a partner its own acknowledgement deadline instead of the global one', async () => {
    const timely = await request<{ id: string }>('POST', `${sut.baseUrl}/partners`, {
      key: adminKey,
      body: { slug: 'timely', name: 'Timely Single Window', country: 'NO', subscriptions: [{ countries: ['NO'] }], ackDeadlines: { flash: 600, priority: 600, routine: 600 } },
    });
    expect(timely.status).toBe(201);
    const filedAt = Date.now();
    const incidentId = await file('NO');
    const [delivery] = await waitFor(() => deliveriesOf(incidentId), (deliveries) => deliveries.length === 1, { description: 'the alert recorded' });
    // Global deadlines are hours (ACK_DEADLINE_*_SECONDS defaults); this partner's are 10 minutes from recording.
    const dueInSeconds = (Date.parse(delivery.ackDueAt ?? '') - filedAt) / 1000;
    expect(dueInSeconds).toBeGreaterThanOrEqual(600);
    expect(dueInSeconds).toBeLessThan(600 + (Date.now() - filedAt) / 1000 + 1);
  });

  it('signs with every active secret during a rotation and only with the new one after the old is retired', async () => {
    const added = await request<{ id: string; secret: string; activeSecretIds: string[] }>('POST', `${sut.baseUrl}/partners/${rotatingId}/webhook-secrets`, {
      key: adminKey,
    });
    expect(added.status).toBe(201);
    expect(added.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(added.body.activeSecretIds).toHaveLength(2);
    const oldSecretId = added.body.activeSecretIds.find((id) => id !== added.body.id)!;

    await file('FR');
    await waitFor(async () => rotating.received.length, (n) => n === 1, { description: 'the alert signed during the overlap' });
    const overlap = rotating.received[0];
    expect(String(overlap.headers['webhook-signature']).split(' ')).toHaveLength(2);
    // A receiver still holding the old secret and one already holding the new secret both accept it.
    expect(verifyWebhook(overlap.body, overlap.headers, firstSecret).type).toBe('org.aisw.alert.v1');
    expect(verifyWebhook(overlap.body, overlap.headers, added.body.secret).type).toBe('org.aisw.alert.v1');

    const retired = await request('DELETE', `${sut.baseUrl}/partners/${rotatingId}/webhook-secrets/${oldSecretId}`, { key: adminKey });
    expect(retired.status).toBe(204);
    await file('FR');
    await waitFor(async () => rotating.received.length, (n) => n === 2, { description: 'the alert signed after the retirement' });
    const after = rotating.received[1];
    expect(String(after.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(verifyWebhook(after.body, after.headers, added.body.secret).type).toBe('org.aisw.alert.v1');
    expect(() => verifyWebhook(after.body, after.headers, firstSecret)).toThrow('webhook verification failed');

    const last = await request<{ code: string }>('DELETE', `${sut.baseUrl}/partners/${rotatingId}/webhook-secrets/${added.body.id}`, { key: adminKey });
    expect(last.status).toBe(409);
    expect(last.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(last.body.code).toBe('PARTNER.LAST_WEBHOOK_SECRET');
    const listed = await request<{ items: Array<{ id: string; active: boolean }> }>('GET', `${sut.baseUrl}/partners/${rotatingId}/webhook-secrets`, { key: adminKey });
    expect(listed.body.items.map(({ id, active }) => ({ id, active }))).toEqual([
      { id: oldSecretId, active: false },
      { id: added.body.id, active: true },
    ]);
    expect(JSON.stringify(listed.body)).not.toContain('whsec_');
  });
});
