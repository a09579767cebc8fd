import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadDemoIncidents } from '../support/demo-incidents.js';
import { request } from '../support/http.js';
import { startRecordingPartner, type RecordingPartner } from '../support/recording-partner.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

interface DeliveryView {
  partnerName: string;
  alertId: string;
  version: number;
  status: string;
  ackDueAt: string | null;
  escalations: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Once a partner was sent a withdrawal Cancel (sharing narrowed to TLP:RED without it), none of its earlier
 * deliveries of the incident goes out again, through the real Kafka topics and PostgreSQL: not by escalation (2 s
 * deadlines), not by admin redelivery, not by a held or retried webhook delivery the dispatcher claims.
 */
describe('withdrawn versions are never re-sent', () => {
  let sut: TestApp;
  let adminKey: string;
  let regulatorKey: string;
  const filing = loadDemoIncidents().find((entry) => entry.filing.tlp === 'GREEN')!.filing;
  const endpoints: RecordingPartner[] = [];

  const onboard = async (slug: string, subscriptions: unknown[]): Promise<{ id: string; endpoint: RecordingPartner }> => {
    const endpoint = await startRecordingPartner();
    endpoints.push(endpoint);
    const response = await request<{ id: string }>('POST', `${sut.baseUrl}/partners`, {
      key: adminKey,
      body: { slug, name: slug, country: 'SG', webhookUrl: endpoint.url, subscriptions },
    });
    expect(response.status).toBe(201);
    return { id: response.body.id, endpoint };
  };

  /** Versions and message types the endpoint received about `incidentId`, in arrival order, e.g. `1:Alert`. */
  const sent = (endpoint: RecordingPartner, incidentId: string): string[] =>
    endpoint.received
      .map((entry) => (JSON.parse(entry.body) as { data: { msgType: string; version: number; incident: { id: string } } }).data)
      .filter((data) => data.incident.id === incidentId)
      .map((data) => `${data.version}:${data.msgType}`);

  const deliveriesTo = async (incidentId: string, partnerName: string): Promise<DeliveryView[]> =>
    (await request<{ deliveries: DeliveryView[] }>('GET', `${sut.baseUrl}/incidents/${incidentId}`, { key: regulatorKey })).body.deliveries
      .filter((delivery) => delivery.partnerName === partnerName)
      .sort((a, b) => a.version - b.version);

  const file = async (): Promise<string> => {
    const filed = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, { key: regulatorKey, body: { ...filing, country: 'DE' } });
    expect(filed.status).toBe(201);
    return filed.body.id;
  };

  const narrowToRed = async (id: string): Promise<void> => {
    const amended = await request<{ version: number }>('PATCH', `${sut.baseUrl}/incidents/${id}`, {
      key: regulatorKey,
      body: { tlp: 'RED', recipients: ['named-only'] },
    });
    expect(amended.status).toBe(200);
  };

  beforeAll(async () => {
    sut = await startTestApp('withdrawal-resend', {
      ACK_DEADLINE_FLASH_SECONDS: '2',
      ACK_DEADLINE_PRIORITY_SECONDS: '2',
      ACK_DEADLINE_ROUTINE_SECONDS: '2',
      ESCALATION_POLL_INTERVAL_MS: '200',
      ESCALATION_MAX_RESENDS: '3',
    });
    adminKey = await sut.issueKey('admin');
    regulatorKey = await sut.issueKey('regulator');
    await onboard('named-only', [{ countries: ['AQ'] }]);
  });

  afterAll(async () => {
    await sut?.close();
    for (const endpoint of endpoints) await endpoint.close();
  });

  it('escalation and admin redelivery never re-send v1 after the withdrawal Cancel v2', async () => {
    const everyone = await onboard('everyone', [{ all: true }]);
    const id = await file();
    await waitFor(async () => sent(everyone.endpoint, id), (seen) => seen.length >= 1, { description: 'v1 delivered' });
    await narrowToRed(id);
    // The Cancel is unacknowledged too: escalation re-sends it (2 s deadlines), which shows the scheduler ran meanwhile.
    const seen = await waitFor(async () => sent(everyone.endpoint, id), (list) => list.filter((entry) => entry === '2:Cancel').length >= 3, {
      description: 'the Cancel sent and re-sent twice by escalation',
      timeoutMs: 30_000,
    });
    const afterCancel = seen.slice(seen.indexOf('2:Cancel'));
    expect(afterCancel.filter((entry) => entry.startsWith('1:'))).toEqual([]);
    const [v1, v2] = await deliveriesTo(id, 'everyone');
    expect(v2.version).toBe(2);
    // v1's escalation is closed: no further deadline.
    await waitFor(async () => (await deliveriesTo(id, 'everyone'))[0], (view) => view.ackDueAt === null, { description: 'v1 escalation closed' });

    const one = await request<{ code: string; detail: string }>('POST', `${sut.baseUrl}/alerts/${v1.alertId}/redelivery`, { key: adminKey });
    expect(one.status).toBe(409);
    expect(one.body.code).toBe('ALERT.WITHDRAWN');
    expect(one.body.detail).toContain('withdrawal Cancel');
    const cancelAgain = await request<{ requeued: number }>('POST', `${sut.baseUrl}/alerts/${v2.alertId}/redelivery`, { key: adminKey });
    expect([cancelAgain.status, cancelAgain.body.requeued]).toEqual([200, 1]);
    const bulk = await request<{ requeued: number; withdrawn: number }>('POST', `${sut.baseUrl}/partners/${everyone.id}/redeliveries`, {
      key: adminKey,
      body: { status: 'any' },
    });
    expect(bulk.status).toBe(200);
    expect(bulk.body).toEqual({ requeued: 1, withdrawn: 1 });
    await waitFor(async () => sent(everyone.endpoint, id), (list) => list.length >= seen.length + 2, { description: 'the two Cancel redeliveries' });
    await sleep(1500);
    const all = sent(everyone.endpoint, id);
    expect(all.slice(all.indexOf('2:Cancel')).filter((entry) => entry.startsWith('1:'))).toEqual([]);
  }, 60_000);

  it('cancels a v1 delivery still queued when the withdrawal Cancel v2 was routed: only the Cancel goes out', async () => {
    const held = await onboard('held', [{ all: true }]);
    const suspended = await request('POST', `${sut.baseUrl}/partners/${held.id}/suspension`, { key: adminKey, body: { reason: 'maintenance' } });
    expect(suspended.status).toBe(200);
    const id = await file();
    await waitFor(() => deliveriesTo(id, 'held'), (views) => views.length === 1, { description: 'v1 queued, held' });
    await narrowToRed(id);
    await waitFor(() => deliveriesTo(id, 'held'), (views) => views.length === 2, { description: 'Cancel v2 queued, held' });
    const resumed = await request('DELETE', `${sut.baseUrl}/partners/${held.id}/suspension`, { key: adminKey });
    expect(resumed.status).toBe(200);
    await waitFor(async () => sent(held.endpoint, id), (list) => list.length >= 1, { description: 'the Cancel delivered' });
    await sleep(1500);
    expect(sent(held.endpoint, id).filter((entry) => entry.startsWith('1:'))).toEqual([]);
    expect(sent(held.endpoint, id)[0]).toBe('2:Cancel');
    const [v1] = await deliveriesTo(id, 'held');
    expect(v1).toMatchObject({ version: 1, status: 'cancelled' });
  }, 60_000);
});
