import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import type { IncidentSnapshot } from '@app/contracts';
import { classifyIncident, type Sector } from '@app/taxonomy';
import { buildEuAiActArt73Report, EU_AI_ACT_ART73_REQUIREMENTS } from './eu-ai-act-art73-report.js';
import { buildOecdCrfRecord, OECD_CRF_REQUIREMENTS } from './oecd-crf-record.js';
import { EU_AI_ACT_ART73_REPORT_SCHEMA, OECD_CRF_RECORD_SCHEMA } from './reporting-export.schemas.js';

type Filing = Omit<IncidentSnapshot, 'id' | 'originJurisdiction' | 'filedAt' | 'version' | 'status' | 'updatedAt' | 'aiSystemName' | 'sector'> & {
  aiSystemName?: string | null;
  sector?: string | null;
};

/** The shipped demo incidents (real ones; deploy/demo/NOTICE.md) as stored snapshots. */
const demo: IncidentSnapshot[] = (JSON.parse(readFileSync('deploy/demo/incidents.json', 'utf8')) as Array<{ filing: Filing }>).map(({ filing }, index) => ({
  ...filing,
  id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
  aiSystemName: filing.aiSystemName ?? null,
  developer: filing.developer ?? null,
  deployer: filing.deployer ?? null,
  harmDescription: filing.harmDescription ?? null,
  sector: filing.sector ?? null,
  sourceUrls: filing.sourceUrls ?? [],
  tlp: filing.tlp ?? 'GREEN',
  originJurisdiction: 'CN',
  filedAt: '2026-11-01T00:00:00.000Z',
  occurredAt: new Date(filing.occurredAt).toISOString(),
  version: 1,
  status: 'active',
  updatedAt: '2026-11-01T00:00:00.000Z',
}));

const classify = (incident: IncidentSnapshot) =>
  classifyIncident({
    title: incident.title,
    description: incident.description,
    harmDescription: incident.harmDescription ?? undefined,
    language: incident.language,
    sector: (incident.sector ?? undefined) as Sector | undefined,
    aiSystemName: incident.aiSystemName ?? undefined,
  });

const ajv = new Ajv2020({ allErrors: true, strict: true });
ajvFormats.default(ajv);
const validArt73 = ajv.compile(EU_AI_ACT_ART73_REPORT_SCHEMA);
const validOecd = ajv.compile(OECD_CRF_RECORD_SCHEMA);
const now = new Date('2026-11-29T12:00:00Z');

describe('reporting exports of the demo incidents', () => {
  const results = demo.map((incident) => {
    const classification = classify(incident);
    return { incident, classification, art73: buildEuAiActArt73Report(incident, classification, now), oecd: buildOecdCrfRecord(incident, classification, now) };
  });

  it('every Art. 73 draft and OECD record of the 330 demo incidents validates against its published schema', () => {
    for (const { art73, oecd } of results) {
      expect(validArt73(art73) ? [] : validArt73.errors).toEqual([]);
      expect(validOecd(oecd) ? [] : validOecd.errors).toEqual([]);
    }
    expect(results).toHaveLength(330);
  });

  it('gives the Art. 73 deadline the classifier found, counted from filing, and lists the awareness date as missing', () => {
    const withDeath = results.find(({ classification }) => classification.euAiAct.deadlineDays === 10)!;
    expect(withDeath.art73.deadline).toMatchObject({ days: 10, legalBasis: expect.stringContaining('Art. 73(4)'), awarenessAt: null });
    expect(withDeath.art73.deadline.dueIfAwareAtFiling).toBe('2026-11-11T00:00:00.000Z');
    expect(withDeath.art73.incident).toMatchObject({ category: 'death_or_serious_health_harm', article3Point: 'a' });
    for (const { art73 } of results) {
      expect(art73.missingFields.map((item) => item.field)).toContain('deadline.awarenessAt');
      expect(art73.complete).toBe(false);
      expect(art73.reportKind).toBe('initial');
    }
  });

  it('lists exactly the empty Art. 73 fields, each with its article and reason', () => {
    for (const { incident, art73 } of results) {
      const missing = art73.missingFields.map((item) => item.field);
      expect(missing.includes('aiSystem.name')).toBe(incident.aiSystemName === null);
      expect(missing.includes('provider.name')).toBe(incident.developer === null);
      expect(missing.includes('incident.sourceUrls')).toBe(incident.sourceUrls.length === 0);
      expect(missing.includes('incident.category')).toBe(art73.incident.category === null);
      expect(missing.includes('incident.memberStates')).toBe(!art73.applicability.occurredInUnion);
      for (const item of art73.missingFields) {
        expect(item.basis).toMatch(/^Art\. /);
        expect(item.why.length).toBeGreaterThan(20);
      }
    }
    expect(EU_AI_ACT_ART73_REQUIREMENTS.map((item) => item.field)).toContain('causalLink.assessment');
  });

  it('fills the OECD mandatory criteria from the filing and the classification, and flags a missing one as mandatory', () => {
    const complete = results.find(({ oecd }) => oecd.mandatoryComplete)!;
    expect(complete.oecd.missingFields.filter((item) => item.mandatory)).toEqual([]);
    expect(complete.oecd.metadata.supportingMaterials.length).toBeGreaterThan(0);
    expect(complete.oecd.aiSystem.relationToIncident).toMatchObject({ mechanism: complete.classification.mechanism.label, source: complete.classification.source.label });
    const noLinks = results.find(({ incident }) => incident.sourceUrls.length === 0);
    if (noLinks) expect(noLinks.oecd.missingFields).toContainEqual(expect.objectContaining({ field: 'metadata.supportingMaterials', mandatory: true }));
    expect(OECD_CRF_REQUIREMENTS.filter((item) => item.mandatory).map((item) => item.field)).toEqual([
      'metadata.title',
      'metadata.description',
      'aiSystem.relationToIncident',
      'metadata.submitter',
      'metadata.supportingMaterials',
      'harmDetails.severity',
      'harmDetails.harmTypes',
    ]);
  });

  it('reads no deadline from a stored result whose deadlineDays is not 2, 10 or 15 (a peer sent it before peer classifications were checked)', () => {
    const [incident] = demo;
    const stored = { ...classify(incident), euAiAct: { category: 'zzz', categories: [], deadlineDays: 'soon', legalBasis: null, widespread: false, evidence: [] } };
    const art73 = buildEuAiActArt73Report(incident, stored as unknown as ReturnType<typeof classify>, now);
    expect(art73.deadline).toMatchObject({ days: null, legalBasis: null, dueIfAwareAtFiling: null });
  });

  it('without a stored classification, the criteria it fills are missing and the Art. 73 category is null', () => {
    const [incident] = demo;
    const art73 = buildEuAiActArt73Report(incident, null, now);
    const oecd = buildOecdCrfRecord(incident, null, now);
    expect(validArt73(art73)).toBe(true);
    expect(validOecd(oecd)).toBe(true);
    expect(art73.incident.category).toBeNull();
    expect(art73.deadline.days).toBeNull();
    expect(oecd.missingFields.filter((item) => item.mandatory).map((item) => item.field)).toEqual(
      expect.arrayContaining(['aiSystem.relationToIncident', 'harmDetails.severity', 'harmDetails.harmTypes']),
    );
  });
});
