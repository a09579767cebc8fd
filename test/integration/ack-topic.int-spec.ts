import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { buildAcknowledgementRecord, type AcknowledgementOptions } from '@app/partner-sdk';
import { AckTopicConsumer } from '../../src/dissemination/ack-topic.consumer.js';
import { alertIdFor } from '../../src/dissemination/alert-id.js';
import { loadDemoIncidents } from '../support/demo-incidents.js';
import { request } from '../support/http.js';
import { startRecordingPartner, type RecordingPartner } from '../support/recording-partner.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { TEST_KAFKA_BROKERS } from '../support/test-environment.js';
import { waitFor } from '../support/wait-for.js';

interface FollowUpView {
  id: string;
  origin: string;
  kind: string;
  partnerName: string | null;
  alertId: string | null;
  version: number | null;
  text: string;
  fields: Record<string, unknown> | null;
  urgency: string | null;
  answer: string | null;
  answeredBy: string | null;
}

interface DeliveryView {
  partnerId: string;
  partnerName: string;
  alertId: string;
  version: number;
  acknowledgedAt: string | null;
  acknowledgementNote: string | null;
  followUps: FollowUpView[];
}

/**
 * Acknowledgements produced to the partners' own acknowledgement topics on the real broker, follow-ups and requests
 * for assistance (Kafka and REST) travelling back to the filer, and the filer's own follow-up as an Update alert.
 */
describe('acknowledgement topics and follow-ups', () => {
  let sut: TestApp;
  let producer: Producer;
  let adminKey: string;
  let regulatorKey: string;
  let hook: RecordingPartner;
  let hookApiKey: string;
  let incidentId: string;
  const filing = loadDemoIncidents().find((entry) => entry.filing.tlp === 'GREEN')!.filing;

  beforeAll(async () => {
    sut = await startTestApp('ack-topic', { ACK_TOPIC_UNKNOWN_ALERT_WAIT_SECONDS: '10' });
    adminKey = await sut.issueKey('admin');
    regulatorKey = await sut.issueKey('regulator');
    hook = await startRecordingPartner();
    for (const [slug, webhookUrl] of [['kafka-fr', undefined], ['kafka-de', undefined], ['hook-gb', hook.url]] as const) {
      const onboarded = await request<{ apiKey: string }>('POST', `${sut.baseUrl}/partners`, {
        key: adminKey,
        body: { slug, name: slug, country: 'SG', subscriptions: [{ all: true }], ...(webhookUrl ? { webhookUrl } : {}) },
      });
      expect(onboarded.status).toBe(201);
      if (slug === 'hook-gb') hookApiKey = onboarded.body.apiKey;
    }
    producer = new Kafka({ brokers: TEST_KAFKA_BROKERS.split(','), clientId: 'ack-topic-test', logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    const filed = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, { key: regulatorKey, body: filing });
    expect(filed.status).toBe(201);
    incidentId = filed.body.id;
    await waitFor(deliveries, (rows) => rows.length === 3, { description: 'the alert recorded for the three partners' });
  });

  afterAll(async () => {
    await producer?.disconnect();
    await sut?.close();
    await hook?.close();
  });

  async function deliveries(): Promise<DeliveryView[]> {
    return (await request<{ deliveries: DeliveryView[] }>('GET', `${sut.baseUrl}/incidents/${incidentId}`, { key: regulatorKey })).body.deliveries;
  }
  const deliveryTo = async (partnerName: string): Promise<DeliveryView> => (await deliveries()).find((row) => row.partnerName === partnerName)!;
  const outcomes = () => sut.app.get(AckTopicConsumer).outcomes();
  const produce = async (options: AcknowledgementOptions, edit: (headers: Record<string, string>) => Record<string, string> = (headers) => headers) => {
    const { topic, message } = buildAcknowledgementRecord({ topicPrefix: sut.topicPrefix, ...options });
    await producer.send({ topic, messages: [{ ...message, headers: edit(message.headers) }] });
  };

  it('applies an acknowledgement produced to the partner topic once, with its follow-up and request for assistance, however often it is sent', async () => {
    const { alertId } = await deliveryTo('kafka-fr');
    const acknowledgement: AcknowledgementOptions = {
      partnerSlug: 'kafka-fr',
      id: 'fr-ack-1',
      alertId,
      note: 'received by the French single window',
      followUp: { text: 'Same system deployed in two French hospitals.', fields: { affectedSites: 2, withdrawn: false } },
      assistanceRequest: { request: 'Share the deployer contact', urgency: 'priority' },
    };
    await produce(acknowledgement);
    await produce(acknowledgement); // a producer retry: same CloudEvents id
    await produce({ ...acknowledgement, id: 'fr-ack-2', note: 'a later note does not replace the first' });
    await waitFor(async () => outcomes().applied, (applied) => applied >= 3, { description: 'three acknowledgement messages applied' });

    const delivery = await deliveryTo('kafka-fr');
    expect(delivery.acknowledgedAt).not.toBeNull();
    expect(delivery.acknowledgementNote).toBe('received by the French single window');
    // fr-ack-2 carries the same follow-up under another id: stored again (it is another message), fr-ack-1 only once.
    const stored = delivery.followUps.map((followUp) => [followUp.kind, followUp.text, followUp.urgency].join(' | '));
    expect(stored.sort()).toEqual([
      'assistance-request | Share the deployer contact | priority',
      'assistance-request | Share the deployer contact | priority',
      'follow-up | Same system deployed in two French hospitals. | ',
      'follow-up | Same system deployed in two French hospitals. | ',
    ]);
    expect(delivery.followUps.find((followUp) => followUp.kind === 'follow-up')).toMatchObject({ origin: 'partner', partnerName: 'kafka-fr', alertId, fields: { affectedSites: 2, withdrawn: false } });
  });

  it('never lets a partner acknowledge for another: the topic names the partner; bad messages are counted and skipped', async () => {
    const before = outcomes();
    const hookAlert = (await deliveryTo('hook-gb')).alertId;
    // kafka-de acknowledges hook-gb's alert on its own topic: no alert of kafka-de has that id.
    await produce({ partnerSlug: 'kafka-de', alertId: hookAlert, note: 'not mine' });
    // kafka-de claims to be hook-gb (ce_source) on kafka-de's topic.
    await produce({ partnerSlug: 'kafka-de', alertId: hookAlert }, (headers) => ({ ...headers, ce_source: '/aisw/partners/hook-gb' }));
    const deAck = buildAcknowledgementRecord({ topicPrefix: sut.topicPrefix, partnerSlug: 'kafka-de', alertId: hookAlert });
    await producer.send({ topic: deAck.topic, messages: [{ key: 'x', value: '{not json', headers: deAck.message.headers }] });
    // The consumer is still alive: kafka-de's own acknowledgement after the bad ones applies.
    await produce({ partnerSlug: 'kafka-de', alertId: (await deliveryTo('kafka-de')).alertId });

    await waitFor(async () => outcomes().applied, (applied) => applied === before.applied + 1, { description: "kafka-de's own acknowledgement applied" });
    expect(outcomes()).toEqual({
      ...before,
      applied: before.applied + 1,
      'unknown-alert': before['unknown-alert'] + 1,
      'source-mismatch': before['source-mismatch'] + 1,
      'invalid-envelope': before['invalid-envelope'] + 1,
    });
    expect(await deliveryTo('hook-gb')).toMatchObject({ acknowledgedAt: null, followUps: [] });
    expect((await deliveryTo('kafka-de')).acknowledgedAt).not.toBeNull();
  });

  it('applies an acknowledgement that arrives before the app has recorded the alert (out of order)', async () => {
    const before = outcomes().applied;
    const { partnerId } = await deliveryTo('kafka-fr');
    const filed = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, { key: regulatorKey, body: { ...filing, country: 'JP' } });
    // Alert ids are deterministic, so a partner's acknowledgement can be produced before the alert is even routed.
    const alertId = alertIdFor(filed.body.id, partnerId, 1);
    await produce({ partnerSlug: 'kafka-fr', alertId, note: 'early' });

    await waitFor(async () => outcomes().applied, (applied) => applied === before + 1, { description: 'the early acknowledgement applied', timeoutMs: 20_000 });
    const view = await request<{ deliveries: DeliveryView[] }>('GET', `${sut.baseUrl}/incidents/${filed.body.id}`, { key: regulatorKey });
    expect(view.body.deliveries.find((row) => row.partnerName === 'kafka-fr')).toMatchObject({ alertId, acknowledgementNote: 'early' });
  });

  it('takes a follow-up with a REST acknowledgement, stores a repeated body once, and names a bad field', async () => {
    const { alertId } = await deliveryTo('hook-gb');
    const body = { note: 'seen', followUp: { text: 'No deployment in the UK.' } };
    const first = await request<{ followUpIds: string[] }>('POST', `${sut.baseUrl}/alerts/${alertId}/ack`, { key: hookApiKey, body });
    const repeat = await request<{ followUpIds: string[] }>('POST', `${sut.baseUrl}/alerts/${alertId}/ack`, { key: hookApiKey, body });
    expect(first.status).toBe(200);
    expect(repeat.body.followUpIds).toEqual(first.body.followUpIds);
    expect((await deliveryTo('hook-gb')).followUps.map((followUp) => followUp.text)).toEqual(['No deployment in the UK.']);

    const bad = await request<{ errors: Array<{ field: string }> }>('POST', `${sut.baseUrl}/alerts/${alertId}/ack`, {
      key: hookApiKey,
      body: { followUp: { text: 'x', fields: { nested: { a: 1 } } }, assistanceRequest: { request: 'help', urgency: 'soon' } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((error) => error.field).sort()).toEqual(['assistanceRequest.urgency', 'followUp.fields']);
  });

  it('lists follow-ups to the filer in keyset pages, lets an admin answer, and refuses other regulators', async () => {
    const all = await request<{ items: FollowUpView[]; nextCursor: string | null }>('GET', `${sut.baseUrl}/incidents/${incidentId}/follow-ups?limit=100`, { key: regulatorKey });
    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(5);
    expect(all.body.nextCursor).toBeNull();
    const first = await request<{ items: FollowUpView[]; nextCursor: string }>('GET', `${sut.baseUrl}/incidents/${incidentId}/follow-ups?limit=2`, { key: regulatorKey });
    const second = await request<{ items: FollowUpView[] }>('GET', `${sut.baseUrl}/incidents/${incidentId}/follow-ups?limit=2&after=${first.body.nextCursor}`, { key: regulatorKey });
    expect([...first.body.items, ...second.body.items].map((item) => item.id)).toEqual(all.body.items.slice(0, 4).map((item) => item.id));

    const request_ = all.body.items.find((item) => item.kind === 'assistance-request')!;
    const answered = await request('POST', `${sut.baseUrl}/incidents/${incidentId}/follow-ups/${request_.id}/answer`, {
      key: adminKey,
      body: { answer: 'Contact sent by secure mail.' },
    });
    expect(answered.status).toBe(200);
    const view = (await deliveryTo('kafka-fr')).followUps.find((item) => item.id === request_.id);
    expect(view).toMatchObject({ answer: 'Contact sent by secure mail.', answeredBy: 'test admin' });

    const otherRegulator = await sut.issueKey('regulator');
    expect((await request('GET', `${sut.baseUrl}/incidents/${incidentId}/follow-ups`, { key: otherRegulator })).status).toBe(403);
    expect((await request('POST', `${sut.baseUrl}/incidents/${incidentId}/follow-ups`, { key: otherRegulator, body: { text: 'x' } })).status).toBe(403);
    expect((await request('GET', `${sut.baseUrl}/incidents/${incidentId}/follow-ups`, { key: hookApiKey })).status).toBe(403);
  });

  it("sends the filer's follow-up as an Update alert referencing the first alert, once per body", async () => {
    // The text travels as the Update's note (at most 2000 characters with its prefix).
    const tooLong = await request<{ errors: Array<{ field: string }> }>('POST', `${sut.baseUrl}/incidents/${incidentId}/follow-ups`, {
      key: regulatorKey,
      body: { text: 'x'.repeat(1975) },
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors.map((error) => error.field)).toEqual(['text']);
    const body = { text: 'The deployer withdrew the system on 2026-03-20.', fields: { withdrawn: true } };
    const followUp = await request<{ id: string; version: number; followUpId: string }>('POST', `${sut.baseUrl}/incidents/${incidentId}/follow-ups`, { key: regulatorKey, body });
    expect(followUp.status).toBe(201);
    expect(followUp.body.version).toBe(2);
    const repeat = await request<{ version: number; followUpId: string }>('POST', `${sut.baseUrl}/incidents/${incidentId}/follow-ups`, { key: regulatorKey, body });
    expect(repeat.body).toEqual(followUp.body);

    const alertsOfIncident = () => hook.received
      .map((entry) => (JSON.parse(entry.body) as { data: ReturnType<RecordingPartner['alerts']>[number] & { incident: { id: string } } }).data)
      .filter((alert) => alert.incident.id === incidentId);
    const alerts = await waitFor(async () => alertsOfIncident(), (received) => received.length >= 2, { description: 'the Update at the webhook' });
    expect(alerts[1]).toMatchObject({
      msgType: 'Update',
      version: 2,
      references: [alerts[0].alertId],
      note: 'Follow-up from the filer: The deployer withdrew the system on 2026-03-20.',
    });
    await waitFor(deliveries, (rows) => rows.filter((row) => row.version === 2).length === 3, { description: 'the Update recorded for every partner' });
    const listed = await request<{ items: FollowUpView[] }>('GET', `${sut.baseUrl}/incidents/${incidentId}/follow-ups?limit=100`, { key: regulatorKey });
    expect(listed.body.items.at(-1)).toMatchObject({ origin: 'filer', version: 2, text: body.text, fields: { withdrawn: true }, partnerName: null });
    expect(alertsOfIncident()).toHaveLength(2);

    // An Idempotency-Key stands for one follow-up: the same body again answers the first result; another text, other
    // fields or another incident under that key is 422 and sends nothing.
    const keyed = (key: string, keyedBody: unknown, incident = incidentId) =>
      request<{ id: string; version: number; followUpId: string; code: string }>('POST', `${sut.baseUrl}/incidents/${incident}/follow-ups`, {
        key: regulatorKey,
        body: keyedBody,
        headers: { 'idempotency-key': key },
      });
    const first = await keyed('fu-1', { text: 'Vendor patch released.' });
    expect([first.status, first.body.version]).toEqual([201, 3]);
    expect((await keyed('fu-1', { text: 'Vendor patch released.' })).body).toEqual(first.body);
    const other = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, { key: regulatorKey, body: { ...filing, country: 'NZ' } });
    for (const [reusedBody, incident] of [
      [{ text: 'Something else entirely.' }, incidentId],
      [{ text: 'Vendor patch released.', fields: { withdrawn: true } }, incidentId],
      [{ text: 'Vendor patch released.' }, other.body.id],
    ] as const) {
      const reused = await keyed('fu-1', reusedBody, incident);
      expect([reused.status, reused.body.code]).toEqual([422, 'INCIDENT.IDEMPOTENCY_KEY_REUSED']);
    }
    const texts = (await request<{ items: FollowUpView[] }>('GET', `${sut.baseUrl}/incidents/${incidentId}/follow-ups?limit=100`, { key: regulatorKey })).body.items
      .filter((item) => item.origin === 'filer')
      .map((item) => item.text);
    expect(texts).toEqual([body.text, 'Vendor patch released.']);
  });

  it('answers the first result for an Idempotency-Key sent again with its body, and 422 storing nothing for another body', async () => {
    const filed = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, { key: regulatorKey, body: { ...filing, country: 'KR' } });
    const deliveriesOf = async () => (await request<{ deliveries: DeliveryView[] }>('GET', `${sut.baseUrl}/incidents/${filed.body.id}`, { key: regulatorKey })).body.deliveries;
    const recorded = await waitFor(deliveriesOf, (rows) => rows.some((row) => row.partnerName === 'hook-gb'), { description: 'the alert recorded for hook-gb' });
    const { alertId } = recorded.find((row) => row.partnerName === 'hook-gb')!;
    const ack = (key: string, body: unknown, alert = alertId) =>
      request<{ acknowledgedAt: string; followUpIds: string[]; status: number; code: string }>('POST', `${sut.baseUrl}/alerts/${alert}/ack`, {
        key: hookApiKey,
        body,
        headers: { 'idempotency-key': key },
      });
    const followUpsOf = async () => (await deliveriesOf()).find((row) => row.partnerName === 'hook-gb')!.followUps.map((item) => [item.kind, item.text]);

    const first = await ack('fk1', { followUp: { text: 'first text' } });
    expect([first.status, first.body.followUpIds]).toEqual([200, [expect.any(String)]]);
    const again = await ack('fk1', { followUp: { text: 'first text' } });
    expect([again.status, again.body]).toEqual([200, first.body]);

    const reused = await ack('fk1', { followUp: { text: 'SECOND DIFFERENT text' }, assistanceRequest: { request: 'Share the contact', urgency: 'flash' } });
    expect([reused.status, reused.headers.get('content-type'), reused.body.code]).toEqual([422, expect.stringContaining('application/problem+json'), 'ALERT.IDEMPOTENCY_KEY_REUSED']);
    // The key is the partner's: on another of its alerts it is reused too.
    const otherAlert = (await deliveryTo('hook-gb')).alertId;
    expect((await ack('fk1', { followUp: { text: 'first text' } }, otherAlert)).status).toBe(422);
    // A plain acknowledgement with a key, then the same key with a follow-up.
    const plainKey = await ack('fk2', {});
    expect(plainKey.status).toBe(200);
    expect((await ack('fk2', { followUp: { text: 'added under the same key' } })).status).toBe(422);

    expect(await followUpsOf()).toEqual([['follow-up', 'first text']]);
    expect((await ack('fk3', { followUp: { text: 'a new key is a new message' } })).status).toBe(200);
    expect(await followUpsOf()).toEqual([['follow-up', 'first text'], ['follow-up', 'a new key is a new message']]);
  });
});
