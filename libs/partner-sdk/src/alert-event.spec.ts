import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALERT_EVENT_V1_SCHEMA, type IncidentSnapshot } from '@app/contracts';
import { classifyIncident } from '@app/taxonomy';
import { alertData, incidentSnapshot, unsignedAlertEvent } from '../test/alert-event.factory.js';
import { AlertVerificationError } from './alert-verification-error.js';
import { parseAlertEvent } from './alert-event.js';

const signedEvent = (overrides: Record<string, unknown> = {}, data = alertData()): Record<string, unknown> => ({
  ...unsignedAlertEvent(data),
  jws: 'eyJhbGciOiJFZDI1NTE5In0..c2lnbmF0dXJl',
  ...overrides,
});

function failureOf(input: unknown): AlertVerificationError {
  try {
    parseAlertEvent(input);
  } catch (error) {
    if (error instanceof AlertVerificationError) return error;
    throw error;
  }
  throw new Error('expected parseAlertEvent to throw');
}

describe(parseAlertEvent.name, () => {
  it('returns the typed event for a valid alert given as an object, as JSON text or as bytes', () => {
    const event = signedEvent();
    const text = JSON.stringify(event);

    expect(parseAlertEvent(event)).toEqual(event);
    expect(parseAlertEvent(text)).toEqual(event);
    expect(parseAlertEvent(Buffer.from(text)).data.incident.tlp).toBe('GREEN');
  });

  it('accepts every shipped demo filing (real incidents) with what the classifier really produces for it', () => {
    const demo = JSON.parse(readFileSync(join(process.cwd(), 'deploy/demo/incidents.json'), 'utf8')) as Array<{ filing: Record<string, unknown> }>;
    const refused: string[] = [];

    for (const { filing } of demo) {
      const incident = incidentSnapshot({
        ...(filing as Partial<IncidentSnapshot>),
        occurredAt: new Date(String(filing.occurredAt)).toISOString(),
        sector: (filing.sector as string | undefined) ?? null,
        aiSystemName: (filing.aiSystemName as string | undefined) ?? null,
        developer: (filing.developer as string | undefined) ?? null,
        deployer: (filing.deployer as string | undefined) ?? null,
        harmDescription: (filing.harmDescription as string | undefined) ?? null,
        sourceUrls: (filing.sourceUrls as string[] | undefined) ?? [],
        tlp: (filing.tlp as IncidentSnapshot['tlp'] | undefined) ?? 'GREEN',
      });
      const classification = classifyIncident({
        title: incident.title,
        description: incident.description,
        harmDescription: incident.harmDescription ?? undefined,
        language: incident.language,
        proposedLabels: { mechanism: 'misuse' },
      });
      try {
        parseAlertEvent(signedEvent({}, alertData({ incident, classification })));
      } catch (error) {
        refused.push(`${incident.title}: ${(error as Error).message}`);
      }
    }

    expect(demo.length).toBeGreaterThan(100);
    expect(refused).toEqual([]);
  });

  it('accepts an Update and a Cancel with references and a note', () => {
    const [first, second] = [alertData(), alertData()];
    const update = alertData({ msgType: 'Update', version: 2, references: [first.alertId], note: 'incident amended' });
    const cancel = alertData({
      msgType: 'Cancel',
      version: 3,
      references: [first.alertId, second.alertId],
      note: 'Filed in error: duplicate of an earlier report',
      incident: incidentSnapshot({ version: 3, status: 'retracted' }),
    });

    expect(parseAlertEvent(signedEvent({}, update)).data.references).toEqual([first.alertId]);
    expect(parseAlertEvent(signedEvent({}, cancel)).data.incident.status).toBe('retracted');
    expect(failureOf(signedEvent({}, { ...cancel, references: ['v1'] })).details.map((p) => p.path)).toEqual(['/data/references/0']);
  });

  it('lists the path of a missing id', () => {
    const { id: _id, ...withoutId } = signedEvent();

    const error = failureOf(withoutId);

    expect(error.reason).toBe('invalid-envelope');
    expect(error.details).toEqual([{ path: '/id', message: 'is required' }]);
    expect(error.message).toContain('/id is required');
  });

  it('names the allowed values of a bad TLP marking', () => {
    const error = failureOf(signedEvent({}, alertData({ incident: incidentSnapshot({ tlp: 'PURPLE' as never }) })));

    expect(error.details).toEqual([
      { path: '/data/incident/tlp', message: 'must be one of "CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"' },
    ]);
  });

  it('lists every violation at once, with JSON Pointer paths', () => {
    const data = alertData({ msgType: 'Notice' as never, sentAt: 'yesterday' });
    data.incident = incidentSnapshot({ title: '', sourceUrls: ['ftp://example.org/file'], language: 'fr' as never });

    const error = failureOf(signedEvent({ specversion: '0.3', type: 'org.aisw.alert.v2', subject: 'not-a-uuid' }, data));

    expect(error.details.map((problem) => problem.path).sort()).toEqual([
      '/data/incident/language',
      '/data/incident/sourceUrls/0',
      '/data/incident/title',
      '/data/msgType',
      '/data/sentAt',
      '/specversion',
      '/subject',
      '/time', // the factory copies sentAt into time, as the router does
      '/type',
    ]);
  });

  it('allows an unknown top-level attribute (a CloudEvents extension) and unknown members in data, incident and classification', () => {
    const data = alertData();
    const extended = {
      ...data,
      priority: 'high',
      incident: { ...data.incident, severity: 'severe' },
      classification: { ...data.classification, futureFacet: ['x'], mechanism: { ...data.classification.mechanism, rationale: 'text' } },
    };

    expect(() => parseAlertEvent(signedEvent({ traceparent: '00-abc-def-01' }, extended))).not.toThrow();
  });

  it('refuses a missing or malformed jws, bad formats and out-of-range values', () => {
    const { jws: _jws, ...unsigned } = signedEvent();
    const data = alertData({ partnerId: 'partner-1', version: 0 });
    data.classification.magnitude.confidence = 1.5;
    data.classification.source.label = 'vendor' as never;
    data.incident.occurredAt = '2018-03-18';

    expect(failureOf(unsigned).details).toEqual([{ path: '/jws', message: 'is required' }]);
    expect(failureOf(signedEvent({ jws: 'a.b.c' })).details.map((p) => p.path)).toEqual(['/jws']);
    expect(failureOf(signedEvent({}, data)).details.map((p) => p.path).sort()).toEqual([
      '/data/classification/magnitude/confidence',
      '/data/classification/source/label',
      '/data/incident/occurredAt',
      '/data/partnerId',
      '/data/version',
    ]);
  });

  it('refuses control characters the filing endpoint refuses, but keeps tabs, new lines and Chinese text', () => {
    const ok = alertData({ incident: incidentSnapshot({ description: '自动驾驶汽车\t撞击行人\r\n第二行', language: 'zh' }) });
    const bad = alertData({ incident: incidentSnapshot({ title: 'bell\u0007' }) });

    expect(() => parseAlertEvent(signedEvent({}, ok))).not.toThrow();
    expect(failureOf(signedEvent({}, bad)).details.map((p) => p.path)).toEqual(['/data/incident/title']);
  });

  it('checks the known kinds of evidence and lets new kinds through', () => {
    const data = alertData();
    data.classification.mechanism.evidence = [
      { kind: 'phrase', field: 'summary' as never, start: 0, end: 1, text: 'x', term: 'x', supports: 'misuse', weight: 1 },
      { kind: 'model', supports: 'misuse', weight: 0.5, model: 'v2' } as never,
    ];

    expect(failureOf(signedEvent({}, data)).details).toEqual([
      { path: '/data/classification/mechanism/evidence/0/field', message: 'must be one of "title", "description", "harmDescription"' },
    ]);
  });

  it('answers invalid-envelope for text that is not JSON or not an object', () => {
    expect(failureOf('{"id":').details).toEqual([{ path: '', message: 'is not JSON' }]);
    expect(failureOf('[]').details).toEqual([{ path: '', message: 'must be object' }]);
  });

  it('uses a schema that is plain JSON with the published $id', () => {
    expect(JSON.parse(JSON.stringify(ALERT_EVENT_V1_SCHEMA))).toEqual(ALERT_EVENT_V1_SCHEMA);
    expect(ALERT_EVENT_V1_SCHEMA.$id).toBe('https://aisw.example/schemas/alert/v1.json');
  });
});
