import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadDemoIncidents } from '../support/demo-incidents.js';
import { request } from '../support/http.js';
import { startRecordingPartner, type RecordingPartner } from '../support/recording-partner.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

interface DeliveryView {
  partnerName: string;
  alertId: string;
  status: string;
  acknowledgedAt: string | null;
  ackDueAt: string | null;
  overdueAt: string | null;
  escalations: number;
}

interface OverdueAlert {
  alertId: string;
  partnerName: string;
  incidentId: string;
  incidentTitle: string;
  urgency: string;
  status: string;
  ackDueAt: string | null;
  overdueAt: string;
  escalations: number;
}

const WEBHOOK_PARTNER = 'Silent Single Window';
const KAFKA_PARTNER = 'Kafka-only Single Window';

/**
 * Acknowledgement deadlines and escalation through the real Kafka topics and PostgreSQL: flash alerts get 2 s to be
 * acknowledged, routine ones keep the 72 h default.
 */
describe('acknowledgement escalation', () => {
  let sut: TestApp;
  let adminKey: string;
  let regulatorKey: string;
  let silent: RecordingPartner;
  let silentApiKey: string;
  const demo = loadDemoIncidents();
  // Red line "sandbox escape": classifier 0.2.0 rates it flash (AI Escape Log, 2026-03-18).
  const flash = demo.find((entry) => entry.filing.title === 'Snowflake Cortex AI escapes sandbox and executes malware')!.filing;
  // AIID 42: no red line, no severity, no death: routine.
  const routine = demo.find((entry) => entry.provenance.dataset === 'AIID' && entry.provenance.id === '42')!.filing;

  beforeAll(async () => {
    sut = await startTestApp('escalation', {
      ACK_DEADLINE_FLASH_SECONDS: '2',
      ESCALATION_POLL_INTERVAL_MS: '200',
      ESCALATION_MAX_RESENDS: '2',
    });
    adminKey = await sut.issueKey('admin');
    regulatorKey = await sut.issueKey('regulator');
    silent = await startRecordingPartner(); // accepts every webhook (204) and never acknowledges
    const onboarded = await request<{ apiKey: string }>('POST', `${sut.baseUrl}/partners`, {
      key: adminKey,
      body: { slug: 'silent', name: WEBHOOK_PARTNER, country: 'GB', webhookUrl: silent.url },
    });
    expect(onboarded.status).toBe(201);
    silentApiKey = onboarded.body.apiKey;
    const kafkaOnly = await request('POST', `${sut.baseUrl}/partners`, {
      key: adminKey,
      body: { slug: 'kafka-only', name: KAFKA_PARTNER, country: 'FR' },
    });
    expect(kafkaOnly.status).toBe(201);
  });

  afterAll(async () => {
    await sut?.close();
    await silent?.close();
  });

  const file = async (filing: Record<string, unknown>): Promise<string> => {
    const filed = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, { key: regulatorKey, body: filing });
    expect(filed.status).toBe(201);
    return filed.body.id;
  };
  const deliveriesOf = async (incidentId: string): Promise<DeliveryView[]> =>
    (await request<{ deliveries: DeliveryView[] }>('GET', `${sut.baseUrl}/incidents/${incidentId}`, { key: regulatorKey })).body.deliveries;
  const deliveryTo = async (incidentId: string, partnerName: string): Promise<DeliveryView | undefined> =>
    (await deliveriesOf(incidentId)).find((delivery) => delivery.partnerName === partnerName);
  const webhooksFor = (incidentId: string): string[] =>
    silent.received
      .filter((entry) => (JSON.parse(entry.body) as { data: { incident: { id: string } } }).data.incident.id === incidentId)
      .map((entry) => String(entry.headers['webhook-id']));
  const overdueList = async (): Promise<OverdueAlert[]> => {
    const response = await request<{ items: OverdueAlert[]; nextCursor: string | null }>('GET', `${sut.baseUrl}/alerts/overdue?limit=100`, { key: adminKey });
    expect(response.status).toBe(200);
    return response.body.items;
  };

  let routineIncident: string;

  it('re-sends an unacknowledged flash alert with the same webhook-id, marks it overdue and lists it, up to ESCALATION_MAX_RESENDS', async () => {
    const flashIncident = await file(flash);
    routineIncident = await file(routine);
    await waitFor(async () => webhooksFor(routineIncident), (ids) => ids.length === 1, { description: 'the routine alert delivered' });

    const ids = await waitFor(async () => webhooksFor(flashIncident), (sent) => sent.length === 3, {
      description: 'the flash alert sent, then re-sent twice',
      timeoutMs: 45_000,
    });
    const delivery = await waitFor(
      () => deliveryTo(flashIncident, WEBHOOK_PARTNER),
      (view) => view?.escalations === 2 && view.status === 'delivered',
      { description: 'two escalations recorded and the last re-send accepted' },
    );
    expect(new Set(ids)).toEqual(new Set([delivery!.alertId]));
    expect(delivery).toMatchObject({ status: 'delivered', acknowledgedAt: null, ackDueAt: null, escalations: 2 });
    expect(delivery!.overdueAt).not.toBeNull();

    const overdue = await overdueList();
    expect(overdue.find((alert) => alert.alertId === delivery!.alertId)).toMatchObject({
      partnerName: WEBHOOK_PARTNER,
      incidentId: flashIncident,
      incidentTitle: flash.title,
      urgency: 'flash',
      ackDueAt: null,
      overdueAt: delivery!.overdueAt,
      escalations: 2,
    });
    // The Kafka-only partner has the alert on its topic: nothing to re-send, but it is overdue all the same.
    expect(overdue.find((alert) => alert.incidentId === flashIncident && alert.partnerName === KAFKA_PARTNER)).toMatchObject({
      status: 'available',
      urgency: 'flash',
    });
    expect(overdue.some((alert) => alert.incidentId === routineIncident)).toBe(false);

    // Nothing more after the last escalation: still exactly three requests once the scheduler has moved on.
    expect(webhooksFor(flashIncident)).toHaveLength(3);
  });

  it('stops escalating once the partner acknowledges', async () => {
    const flashIncident = await file({ ...flash, country: 'DE' });
    await waitFor(async () => webhooksFor(flashIncident), (sent) => sent.length === 2, { description: 'one re-send', timeoutMs: 45_000 });
    const escalated = await waitFor(
      () => deliveryTo(flashIncident, WEBHOOK_PARTNER),
      (view) => view?.escalations === 1,
      { description: 'the first escalation recorded' },
    );
    const ack = await request('POST', `${sut.baseUrl}/alerts/${escalated!.alertId}/ack`, { key: silentApiKey, body: { note: 'seen' } });
    expect(ack.status).toBe(200);
    expect((await overdueList()).some((alert) => alert.alertId === escalated!.alertId)).toBe(false);

    // A flash alert filed after the acknowledgement is due after the acknowledged alert's next deadline; once the
    // scheduler has escalated it, it has also passed the acknowledged one (it claims due rows in deadline order).
    const witness = await file({ ...flash, country: 'IT' });
    await waitFor(() => deliveryTo(witness, WEBHOOK_PARTNER), (view) => (view?.escalations ?? 0) >= 1, {
      description: 'the later flash alert escalated',
      timeoutMs: 45_000,
    });
    expect(Date.parse(escalated!.ackDueAt!)).toBeLessThan(Date.now());
    expect(await deliveryTo(flashIncident, WEBHOOK_PARTNER)).toMatchObject({ escalations: 1, acknowledgedAt: expect.any(String) });
    expect(webhooksFor(flashIncident)).toHaveLength(2);
  });

  it('does not escalate a routine alert within its 72 h deadline', async () => {
    const delivery = await deliveryTo(routineIncident, WEBHOOK_PARTNER);
    expect(delivery).toMatchObject({ status: 'delivered', overdueAt: null, escalations: 0 });
    expect(Date.parse(delivery!.ackDueAt!) - Date.now()).toBeGreaterThan(71 * 3600 * 1000);
    expect(webhooksFor(routineIncident)).toHaveLength(1);
  });

  it('answers GET /alerts/overdue to admins only, in keyset pages', async () => {
    const forbidden = await request('GET', `${sut.baseUrl}/alerts/overdue`, { key: regulatorKey });
    expect(forbidden.status).toBe(403);
    const all = await overdueList();
    expect(all.length).toBeGreaterThanOrEqual(3);
    const first = await request<{ items: OverdueAlert[]; nextCursor: string }>('GET', `${sut.baseUrl}/alerts/overdue?limit=1`, { key: adminKey });
    const second = await request<{ items: OverdueAlert[] }>('GET', `${sut.baseUrl}/alerts/overdue?limit=1&after=${first.body.nextCursor}`, { key: adminKey });
    expect([...first.body.items, ...second.body.items].map((alert) => alert.alertId)).toEqual(all.slice(0, 2).map((alert) => alert.alertId));
    const badLimit = await request('GET', `${sut.baseUrl}/alerts/overdue?limit=101`, { key: adminKey });
    expect(badLimit.status).toBe(400);
  });
});
