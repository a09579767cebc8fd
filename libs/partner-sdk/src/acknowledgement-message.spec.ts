import { describe, expect, it } from '@jest/globals';
import { buildAcknowledgementRecord, parseAcknowledgementRecord, type AcknowledgementOptions } from './acknowledgement-message.js';
import { failureOf } from '../test/verification-failure.js';

const ALERT_ID = '4c1d3f57-6a0e-5b7e-9c2a-0f1e2d3c4b5a';

const options = (overrides: Partial<AcknowledgementOptions> = {}): AcknowledgementOptions => ({
  partnerSlug: 'fr-window',
  alertId: ALERT_ID,
  ...overrides,
});

/** As a broker hands the record back: headers and value as bytes. */
const consumed = (record: ReturnType<typeof buildAcknowledgementRecord>['message']) => ({
  key: Buffer.from(record.key),
  value: Buffer.from(record.value),
  headers: Object.fromEntries(Object.entries(record.headers).map(([name, value]) => [name, Buffer.from(value)])),
});

describe(buildAcknowledgementRecord.name, () => {
  it('builds a binary-mode CloudEvents record on the partner acknowledgement topic, keyed by the alert id', () => {
    const sut = buildAcknowledgementRecord(options({ topicPrefix: 'aisw', id: 'ack-1', time: new Date('2026-11-29T10:00:00Z'), note: 'received' }));

    expect(sut.topic).toBe('aisw.partner.fr-window.acks.v1');
    expect(sut.id).toBe('ack-1');
    expect(sut.message.key).toBe(ALERT_ID);
    expect(sut.message.headers).toMatchObject({
      ce_specversion: '1.0',
      ce_id: 'ack-1',
      ce_type: 'org.aisw.alert.acknowledgement.v1',
      ce_source: '/aisw/partners/fr-window',
      ce_subject: ALERT_ID,
      ce_time: '2026-11-29T10:00:00.000Z',
      ce_dataschema: 'https://aisw.example/schemas/acknowledgement/v1.json',
    });
    expect(JSON.parse(sut.message.value)).toEqual({ alertId: ALERT_ID, note: 'received' });
  });

  it('carries a follow-up with fields and a request for assistance, which read back unchanged', () => {
    const followUp = { text: 'The model was withdrawn here too.', fields: { affectedUsers: 1200, withdrawn: true, region: 'Île-de-France' } };
    const assistanceRequest = { request: 'Share the vendor contact', urgency: 'priority' as const };

    const sut = parseAcknowledgementRecord(consumed(buildAcknowledgementRecord(options({ followUp, assistanceRequest })).message));

    expect(sut.data).toEqual({ alertId: ALERT_ID, followUp, assistanceRequest });
    expect(sut.source).toBe('/aisw/partners/fr-window');
  });

  it('refuses, naming the member, a note over 2000 characters, an unknown urgency and a field of another type', () => {
    const sut = failureOf(() => buildAcknowledgementRecord(options({
      note: 'x'.repeat(2001),
      assistanceRequest: { request: 'help', urgency: 'soon' as never },
      followUp: { text: 'see', fields: { nested: {} as never } },
    })));

    expect(sut.reason).toBe('invalid-envelope');
    expect(sut.details.map((problem) => problem.path)).toEqual(
      expect.arrayContaining(['/data/note', '/data/assistanceRequest/urgency', '/data/followUp/fields/nested']),
    );
  });

  it('refuses a partner slug that is not [a-z0-9-]', () => {
    expect(failureOf(() => buildAcknowledgementRecord(options({ partnerSlug: 'FR Window' }))).details.map((problem) => problem.path)).toContain('/source');
  });
});

describe(parseAcknowledgementRecord.name, () => {
  it('refuses a record whose subject is not the acknowledged alert', () => {
    const { message } = buildAcknowledgementRecord(options());
    const record = consumed({ ...message, headers: { ...message.headers, ce_subject: 'a6b0c1d2-0000-4000-8000-000000000000' } });

    expect(failureOf(() => parseAcknowledgementRecord(record)).details).toEqual([{ path: '/subject', message: 'must equal /data/alertId' }]);
  });

  it('refuses an alert event, a record without CloudEvents headers and a value that is not JSON', () => {
    const { message } = buildAcknowledgementRecord(options());

    expect(failureOf(() => parseAcknowledgementRecord(consumed({ ...message, headers: { ...message.headers, ce_type: 'org.aisw.alert.v1' } }))).details)
      .toContainEqual({ path: '/type', message: 'must be "org.aisw.alert.acknowledgement.v1"' });
    expect(failureOf(() => parseAcknowledgementRecord({ key: null, value: Buffer.from('{}'), headers: {} })).details.map((problem) => problem.path))
      .toEqual(['/specversion', '/id', '/time']);
    expect(failureOf(() => parseAcknowledgementRecord({ ...consumed(message), value: Buffer.from('{not json') })).reason).toBe('invalid-envelope');
  });

  it('refuses unknown data members, so a misspelt followUp is not silently dropped', () => {
    const { message } = buildAcknowledgementRecord(options());
    const record = consumed({ ...message, value: JSON.stringify({ alertId: ALERT_ID, folowUp: { text: 'x' } }) });

    expect(failureOf(() => parseAcknowledgementRecord(record)).details).toContainEqual({ path: '/data', message: 'must NOT have additional properties' });
  });
});
