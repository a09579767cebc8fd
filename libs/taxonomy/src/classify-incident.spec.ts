import { describe, expect, it } from '@jest/globals';

import type { ClassifierInput, Evidence, IncidentClassification } from './classification.js';
import { CLASSIFIER_VERSION, DEFAULT_TUNING, classifyIncident } from './classify-incident.js';
import { AXES } from './vocabulary.js';

function incident(overrides: Partial<ClassifierInput> = {}): ClassifierInput {
  return {
    title: 'Chatbot hallucinated a refund policy',
    description: 'The airline chatbot told a customer about a refund policy that does not exist.',
    ...overrides,
  };
}

function allEvidence(result: IncidentClassification): Evidence[] {
  return AXES.flatMap((axis) => result[axis].evidence);
}

describe(classifyIncident.name, () => {
  it('stamps every result with the semver classifier version', () => {
    expect(CLASSIFIER_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
    expect(classifyIncident(incident()).classifierVersion).toBe(CLASSIFIER_VERSION);
  });

  it('returns undetermined with confidence 0 when there is nothing to go on', () => {
    const result = classifyIncident(incident({ title: '', description: '' }));

    for (const axis of AXES) expect(result[axis]).toEqual({ label: 'undetermined', confidence: 0, evidence: [] });
  });

  it('reads harmDescription as a third text field', () => {
    const result = classifyIncident(
      incident({ title: 'Incident 17', description: 'See the harm description.', harmDescription: 'Victims lost money to a deepfake scam.' }),
    );

    expect(result.mechanism.label).toBe('misuse');
    const phrases = result.mechanism.evidence.filter((evidence) => evidence.kind === 'phrase');
    expect(phrases.length).toBeGreaterThan(0);
    expect(phrases.every((evidence) => evidence.field === 'harmDescription')).toBe(true);
  });

  it('points evidence at the original text even after normalisation changed lengths', () => {
    const input = incident({ title: 'ﬁrst: ＤＥＥＰ\u00adＦＡＫＥ\u3000\u3000ＳＣＡＭ', description: '電信詐騙 using a voice-cloning tool' });

    const result = classifyIncident(input);

    const texts = allEvidence(result).flatMap((evidence) => (evidence.kind === 'phrase' ? [evidence] : []));
    expect(texts.map((evidence) => evidence.text)).toEqual(
      expect.arrayContaining(['ＤＥＥＰ\u00adＦＡＫＥ', 'ＳＣＡＭ', '詐騙', 'voice-cloning']),
    );
    for (const evidence of texts) expect(input[evidence.field]?.slice(evidence.start, evidence.end)).toBe(evidence.text);
  });

  it('sorts evidence by field then offset and records each span once per axis; the model\'s evidence follows the lexicon\'s', () => {
    const result = classifyIncident(
      incident({ title: 'Scam: deepfake scam', description: 'A deepfake of a CEO was used to scam staff.' }),
    );

    const phrases = result.mechanism.evidence.flatMap((evidence) => (evidence.kind === 'phrase' ? [evidence] : []));
    const lexicon = phrases.filter((evidence) => !evidence.term.startsWith('model:'));
    const keys = lexicon.map((evidence) => `${evidence.field === 'title' ? 0 : 1}:${String(evidence.start).padStart(5, '0')}`);
    expect(keys).toEqual([...keys].sort());
    expect(new Set(keys).size).toBe(keys.length);
    expect(phrases.slice(0, lexicon.length)).toEqual(lexicon);
  });

  it('counts repeats of one concept with decaying weight', () => {
    const result = classifyIncident(incident({ title: 'Report', description: 'deepfake deepfake deepfake' }));
    const lexicon = result.mechanism.evidence.filter((evidence) => evidence.kind === 'phrase' && !evidence.term.startsWith('model:'));

    expect(lexicon.map((evidence) => evidence.weight)).toEqual([3, 1.5, 0.75]);
  });

  it('records the sector as field evidence', () => {
    const result = classifyIncident(incident({ title: 'Drone strike on a convoy', description: 'An AI-guided drone hit the convoy.', sector: 'military' }));

    expect(result.mechanism.label).toBe('misuse');
    expect(result.mechanism.evidence).toContainEqual({ kind: 'field', field: 'sector', value: 'military', supports: 'misuse', weight: 1 });
  });

  it('uses the correlation hint as a weak prior only for an axis without direct evidence', () => {
    // "reckless" (improper operation) votes on mechanism only, so source has no direct evidence. The lexicon's rule, so
    // without the statistical model: with it (0.8.0), "operator" (frequent in vehicle and robot accidents) outweighs the
    // prior on source and this six-word filing reads as `system`, at confidence below 0.6 (review).
    const result = classifyIncident(incident({ title: 'Reckless operation', description: 'The operator was reckless.' }), { ...DEFAULT_TUNING, modelWeight: 0 });

    expect(result.mechanism.label).toBe('misuse');
    expect(result.source).toEqual({
      label: 'enabled',
      confidence: expect.any(Number),
      evidence: [{ kind: 'field', field: 'mechanism', value: 'misuse', supports: 'enabled', weight: 1.5 }],
    });
    expect(result.source.confidence).toBeLessThan(0.5);
  });

  it('needs strong evidence before it calls an incident existential', () => {
    const nuclearMention = classifyIncident(
      incident({ title: 'Hackers phish defence firms', description: 'Funds went to an illicit nuclear program.' }),
    );
    const weaponsUplift = classifyIncident(
      incident({ title: 'Model gave bioweapon synthesis steps', description: 'A jailbroken model explained how to culture a pathogen.' }),
    );

    expect(nuclearMention.magnitude.label).toBe('general');
    expect(weaponsUplift.magnitude.label).toBe('existential');
  });

  it('treats a substantive text with no lexicon match as a general incident with modest confidence', () => {
    const result = classifyIncident(incident({ title: 'Robot dog patrols encampment', description: 'Police spent relief funds on a robot dog.' }));

    expect(result.magnitude.label).toBe('general');
    expect(result.magnitude.confidence).toBeLessThan(0.6);
  });

  it('does not throw on hostile input', () => {
    const hostile = [
      '\ud800\udc00\ud800',
      '\udfff'.repeat(50),
      'e\u0301'.repeat(3000),
      `Z${'\u0336\u0337\u0338'.repeat(2000)}`,
      '😀👩‍💻🏳️‍🌈'.repeat(500),
      '\u0000\u0001\u0007\u001b[31m\u007f\u2028\u2029',
      '\u202e\u2066 deepfake \u2069',
      'deepfake '.repeat(2_300),
    ];

    for (const text of hostile) {
      expect(() => classifyIncident(incident({ title: text, description: text, harmDescription: text }))).not.toThrow();
    }
  });

  it('tolerates records that bypassed validation', () => {
    const malformed = [null, undefined, 42, { title: 7, description: ['x'] }, { sector: 'constructor', title: 'scam', description: '' }];

    for (const input of malformed) expect(() => classifyIncident(input as unknown as ClassifierInput)).not.toThrow();
  });

  it('classifies 20,000 characters per field quickly', () => {
    const long = 'The assistant malfunctioned and a scammer used the glitch. '.repeat(340).slice(0, 20_000);
    const started = Date.now();

    classifyIncident(incident({ title: long, description: long, harmDescription: long }));

    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('evidence size bound', () => {
  it('keeps at most 20 evidence items per list and counts the rest, without changing the labels', () => {
    const term = '诈骗';
    const input = { title: term.repeat(150), description: `${term}。`.repeat(3000), harmDescription: term.repeat(2500), language: 'zh' as const };
    const result = classifyIncident(input);
    expect(result.mechanism.label).toBe('misuse');
    expect(result.mechanism.evidence.length).toBeLessThanOrEqual(20);
    expect(result.mechanism.omittedEvidence).toBeGreaterThan(1000);
    expect(JSON.stringify(result).length).toBeLessThan(100_000);
  });
});
