import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Webhook } from 'standardwebhooks';
import { DataSource } from 'typeorm';
import { WebhookDispatcher, type LeasedDelivery } from '../../src/dissemination/webhook-dispatcher.service.js';
import { SUPERSEDED_BY_WITHDRAWAL } from '../../src/dissemination/withdrawn-versions.js';
import { loadDemoIncidents } from '../support/demo-incidents.js';
import { request } from '../support/http.js';
import { startRecordingPartner, type RecordingPartner } from '../support/recording-partner.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

interface DeliveryRow {
  alert_id: string;
  status: string;
  attempts: number;
  leased_for_ms: number | null;
  lease_ends_ms: number | null;
  event: Record<string, unknown>;
}

/**
 * Issue 6, round 4: the alert log inserts a webhook delivery already leased to this process and hands it to the
 * dispatcher, which sends it without claiming it; if the process never sends it (it died), the lease runs out and the
 * claim sends it, once, with the same webhook-id. Real Kafka, PostgreSQL and HTTP.
 */
describe('deliveries handed from the alert log to the dispatcher', () => {
  let sut: TestApp;
  let regulatorKey: string;
  let partner: RecordingPartner;
  let partnerSecret: string;
  let adminKey: string;
  let partnerId: string;
  let dispatcher: WebhookDispatcher;
  const incident = loadDemoIncidents().find((entry) => entry.filing.tlp === 'GREEN')!.filing;

  const deliveriesOf = (incidentId: string): Promise<DeliveryRow[]> =>
    sut.app.get(DataSource).query<DeliveryRow[]>(
      `SELECT alert_id, status, attempts, event,
              (extract(epoch FROM lease_until - created_at) * 1000)::int AS leased_for_ms,
              (extract(epoch FROM lease_until) * 1000)::float8 AS lease_ends_ms
         FROM deliveries WHERE incident_id = $1`,
      [incidentId],
    );

  const attemptOutcomes = async (alertId: string): Promise<string[]> =>
    (
      await sut.app
        .get(DataSource)
        .query<Array<{ outcome: string }>>('SELECT outcome FROM delivery_attempts WHERE alert_id = $1 ORDER BY id', [alertId])
    ).map((attempt) => attempt.outcome);

  const fileIncident = async (title: string): Promise<string> => {
    const filed = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, { key: regulatorKey, body: { ...incident, title, country: 'GB' } });
    expect(filed.status).toBe(201);
    return filed.body.id;
  };

  beforeAll(async () => {
    // DELIVERY_TIMEOUT_MS 1 s: leases of 3 s, so a lease that is never released runs out within the test.
    sut = await startTestApp('handover', { DELIVERY_TIMEOUT_MS: '1000' });
    adminKey = await sut.issueKey('admin');
    regulatorKey = await sut.issueKey('regulator');
    partner = await startRecordingPartner();
    const onboarded = await request<{ id: string; webhookSecret: string }>('POST', `${sut.baseUrl}/partners`, {
      key: adminKey,
      body: { slug: 'handover', name: 'Hand-over Single Window', country: 'GB', webhookUrl: partner.url },
    });
    expect(onboarded.status).toBe(201);
    partnerSecret = onboarded.body.webhookSecret;
    partnerId = onboarded.body.id;
    dispatcher = sut.app.get(WebhookDispatcher);
  });

  afterAll(async () => {
    await sut?.close();
    await partner?.close();
  });

  it('sends a handed-over delivery once, signed, with its alert id as webhook-id and the stored event as body', async () => {
    const handedOver: string[] = [];
    const handOver = dispatcher.handOver.bind(dispatcher);
    const spy = jest.spyOn(dispatcher, 'handOver').mockImplementation((deliveries: LeasedDelivery[]) => {
      handedOver.push(...deliveries.map((delivery) => delivery.alert_id));
      handOver(deliveries);
    });
    try {
      const incidentId = await fileIncident('Handed over');
      const [row] = await waitFor(() => deliveriesOf(incidentId), (rows) => rows.length === 1 && rows[0].status === 'delivered', {
        description: 'the delivery recorded as delivered',
      });
      expect(handedOver).toEqual([row.alert_id]);
      expect(row).toMatchObject({ attempts: 1, leased_for_ms: null }); // the record released the lease
      const posts = partner.received.filter((entry) => entry.headers['webhook-id'] === row.alert_id);
      expect(posts).toHaveLength(1);
      expect(posts[0].body).toBe(JSON.stringify(row.event)); // the bytes a claim would send
      expect(() => new Webhook(partnerSecret).verify(posts[0].body, posts[0].headers as Record<string, string>)).not.toThrow();
      expect(await attemptOutcomes(row.alert_id)).toEqual(['delivered']);
    } finally {
      spy.mockRestore();
    }
  });

  it('leaves a leased delivery this process never sends to its lease; the claim then sends it once, same webhook-id', async () => {
    // The process "dies" between the insert and the POST: the row is leased to it, but the hand-over goes nowhere.
    const spy = jest.spyOn(dispatcher, 'handOver').mockImplementation(() => undefined);
    let incidentId: string;
    let leased: DeliveryRow;
    try {
      incidentId = await fileIncident('Leased, never sent');
      [leased] = await waitFor(() => deliveriesOf(incidentId), (rows) => rows.length === 1, { description: 'the delivery recorded' });
    } finally {
      spy.mockRestore();
    }
    expect(leased).toMatchObject({ status: 'pending', attempts: 0 });
    expect(leased.leased_for_ms).toBeGreaterThanOrEqual(2_900); // three DELIVERY_TIMEOUT_MS, as a claim leases
    expect(leased.leased_for_ms).toBeLessThanOrEqual(3_100);
    const [row] = await waitFor(() => deliveriesOf(incidentId), (rows) => rows[0].status === 'delivered', {
      description: 'the delivery sent once its lease ran out',
      timeoutMs: 20_000,
    });
    const posts = partner.received.filter((entry) => entry.headers['webhook-id'] === row.alert_id);
    expect(posts).toHaveLength(1);
    // Sent after the lease ran out (webhook-timestamp is in whole seconds), and recorded once.
    expect(Number(posts[0].headers['webhook-timestamp'])).toBeGreaterThanOrEqual(Math.floor(leased.lease_ends_ms! / 1000));
    expect(row).toMatchObject({ attempts: 1, leased_for_ms: null });
    expect(await attemptOutcomes(row.alert_id)).toEqual(['delivered']);
  });
  it('sends nothing to a partner suspended after its delivery was handed over; sends it once on resume', async () => {
    // The delivery is inserted leased and handed over, but the partner is suspended before a lane takes it.
    const captured: LeasedDelivery[] = [];
    const spy = jest.spyOn(dispatcher, 'handOver').mockImplementation((deliveries: LeasedDelivery[]) => void captured.push(...deliveries));
    let incidentId: string;
    try {
      incidentId = await fileIncident('Handed over, then the partner is suspended');
      await waitFor(async () => captured.length, (n) => n === 1, { description: 'the delivery handed over' });
    } finally {
      spy.mockRestore();
    }
    const suspended = await request('POST', `${sut.baseUrl}/partners/${partnerId}/suspension`, { key: adminKey, body: { reason: 'handover test' } });
    expect(suspended.status).toBe(200);
    dispatcher.handOver(captured);

    const [held] = await waitFor(() => deliveriesOf(incidentId), (rows) => rows[0].leased_for_ms === null, {
      description: 'the lease released instead of a POST',
    });
    expect(held).toMatchObject({ status: 'pending', attempts: 0 });
    expect(partner.received.filter((entry) => entry.headers['webhook-id'] === held.alert_id)).toEqual([]);

    const resumed = await request('DELETE', `${sut.baseUrl}/partners/${partnerId}/suspension`, { key: adminKey });
    expect(resumed.status).toBe(200);
    const [row] = await waitFor(() => deliveriesOf(incidentId), (rows) => rows[0].status === 'delivered', {
      description: 'the held delivery sent after the resume',
      timeoutMs: 20_000,
    });
    expect(partner.received.filter((entry) => entry.headers['webhook-id'] === row.alert_id)).toHaveLength(1);
    expect(await attemptOutcomes(row.alert_id)).toEqual(['delivered']);
  });

  it('never sends a handed-over v1 once its withdrawal Cancel v2 was routed to the partner; cancels it instead', async () => {
    // Sharing narrowed to RED naming another partner: this partner is sent a Cancel v2 (identifiers only). The v1
    // hand-over is held back until the Cancel went out, then reaches a lane: it must not be POSTed after the Cancel.
    const other = await request('POST', `${sut.baseUrl}/partners`, {
      key: adminKey,
      body: { slug: 'handover-named', name: 'Named Single Window', country: 'AQ', subscriptions: [{ countries: ['AQ'] }] },
    });
    expect(other.status).toBe(201);
    const captured: LeasedDelivery[] = [];
    const spy = jest.spyOn(dispatcher, 'handOver').mockImplementation((deliveries: LeasedDelivery[]) => void captured.push(...deliveries));
    let incidentId: string;
    try {
      incidentId = await fileIncident('Handed over, then withdrawn');
      await waitFor(async () => captured.length, (n) => n === 1, { description: 'v1 handed over' });
    } finally {
      spy.mockRestore();
    }
    const narrowed = await request('PATCH', `${sut.baseUrl}/incidents/${incidentId}`, {
      key: regulatorKey,
      body: { tlp: 'RED', recipients: ['handover-named'] },
    });
    expect(narrowed.status).toBe(200);
    const messagesTo = (): Array<{ webhookId: string; type: string }> =>
      partner.received
        .map((entry) => ({ webhookId: entry.headers['webhook-id'] as string, data: (JSON.parse(entry.body) as { data: { msgType: string; version: number; incident: { id: string } } }).data }))
        .filter(({ data }) => data.incident.id === incidentId)
        .map(({ webhookId, data }) => ({ webhookId, type: `${data.version}:${data.msgType}` }));
    await waitFor(async () => messagesTo(), (list) => list.some((entry) => entry.type === '2:Cancel'), { description: 'the Cancel v2 delivered' });

    dispatcher.handOver(captured);
    const v1 = await waitFor(
      async () => (await deliveriesOf(incidentId)).find((row) => row.alert_id === captured[0].alert_id)!,
      (row) => row.status !== 'pending' || row.leased_for_ms === null,
      { description: 'the handed-over v1 taken by a lane' },
    );
    expect(v1.status).toBe('cancelled');
    expect(await attemptOutcomes(v1.alert_id)).toEqual([]);
    const [{ last_error }] = await sut.app.get(DataSource).query<Array<{ last_error: string }>>('SELECT last_error FROM deliveries WHERE alert_id = $1', [v1.alert_id]);
    expect(last_error).toBe(SUPERSEDED_BY_WITHDRAWAL);
    expect(messagesTo().map((entry) => entry.type)).toEqual(['2:Cancel']);
  });
});
