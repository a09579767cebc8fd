import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseAlertEvent } from '@app/partner-sdk';
import { loadDemoIncidents } from '../support/demo-incidents.js';
import { request } from '../support/http.js';
import { startRecordingPartner, type RecordingPartner } from '../support/recording-partner.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

/** The values a RED amendment brings; none may reach a partner the marking no longer allows (match `dataOf`, not the JWS). */
const SECRETS = /ORG-SECRET-XYZ|KP|2026-11-05|"zh"|V3SECRET|THE-RETRACTION-REASON/;

interface Partner {
  id: string;
  apiKey: string;
  endpoint: RecordingPartner;
}

/**
 * A `Cancel` sent because sharing narrowed (to RED, or a RED incident's recipients narrowed) carries identifiers only,
 * through the real Kafka topics and PostgreSQL: the webhook body, the partner's CAP export and its TAXII collection
 * hold none of the new version's values, and a partner already told to delete gets no further Cancel.
 */
describe('withdrawal Cancel: identifiers only', () => {
  let sut: TestApp;
  let adminKey: string;
  let regulatorKey: string;
  let everyone: Partner;
  let named: Partner;
  const filing = loadDemoIncidents().find((entry) => entry.filing.tlp === 'GREEN')!.filing;

  const onboard = async (slug: string, subscriptions: unknown[]): Promise<Partner> => {
    const endpoint = await startRecordingPartner();
    const response = await request<{ id: string; apiKey: string }>('POST', `${sut.baseUrl}/partners`, {
      key: adminKey,
      body: { slug, name: slug, country: 'SG', webhookUrl: endpoint.url, subscriptions },
    });
    expect(response.status).toBe(201);
    return { id: response.body.id, apiKey: response.body.apiKey, endpoint };
  };

  const dataOf = (body: string): string => JSON.stringify((JSON.parse(body) as { data: unknown }).data);

  const bodiesFor = (partner: Partner, incidentId: string): string[] =>
    partner.endpoint.received.map((entry) => entry.body).filter((body) => body.includes(incidentId));

  const waitForBodies = (partner: Partner, incidentId: string, count: number) =>
    waitFor(async () => bodiesFor(partner, incidentId), (bodies) => bodies.length >= count, { description: `${count} alerts about ${incidentId}` });

  const capOf = async (alertId: string, key: string): Promise<string> => {
    const response = await fetch(`${sut.baseUrl}/alerts/${alertId}/cap`, { headers: { authorization: `Bearer ${key}` } });
    expect(response.status).toBe(200);
    return response.text();
  };

  const taxiiOf = async (partner: Partner): Promise<string> => {
    const response = await fetch(`${sut.baseUrl}/taxii2/aisw/collections/${partner.id}/objects/?match[type]=incident&match[version]=all&limit=1000`, {
      headers: { authorization: `Bearer ${partner.apiKey}`, accept: 'application/taxii+json;version=2.1' },
    });
    expect(response.status).toBe(200);
    return response.text();
  };

  beforeAll(async () => {
    sut = await startTestApp('withdrawal');
    adminKey = await sut.issueKey('admin');
    regulatorKey = await sut.issueKey('regulator');
    everyone = await onboard('everyone', [{ all: true }]);
    named = await onboard('named-only', [{ countries: ['AQ'] }]);
  });

  afterAll(async () => {
    await sut?.close();
    await everyone?.endpoint.close();
    await named?.endpoint.close();
  });

  it('sends a partner that may no longer hold the incident one Cancel without the RED values, in webhook, CAP and TAXII', async () => {
    const filed = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, { key: regulatorKey, body: { ...filing, country: 'DE' } });
    expect(filed.status).toBe(201);
    const id = filed.body.id;
    await waitForBodies(everyone, id, 1);
    const amended = await request<{ version: number }>('PATCH', `${sut.baseUrl}/incidents/${id}`, {
      key: regulatorKey,
      body: { tlp: 'RED', reportingOrganisation: 'ORG-SECRET-XYZ', country: 'KP', occurredAt: '2026-11-05', language: 'zh', recipients: ['named-only'] },
    });
    expect(amended.body.version).toBe(2);
    const [, cancelBody] = await waitForBodies(everyone, id, 2);
    const cancel = parseAlertEvent(JSON.parse(cancelBody)); // valid against the alert JSON Schema, as a partner checks
    expect(cancel.data).toMatchObject({ msgType: 'Cancel', version: 2, note: 'sharing narrowed to TLP:RED' });
    expect(cancel.data.incident).toMatchObject({ id, version: 2, tlp: 'RED', country: 'ZZ', reportingOrganisation: 'withheld', language: 'en' });
    expect(dataOf(cancelBody)).not.toMatch(SECRETS);

    // Later amendments and the retraction send the withdrawn partner nothing more; the named partner gets them.
    await request('PATCH', `${sut.baseUrl}/incidents/${id}`, { key: regulatorKey, body: { description: 'V3SECRET the operator was named' } });
    await request('POST', `${sut.baseUrl}/incidents/${id}/retraction`, { key: regulatorKey, body: { reason: 'THE-RETRACTION-REASON' } });
    await waitForBodies(named, id, 3);
    const view = await request<{ deliveries: Array<{ partnerName: string; version: number; alertId: string }> }>('GET', `${sut.baseUrl}/incidents/${id}`, {
      key: regulatorKey,
    });
    expect(view.body.deliveries.filter((delivery) => delivery.partnerName === 'everyone').map((delivery) => delivery.version).sort()).toEqual([1, 2]);
    expect(bodiesFor(everyone, id)).toHaveLength(2);

    expect(await capOf(cancel.data.alertId, everyone.apiKey)).not.toMatch(/ORG-SECRET-XYZ|Country KP|2026-11-05/);
    // The version the Cancel told the partner to delete is no longer served to it as CAP (404, as an unknown alert).
    const v1 = view.body.deliveries.find((delivery) => delivery.partnerName === 'everyone' && delivery.version === 1)!;
    const withdrawnCap = await fetch(`${sut.baseUrl}/alerts/${v1.alertId}/cap`, { headers: { authorization: `Bearer ${everyone.apiKey}` } });
    expect(withdrawnCap.status).toBe(404);
    // TAXII serves the Cancel's object, not the withdrawn v1 any more.
    const collection = await waitFor(
      () => taxiiOf(everyone),
      (body) => ((JSON.parse(body) as { objects?: Array<{ type: string }> }).objects ?? []).some((object) => object.type === 'incident'),
      { description: 'the Cancel in the TAXII collection' },
    );
    expect(collection).not.toMatch(/ORG-SECRET-XYZ|"KP"|2026-11-05/);
    const objects = ((JSON.parse(collection) as { objects?: Array<{ type: string; id: string; modified: string }> }).objects ?? []).filter((object) => object.type === 'incident');
    expect(objects).toHaveLength(1);
    expect(collection).not.toContain(filing.title);
  });

  it('withdraws a RED incident from a partner removed from its recipients, with identifiers only', async () => {
    const filed = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, {
      key: regulatorKey,
      body: { ...filing, country: 'DE', tlp: 'RED', recipients: ['everyone', 'named-only'] },
    });
    const id = filed.body.id;
    await waitForBodies(everyone, id, 1);
    await request('PATCH', `${sut.baseUrl}/incidents/${id}`, {
      key: regulatorKey,
      body: { recipients: ['named-only'], reportingOrganisation: 'ORG-SECRET-XYZ', country: 'KP' },
    });
    const [, cancelBody] = await waitForBodies(everyone, id, 2);
    expect(parseAlertEvent(JSON.parse(cancelBody)).data).toMatchObject({ msgType: 'Cancel', version: 2 });
    expect(dataOf(cancelBody)).not.toMatch(SECRETS);
    const [, update] = await waitForBodies(named, id, 2);
    expect(update).toContain('ORG-SECRET-XYZ');
  });

  it('leaves the deliveries of a RED version out of GET /incidents/{id} for other keys after the marking is widened', async () => {
    const filed = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, {
      key: regulatorKey,
      body: { ...filing, country: 'DE', tlp: 'RED', recipients: ['named-only'] },
    });
    const id = filed.body.id;
    const [first] = await waitForBodies(named, id, 1);
    const { alertId } = (JSON.parse(first) as { data: { alertId: string } }).data;
    const ack = await request('POST', `${sut.baseUrl}/alerts/${alertId}/ack`, {
      key: named.apiKey,
      body: { note: 'V1ACKNOTE seen', followUp: { text: 'V1FOLLOWUP the operator is our client' } },
    });
    expect(ack.status).toBe(200);
    await request('PATCH', `${sut.baseUrl}/incidents/${id}`, { key: regulatorKey, body: { tlp: 'GREEN' } });
    type View = { deliveries: Array<{ partnerName: string; version: number }> };
    const own = await waitFor(
      async () => (await request<View>('GET', `${sut.baseUrl}/incidents/${id}`, { key: regulatorKey })).body.deliveries,
      (deliveries) => deliveries.some((delivery) => delivery.version === 2) && deliveries.some((delivery) => delivery.version === 1),
      { description: 'both versions delivered' },
    );
    expect(own.map((delivery) => delivery.version)).toContain(1);
    for (const key of [await sut.issueKey('analyst'), adminKey, await sut.issueKey('regulator')]) {
      const view = await request<View>('GET', `${sut.baseUrl}/incidents/${id}`, { key });
      expect(view.status).toBe(200);
      expect(view.body.deliveries.map((delivery) => delivery.version)).not.toContain(1);
      expect(view.body.deliveries.length).toBeGreaterThan(0);
      expect(JSON.stringify(view.body)).not.toMatch(/V1ACKNOTE|V1FOLLOWUP/);
    }
    const followUps = (key: string) => request<{ items: Array<{ text: string }> }>('GET', `${sut.baseUrl}/incidents/${id}/follow-ups`, { key });
    expect((await followUps(adminKey)).body.items).toEqual([]);
    expect((await followUps(regulatorKey)).body.items.map((item) => item.text)).toEqual(['V1FOLLOWUP the operator is our client']);

    // The withheld partner follow-up is as unknown to the admin as a made-up id: no answer, no cursor.
    const [withheld] = (await request<{ items: Array<{ id: string }> }>('GET', `${sut.baseUrl}/incidents/${id}/follow-ups`, { key: regulatorKey })).body.items;
    const answer = await request<{ code: string }>('POST', `${sut.baseUrl}/incidents/${id}/follow-ups/${withheld.id}/answer`, {
      key: adminKey,
      body: { answer: 'we checked' },
    });
    expect([answer.status, answer.body.code]).toEqual([404, 'FOLLOW_UP.NOT_FOUND']);
    const cursor = await request('GET', `${sut.baseUrl}/incidents/${id}/follow-ups?after=${withheld.id}`, { key: adminKey });
    expect(cursor.status).toBe(400);
    expect((await request('GET', `${sut.baseUrl}/incidents/${id}/follow-ups?after=${withheld.id}`, { key: regulatorKey })).status).toBe(200);
  });

  it("leaves the filer's follow-up on a RED version out of the follow-ups other keys read after the marking is widened", async () => {
    const filed = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, { key: regulatorKey, body: { ...filing, country: 'DE' } });
    const id = filed.body.id;
    await waitForBodies(everyone, id, 1);
    const narrowed = await request('PATCH', `${sut.baseUrl}/incidents/${id}`, { key: regulatorKey, body: { tlp: 'RED', recipients: ['named-only'] } });
    expect(narrowed.status).toBe(200);
    const followUp = await request<{ version: number }>('POST', `${sut.baseUrl}/incidents/${id}/follow-ups`, {
      key: regulatorKey,
      body: { text: 'SECRETFOLLOWUP the operator is our client' },
    });
    expect([followUp.status, followUp.body.version]).toEqual([201, 3]);
    const widened = await request('PATCH', `${sut.baseUrl}/incidents/${id}`, { key: regulatorKey, body: { tlp: 'GREEN' } });
    expect(widened.status).toBe(200);
    const texts = async (key: string): Promise<string[]> =>
      (await request<{ items: Array<{ text: string }> }>('GET', `${sut.baseUrl}/incidents/${id}/follow-ups`, { key })).body.items.map((item) => item.text);
    expect(await texts(adminKey)).toEqual([]);
    expect(await texts(regulatorKey)).toEqual(['SECRETFOLLOWUP the operator is our client']);
  });
});
