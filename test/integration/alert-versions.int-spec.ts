import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadDemoIncidents } from '../support/demo-incidents.js';
import { request } from '../support/http.js';
import { startRecordingPartner, type RecordingPartner } from '../support/recording-partner.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

/**
 * Alert versions through the real Kafka topics and PostgreSQL: an amendment sends Update alerts that reference the
 * earlier version, narrowing TLP to RED cancels, and a retraction reaches every earlier recipient, including one
 * whose subscription no longer matches.
 */
describe('alert versions: Alert → Update → Cancel', () => {
  let sut: TestApp;
  let regulatorKey: string;
  let everything: RecordingPartner;
  let britishOnly: RecordingPartner;
  const filing = loadDemoIncidents().find((entry) => entry.filing.tlp === 'GREEN')!.filing;

  beforeAll(async () => {
    sut = await startTestApp('versions');
    const adminKey = await sut.issueKey('admin');
    regulatorKey = await sut.issueKey('regulator');
    everything = await startRecordingPartner();
    britishOnly = await startRecordingPartner();
    for (const [slug, partner, subscriptions] of [
      ['everything', everything, [{ all: true }]],
      ['british-only', britishOnly, [{ countries: ['GB'] }]],
    ] as const) {
      const response = await request('POST', `${sut.baseUrl}/partners`, {
        key: adminKey,
        body: { slug, name: slug, country: 'SG', webhookUrl: partner.url, subscriptions },
      });
      expect(response.status).toBe(201);
    }
  });

  afterAll(async () => {
    await sut?.close();
    await everything?.close();
    await britishOnly?.close();
  });

  const alertsAt = (partner: RecordingPartner, count: number) =>
    waitFor(async () => partner.alerts(), (alerts) => alerts.length >= count, { description: `${count} alerts` });

  it('sends Update (referencing the first alert) to both earlier recipients after an amendment, then Cancel to both on retraction', async () => {
    const filed = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, { key: regulatorKey, body: { ...filing, country: 'GB' } });
    expect(filed.status).toBe(201);
    const [first] = await alertsAt(britishOnly, 1);
    expect(first).toMatchObject({ msgType: 'Alert', version: 1, references: [] });

    // The amendment moves the incident out of britishOnly's subscription; it still holds version 1, so it gets the Update.
    const amended = await request<{ version: number }>('PATCH', `${sut.baseUrl}/incidents/${filed.body.id}`, {
      key: regulatorKey,
      body: { country: 'FR', harmDescription: 'Pedestrian killed.' },
    });
    expect(amended.body.version).toBe(2);
    const afterAmendment = await alertsAt(britishOnly, 2);
    expect(afterAmendment[1]).toMatchObject({ msgType: 'Update', version: 2, references: [first.alertId] });

    const retracted = await request<{ version: number }>('POST', `${sut.baseUrl}/incidents/${filed.body.id}/retraction`, {
      key: regulatorKey,
      body: { reason: 'Filed in error' },
    });
    expect(retracted.status).toBe(200);
    for (const partner of [everything, britishOnly]) {
      const alerts = await alertsAt(partner, 3);
      expect(alerts.map((alert) => [alert.msgType, alert.version])).toEqual([
        ['Alert', 1],
        ['Update', 2],
        ['Cancel', 3],
      ]);
      expect(alerts[2].note).toBe('Filed in error');
      expect(alerts[2].references).toEqual([alerts[0].alertId, alerts[1].alertId]);
      expect(new Set(partner.received.map((entry) => entry.headers['webhook-id'])).size).toBe(3);
    }
    const view = await request<{ incident: { status: string; version: number } }>('GET', `${sut.baseUrl}/incidents/${filed.body.id}`, {
      key: regulatorKey,
    });
    expect(view.body.incident).toMatchObject({ status: 'retracted', version: 3 });
    const again = await request<{ code: string }>('POST', `${sut.baseUrl}/incidents/${filed.body.id}/retraction`, {
      key: regulatorKey,
      body: { reason: 'twice' },
    });
    expect([again.status, again.body.code]).toEqual([409, 'INCIDENT.RETRACTED']);
  });

  it('cancels for earlier recipients when an amendment narrows the marking to RED', async () => {
    const before = everything.alerts().length;
    const filed = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, { key: regulatorKey, body: { ...filing, country: 'DE' } });
    await alertsAt(everything, before + 1);
    await request('PATCH', `${sut.baseUrl}/incidents/${filed.body.id}`, {
      key: regulatorKey,
      body: { tlp: 'RED', description: 'CONFIDENTIAL: the victim was the national grid operator.' },
    });
    const alerts = await alertsAt(everything, before + 2);
    expect(alerts[before + 1]).toMatchObject({ msgType: 'Cancel', version: 2, note: 'sharing narrowed to TLP:RED' });
    // The Cancel must not carry the content the partner may no longer see.
    expect(everything.received[before + 1].body).not.toContain('national grid');
  });

  it('sends a RED incident only to the partners the filer named, and refuses unknown names', async () => {
    const beforeEverything = everything.alerts().length;
    const beforeBritish = britishOnly.alerts().length;
    const red = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, {
      key: regulatorKey,
      body: { ...filing, country: 'GB', tlp: 'RED', recipients: ['british-only'] },
    });
    expect(red.status).toBe(201);
    const alerts = await alertsAt(britishOnly, beforeBritish + 1);
    expect(alerts[beforeBritish]).toMatchObject({ msgType: 'Alert', version: 1 });
    const view = await request<{ deliveries: Array<{ partnerName: string }> }>('GET', `${sut.baseUrl}/incidents/${red.body.id}`, { key: regulatorKey });
    expect(view.body.deliveries.map((delivery) => delivery.partnerName)).toEqual(['british-only']);
    expect(everything.alerts()).toHaveLength(beforeEverything);
    const unknown = await request<{ errors: Array<{ field: string; messages: string[] }> }>('POST', `${sut.baseUrl}/incidents`, {
      key: regulatorKey,
      body: { ...filing, tlp: 'RED', recipients: ['nobody-here'] },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0]).toEqual({ field: 'recipients', messages: ['unknown partner(s): nobody-here'] });
  });

  it('refuses a removed partner as a named recipient with 400, and accepts a suspended one (its alerts are held)', async () => {
    const adminKey = await sut.issueKey('admin');
    const onboard = async (slug: string) =>
      (await request<{ id: string }>('POST', `${sut.baseUrl}/partners`, { key: adminKey, body: { slug, name: slug, country: 'SG' } })).body.id;
    const evil = await onboard('evil');
    expect((await request('DELETE', `${sut.baseUrl}/partners/${evil}`, { key: adminKey })).status).toBe(200);
    const dormant = await onboard('dormant');
    expect((await request('POST', `${sut.baseUrl}/partners/${dormant}/suspension`, { key: adminKey, body: { reason: 'maintenance' } })).status).toBe(200);
    const removed = await request<{ errors: Array<{ field: string; messages: string[] }> }>('POST', `${sut.baseUrl}/incidents`, {
      key: regulatorKey,
      body: { ...filing, tlp: 'RED', recipients: ['evil'] },
    });
    expect(removed.status).toBe(400);
    expect(removed.body.errors).toEqual([{ field: 'recipients', messages: ['removed partner(s), sent nothing: evil'] }]);
    const suspended = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, { key: regulatorKey, body: { ...filing, tlp: 'RED', recipients: ['dormant'] } });
    expect(suspended.status).toBe(201);
    const amended = await request('PATCH', `${sut.baseUrl}/incidents/${suspended.body.id}`, { key: regulatorKey, body: { recipients: ['dormant', 'evil'] } });
    expect(amended.status).toBe(400);
  });

  it('refuses null for a required field, and answers an amendment that changes nothing without a new version', async () => {
    const filed = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, { key: regulatorKey, body: { ...filing, country: 'NL' } });
    const nulls = await request<{ errors: Array<{ field: string }> }>('PATCH', `${sut.baseUrl}/incidents/${filed.body.id}`, {
      key: regulatorKey,
      body: { title: null, occurredAt: null },
    });
    expect(nulls.status).toBe(400);
    expect(nulls.body.errors.map((error) => error.field).sort()).toEqual(['occurredAt', 'title']);
    const same = await request<{ version: number }>('PATCH', `${sut.baseUrl}/incidents/${filed.body.id}`, {
      key: regulatorKey,
      body: { title: filing.title, developer: filing.developer ?? null },
    });
    expect([same.status, same.body.version]).toEqual([200, 1]);
  });

  it('refuses an empty amendment with 400 and an unknown incident with 404', async () => {
    const empty = await request<{ errors: Array<{ field: string }> }>('PATCH', `${sut.baseUrl}/incidents/6f1c1f0e-8a4b-4c6d-9e2f-0a1b2c3d4e5f`, {
      key: regulatorKey,
      body: {},
    });
    expect(empty.status).toBe(400);
    const unknown = await request('PATCH', `${sut.baseUrl}/incidents/6f1c1f0e-8a4b-4c6d-9e2f-0a1b2c3d4e5f`, { key: regulatorKey, body: { title: 'x' } });
    expect(unknown.status).toBe(404);
  });
});
