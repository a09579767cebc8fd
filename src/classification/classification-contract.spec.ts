import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { classifyIncident, type ClassifierInput } from '@app/taxonomy';
import { checkClassification } from './classification-contract.js';
import { applyReview } from './labels-in-force.js';

const demo = (JSON.parse(readFileSync(join(process.cwd(), 'deploy/demo/incidents.json'), 'utf8')) as Array<{ filing: ClassifierInput }>).map(
  (entry) => entry.filing,
);
const sample = classifyIncident({ title: 'Chatbot told a user to kill himself', description: 'A man died after a chatbot urged him on; 3 injured, $2 million lost.' });
const paths = (value: unknown): string[] => checkClassification(value).problems.map((problem) => problem.path);

describe('INCIDENT_CLASSIFICATION_SCHEMA', () => {
  it("accepts what our classifier produces for every demo incident, and a reviewed result, unchanged", () => {
    for (const filing of demo) {
      const result = classifyIncident({ ...filing, proposedLabels: { mechanism: 'misuse' } });
      expect(checkClassification(result)).toEqual({ classification: result, problems: [] });
    }
    const reviewed = applyReview(sample, [{ axis: 'magnitude', toLabel: 'existential', machineLabel: 'general', reviewNumber: 2, reviewedAt: new Date() }]);
    expect(checkClassification(reviewed)).toEqual({ classification: reviewed, problems: [] });
    // A result of classifier 0.1.0: the three axes only.
    const { classifierVersion, mechanism, magnitude, source } = sample;
    expect(checkClassification({ classifierVersion, mechanism, magnitude, source }).problems).toEqual([]);
  });

  it('refuses shapes, vocabularies and numbers our classifier never produces, naming each member', () => {
    expect(paths({ ...sample, harmTypes: [{}, { type: 5, evidence: [] }] })).toEqual(['harmTypes.0.type', 'harmTypes.0.evidence', 'harmTypes.1.type']);
    expect(paths({ ...sample, euAiAct: { ...sample.euAiAct, category: 'zzz', deadlineDays: 'soon' } })).toEqual(['euAiAct.category', 'euAiAct.deadlineDays']);
    expect(paths({ ...sample, urgency: { label: 'apocalyptic', reason: 'default' } })).toEqual(['urgency.label']);
    expect(paths({ ...sample, severity: { ...sample.severity, deaths: 2 ** 53 + 2, label: 42 } })).toEqual(['severity.label', 'severity.deaths']);
    expect(paths({ ...sample, mechanism: { ...sample.mechanism, confidence: 1.5, evidence: [{ kind: 'phrase', field: 'nope', start: -5, end: 1, text: 'x', term: 'x', supports: 'misuse', weight: 1 }] } })).toEqual([
      'mechanism.confidence',
      'mechanism.evidence.0.field',
      'mechanism.evidence.0.start',
    ]);
    expect(paths({ ...sample, sector: { label: { a: 1 }, source: 'text', evidence: [] } })).toEqual(['sector.label']);
    expect(paths({ ...sample, classifierVersion: 'v'.repeat(41) })).toEqual(['classifierVersion']);
    expect(paths({ ...sample, disagreements: ['mechanism', 'mechanism'] })).toEqual(['disagreements']);
  });

  it('refuses NUL and other control characters, bidirectional overrides and unpaired surrogates in any text member', () => {
    expect(paths({ ...sample, classifierVersion: 'x\u0000y' })).toEqual(['classifierVersion']);
    const phrase = { kind: 'phrase', field: 'title', start: 0, end: 3, text: 'k\u0000l', term: 'kil\u202E', supports: 'misuse', weight: 1 };
    expect(paths({ ...sample, mechanism: { ...sample.mechanism, evidence: [phrase] } })).toEqual(['mechanism.evidence.0.text', 'mechanism.evidence.0.term']);
    expect(paths({ ...sample, euAiAct: { ...sample.euAiAct, legalBasis: 'Art. 73 \ud800' } })).toEqual(['euAiAct.legalBasis']);
  });

  it('removes members unknown to this version (a later classifier adds some) instead of refusing them, leaving the input as it was', () => {
    const later = { ...sample, extraStuff: 'a\u0000b', urgency: { ...sample.urgency, score: 3 } };
    const checked = checkClassification(later);
    expect(checked).toEqual({ classification: sample, problems: [] });
    expect(later.extraStuff).toBe('a\u0000b');
  });
});
