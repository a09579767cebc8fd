import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { classifyIncident, type Sector } from '@app/taxonomy';
import { loadDemoIncidents } from '../support/demo-incidents.js';
import { request } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface MissingField {
  field: string;
  basis: string;
  why: string;
  mandatory?: boolean;
}

/**
 * EU AI Act Art. 73 drafts and OECD reporting-framework records of real demo incidents, against the real PostgreSQL
 * (and Kafka, which the app needs to start): validated against the schemas the app publishes, with the deadline the
 * incident view shows, the missing fields that follow from the filing, and the TLP:RED visibility rule.
 */
describe('reporting exports (EU AI Act Art. 73, OECD common reporting framework)', () => {
  let sut: TestApp;
  let regulatorKey: string;
  let otherRegulatorKey: string;
  let analystKey: string;
  let adminKey: string;
  const validators = new Map<string, (value: unknown) => boolean>();
  const demo = loadDemoIncidents().map((entry) => entry.filing);
  // A real incident in which a person died (Art. 73(4): 10 days), and one without any Art. 3(49) category.
  const classify = (filing: (typeof demo)[number]) =>
    classifyIncident({
      title: filing.title,
      description: filing.description as string,
      harmDescription: filing.harmDescription as string | undefined,
      sector: filing.sector as Sector | undefined,
    });
  const fatal = demo.find((filing) => filing.tlp !== 'RED' && classify(filing).euAiAct.deadlineDays === 10)!;
  const uncategorised = demo.find((filing) => filing.tlp !== 'RED' && classify(filing).euAiAct.category === null)!;
  const red = demo.find((filing) => filing.tlp === 'RED')!;

  const file = async (body: Record<string, unknown>, key = regulatorKey): Promise<string> => {
    const response = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, { key, body });
    expect(response.status).toBe(201);
    return response.body.id;
  };
  const exportOf = <T>(id: string, kind: 'eu-ai-act-art73' | 'oecd-crf', key: string) =>
    request<T>('GET', `${sut.baseUrl}/incidents/${id}/reports/${kind}`, { key });

  beforeAll(async () => {
    sut = await startTestApp('reporting-exports');
    [regulatorKey, otherRegulatorKey, analystKey, adminKey] = await Promise.all([
      sut.issueKey('regulator'),
      sut.issueKey('regulator'),
      sut.issueKey('analyst'),
      sut.issueKey('admin'),
    ]);
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    ajvFormats.default(ajv);
    for (const kind of ['eu-ai-act-art73', 'oecd-crf']) {
      const schema = await fetch(`${sut.baseUrl}/schemas/reports/${kind}/v1.json`);
      expect(schema.status).toBe(200);
      expect(schema.headers.get('content-type')).toContain('application/schema+json');
      validators.set(kind, ajv.compile((await schema.json()) as object));
    }
  });

  afterAll(() => sut?.close());

  it('drafts the Art. 73 report of a fatal incident with the 10-day deadline the incident view shows, valid against the published schema', async () => {
    const id = await file(fatal);
    const view = await request<{ classification: { euAiAct: { deadlineDays: number; category: string } } }>('GET', `${sut.baseUrl}/incidents/${id}`, { key: analystKey });
    for (const key of [regulatorKey, analystKey, adminKey]) {
      const response = await exportOf<{ deadline: { days: number; legalBasis: string }; incident: { category: string; article3Point: string }; missingFields: MissingField[]; sourceIncident: { id: string } }>(
        id,
        'eu-ai-act-art73',
        key,
      );
      expect(response.status).toBe(200);
      expect(validators.get('eu-ai-act-art73')!(response.body)).toBe(true);
      expect(response.body.sourceIncident.id).toBe(id);
      expect(response.body.deadline.days).toBe(view.body.classification.euAiAct.deadlineDays);
      expect(response.body.deadline.legalBasis).toContain('Art. 73(4)');
      expect(response.body.incident).toMatchObject({ category: view.body.classification.euAiAct.category, article3Point: 'a' });
      expect(response.body.missingFields.map((item) => item.field)).toEqual(expect.arrayContaining(['deadline.awarenessAt', 'aiSystem.version', 'causalLink.assessment']));
    }
  });

  it('lists the AI system name as missing until an amendment supplies it, and follows the classification of the newest version', async () => {
    const id = await file({ ...uncategorised, aiSystemName: undefined });
    const before = await exportOf<{ aiSystem: { name: string | null }; incident: { category: string | null }; deadline: { days: number | null }; missingFields: MissingField[] }>(id, 'eu-ai-act-art73', analystKey);
    expect(validators.get('eu-ai-act-art73')!(before.body)).toBe(true);
    expect(before.body.incident.category).toBeNull();
    expect(before.body.deadline.days).toBeNull();
    expect(before.body.missingFields.map((item) => item.field)).toEqual(expect.arrayContaining(['aiSystem.name', 'incident.category']));
    const amended = await request('PATCH', `${sut.baseUrl}/incidents/${id}`, {
      key: regulatorKey,
      body: { aiSystemName: 'Example Triage Model', harmDescription: 'A patient died after the system ranked the case as not urgent.' },
    });
    expect(amended.status).toBe(200);
    const after = await exportOf<{ aiSystem: { name: string }; incident: { category: string }; deadline: { days: number }; missingFields: MissingField[] }>(id, 'eu-ai-act-art73', analystKey);
    expect(after.body.aiSystem.name).toBe('Example Triage Model');
    expect(after.body.incident.category).toBe('death_or_serious_health_harm');
    expect(after.body.deadline.days).toBe(10);
    expect(after.body.missingFields.map((item) => item.field)).not.toContain('aiSystem.name');
  });

  it('builds an OECD record with the seven mandatory criteria checked, valid against the published schema', async () => {
    const id = await file(fatal);
    const response = await exportOf<{
      metadata: { title: string; submitter: { name: string; jurisdiction: string }; supportingMaterials: string[] };
      harmDetails: { harmTypes: string[]; severity: string };
      aiSystem: { relationToIncident: { mechanism: string } | null };
      mandatoryComplete: boolean;
      missingFields: MissingField[];
    }>(id, 'oecd-crf', analystKey);
    expect(response.status).toBe(200);
    expect(validators.get('oecd-crf')!(response.body)).toBe(true);
    expect(response.body.metadata.title).toBe(fatal.title);
    expect(response.body.metadata.submitter.name).toBe(fatal.reportingOrganisation);
    expect(response.body.metadata.supportingMaterials).toEqual(fatal.sourceUrls ?? []);
    expect(response.body.harmDetails.harmTypes).toContain('Physical');
    const mandatoryMissing = response.body.missingFields.filter((item) => item.mandatory).map((item) => item.field);
    expect(response.body.mandatoryComplete).toBe(mandatoryMissing.length === 0);
    expect(mandatoryMissing.includes('aiSystem.relationToIncident')).toBe(response.body.aiSystem.relationToIncident === null);
    expect(response.body.missingFields.every((item) => item.basis.startsWith('OECD CRF (2025)') && item.why.length > 0)).toBe(true);
  });

  it('hides a TLP:RED incident from every key but the filer (404, as GET /incidents/{id}); unknown ids are 404 problem+json', async () => {
    const id = await file({ ...red, tlp: 'RED' });
    for (const kind of ['eu-ai-act-art73', 'oecd-crf'] as const) {
      expect((await exportOf(id, kind, regulatorKey)).status).toBe(200);
      for (const key of [otherRegulatorKey, analystKey, adminKey]) {
        const hidden = await exportOf<{ code: string }>(id, kind, key);
        expect([hidden.status, hidden.body.code]).toEqual([404, 'INCIDENT.NOT_FOUND']);
      }
      const unknown = await exportOf<{ code: string }>('6f1c1c64-8d7e-4a53-9a43-4d8f1d1a0b11', kind, analystKey);
      expect([unknown.status, unknown.body.code]).toEqual([404, 'INCIDENT.NOT_FOUND']);
      const bad = await exportOf<{ errors: Array<{ field: string }> }>('not-a-uuid', kind, analystKey);
      expect(bad.status).toBe(400);
    }
  });
});
