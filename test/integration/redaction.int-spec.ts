import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseAlertEvent } from '@app/partner-sdk';
import { request } from '../support/http.js';
import { startRecordingPartner, type RecordingPartner } from '../support/recording-partner.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { receiveVerifiedAlert } from '../support/verified-alert.js';
import { waitFor } from '../support/wait-for.js';

interface Snapshot {
  title: string;
  description: string;
  developer: string | null;
  harmDescription: string | null;
  personalFields?: string[];
  version: number;
}

/**
 * Redaction before anything leaves the jurisdiction (issue 6): a filing with an e-mail address, a phone number, a
 * resident id and fields marked personal reaches a real partner endpoint (through the real Kafka topics) redacted,
 * signed over the redacted content; the filer still reads the original; the public feed is redacted the same way.
 */
describe('redaction of alerts and the public feed', () => {
  let sut: TestApp;
  let regulatorKey: string;
  let partner: RecordingPartner;
  let webhookSecret: string;
  const description =
    'A voice-cloning chatbot called the victim on 138 0013 8000 and +86 138-0013-8000 and sent a deepfake to zhang.wei@example.cn; ' +
    'her resident id 11010519491231002X was used to open a loan.';
  const filing = {
    title: 'Voice clone used to defraud a pensioner',
    description,
    occurredAt: '2025-03-01',
    country: 'CN',
    language: 'en',
    reportingOrganisation: 'Cyberspace Administration of China',
    developer: 'Wang Lei (individual developer)',
    harmDescription: 'Ms Zhang, 72, of Chaoyang District lost her savings.',
    tlp: 'CLEAR',
    personalFields: ['harmDescription', 'developer'],
  };

  beforeAll(async () => {
    sut = await startTestApp('redaction');
    const adminKey = await sut.issueKey('admin');
    regulatorKey = await sut.issueKey('regulator');
    partner = await startRecordingPartner();
    const onboarded = await request<{ webhookSecret: string }>('POST', `${sut.baseUrl}/partners`, {
      key: adminKey,
      body: { slug: 'recorder', name: 'Recording Single Window', country: 'GB', webhookUrl: partner.url },
    });
    expect(onboarded.status).toBe(201);
    webhookSecret = onboarded.body.webhookSecret;
  });

  afterAll(async () => {
    await sut?.close();
    await partner?.close();
  });

  it('sends the partner a redacted, schema-valid alert whose signature verifies, and shows the filer the original', async () => {
    const filed = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, { key: regulatorKey, body: filing });
    expect(filed.status).toBe(201);
    const { received, event } = await receiveVerifiedAlert(sut.baseUrl, partner, filed.body.id, webhookSecret);

    const data = event.data as unknown as { incident: Snapshot; redactions: Record<string, number> };
    expect(data.incident.description).toBe(
      'A voice-cloning chatbot called the victim on [redacted:phone] and [redacted:phone] and sent a deepfake to [redacted:email]; ' +
        'her resident id [redacted:cnResidentId] was used to open a loan.',
    );
    expect(data.incident.harmDescription).toBe('[redacted:personalField]');
    expect(data.incident.developer).toBe('[redacted:personalField]');
    expect(data.incident.title).toBe(filing.title);
    expect(data.incident.personalFields).toEqual(['harmDescription', 'developer']);
    expect(data.redactions).toEqual({ phone: 2, email: 1, cnResidentId: 1, personalField: 2 });
    for (const secret of ['138 0013 8000', '138-0013-8000', 'zhang.wei@example.cn', '11010519491231002X', 'Wang Lei', 'Chaoyang']) {
      expect(received.body).not.toContain(secret);
    }

    const view = await request<{ incident: Snapshot }>('GET', `${sut.baseUrl}/incidents/${filed.body.id}`, { key: regulatorKey });
    expect(view.status).toBe(200);
    expect(view.body.incident).toEqual(
      expect.objectContaining({ description, developer: filing.developer, harmDescription: filing.harmDescription, personalFields: filing.personalFields }),
    );

    const feed = await request<{ items: Array<{ id: string; description: string; developer: string; redactions: Record<string, number> }> }>(
      'GET',
      `${sut.baseUrl}/public/alerts`,
    );
    const entry = feed.body.items.find((item) => item.id === filed.body.id);
    expect(entry?.description).toBe(data.incident.description);
    expect(entry?.developer).toBe('[redacted:personalField]');
    expect(entry?.redactions).toEqual({ phone: 2, email: 1, cnResidentId: 1, personalField: 1 });
  });

  it('redacts a bare Chinese mobile number in a US filing with this (CN) window in the feed as in the partner alert', async () => {
    // Bare numbers are read by the formats of the country, the filing jurisdiction and CN for Chinese text (phoneRegions).
    const filed = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, {
      key: regulatorKey,
      body: { ...filing, country: 'US', language: 'en', description: 'Call 13812345678 or mail a.b@corp.cn', personalFields: [] },
    });
    expect(filed.status).toBe(201);
    const { event } = await receiveVerifiedAlert(sut.baseUrl, partner, filed.body.id, webhookSecret);
    const data = event.data as unknown as { incident: Snapshot; redactions: Record<string, number> };
    expect(data.incident.description).toBe('Call [redacted:phone] or mail [redacted:email]');

    const feed = await request<{ items: Array<{ id: string; description: string; redactions: Record<string, number> }> }>('GET', `${sut.baseUrl}/public/alerts`);
    const entry = feed.body.items.find((item) => item.id === filed.body.id);
    expect(entry?.description).toBe('Call [redacted:phone] or mail [redacted:email]');
    expect(entry?.redactions).toEqual({ phone: 1, email: 1 });
  });

  it('sends an Update when an amendment unmarks a field, with that field now in clear', async () => {
    const filed = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, {
      key: regulatorKey,
      body: { ...filing, description: 'A chatbot gave dangerous advice.', personalFields: ['developer'] },
    });
    expect(filed.status).toBe(201);
    const amended = await request('PATCH', `${sut.baseUrl}/incidents/${filed.body.id}`, { key: regulatorKey, body: { personalFields: null } });
    expect(amended.status).toBe(200);
    const alerts = await waitFor(
      async () => partner.received.filter((entry) => entry.body.includes(filed.body.id)).map((entry) => parseAlertEvent(entry.body).data as unknown as { msgType: string; incident: Snapshot }),
      (entries) => entries.length === 2,
      { description: 'the alert and its update', timeoutMs: 60_000 },
    );
    expect(alerts.map((alert) => [alert.msgType, alert.incident.developer])).toEqual([
      ['Alert', '[redacted:personalField]'],
      ['Update', filing.developer],
    ]);
  });

  it('refuses a personalFields entry that is not a filing field, naming the field', async () => {
    const response = await request<{ errors: Array<{ field: string }> }>('POST', `${sut.baseUrl}/incidents`, {
      key: regulatorKey,
      body: { ...filing, personalFields: ['harmDescription', 'password'] },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error) => error.field)).toEqual(['personalFields']);
  });
});
