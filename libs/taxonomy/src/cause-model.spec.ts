import { describe, expect, it } from '@jest/globals';

import { CAUSE_MODEL } from './cause-model.generated.js';
import { MODEL_LOGIT_CAP, MODEL_MAX_CHARACTERS, causeModelEvidence, scoreCauseModel, type CauseModel } from './cause-model.js';
import { CLASSIFIER_VERSION, DEFAULT_TUNING, classifyIncident, modelFieldsOf } from './classify-incident.js';

// A model small enough to compute by hand: with 4 tokens the scale is 1/√4 = 0.5.
const model = (overrides: Partial<CauseModel> = {}): CauseModel => ({
  trainedOn: { split: 'dev' },
  features: ['deepfake', 'hallucinated', 'used to', '诈骗'],
  mechanism: { positive: 'misuse', negative: 'loss_of_control', bias: -0.5, weights: [3, -4, 1, 2] },
  source: { positive: 'enabled', negative: 'system', bias: 0, weights: [2, 0, 0, 0] },
  ...overrides,
});

const score = (title: string, description = '', sut = model()) => scoreCauseModel(sut, modelFieldsOf({ title, description }));

describe(scoreCauseModel.name, () => {
  it('adds bias and scale × weight of each distinct known n-gram, and keeps where each first occurs', () => {
    const result = score('Scammers Deepfake a CEO', 'Deepfake again');

    // 6 tokens: scale 1/√6; "deepfake" counts once (first occurrence: title, normalised offsets 9–17).
    expect(result.scale).toBeCloseTo(1 / Math.sqrt(6), 10);
    expect(result.mechanism.logit).toBeCloseTo(-0.5 + 3 / Math.sqrt(6), 10);
    expect(result.occurrences).toEqual([0, 0, 9, 17]);
    expect(result.source.logit).toBeCloseTo(2 / Math.sqrt(6), 10);
    expect(result.hanShare).toBe(0);
  });

  it('reads no further than MODEL_MAX_CHARACTERS of the filing', () => {
    const filler = 'word '.repeat(MODEL_MAX_CHARACTERS / 5);

    expect(score('A report', `${filler}deepfake`).occurrences).toEqual([]);
    expect(score('A deepfake report', filler).occurrences).toEqual([0, 0, 2, 10]);
  });

  it('scores full-width and upper-case text like plain text', () => {
    expect(score('ＤＥＥＰＦＡＫＥ USED TO scam').mechanism.logit).toBeCloseTo(score('deepfake used to scam').mechanism.logit, 10);
  });
});

describe(causeModelEvidence.name, () => {
  it('gives modelWeight × |logit| to the label of its sign, split over the phrases that pushed it', () => {
    // 4 tokens, scale 0.5: logit = −0.5 + 0.5 × (3 + 1) = 1.5.
    const result = score('deepfake used to scam');
    const evidence = causeModelEvidence(model(), 'mechanism', result, 2);

    expect(evidence).toEqual([
      { kind: 'phrase', field: 'title', start: 0, end: 8, text: 'deepfake', term: 'model:deepfake', supports: 'misuse', weight: 2.25 },
      { kind: 'phrase', field: 'title', start: 9, end: 16, text: 'used to', term: 'model:used to', supports: 'misuse', weight: 0.75 },
    ]);
  });

  it('caps the vote at modelWeight × MODEL_LOGIT_CAP', () => {
    const result = score('hallucinated');
    const total = causeModelEvidence(model(), 'mechanism', result, 1).reduce((sum, item) => sum + item.weight, 0);

    expect(result.mechanism.logit).toBeCloseTo(-2.5, 10);
    expect(total).toBe(Math.min(2.5, MODEL_LOGIT_CAP));
  });

  it('names the bias when no known phrase pushed towards the label', () => {
    expect(causeModelEvidence(model(), 'mechanism', score('a quiet report'), 1)).toEqual([
      { kind: 'field', field: 'model', value: 'bias', supports: 'loss_of_control', weight: 0.5 },
    ]);
  });

  it('abstains on mostly Chinese text, and when its weight is 0', () => {
    expect(causeModelEvidence(model(), 'mechanism', score('深度伪造诈骗案'), 1)).toEqual([]);
    expect(causeModelEvidence(model(), 'mechanism', score('deepfake used to scam'), 0)).toEqual([]);
  });
});

describe('classifyIncident with the cause model', () => {
  const input = { title: 'Hallucinated citations', description: 'A chatbot hallucinated court cases that a lawyer filed.' };

  it('adds the model vote to the lexicon evidence of mechanism and source when modelWeight > 0', () => {
    const result = classifyIncident(input, { ...DEFAULT_TUNING, modelWeight: 1 }, model());
    const modelEvidence = result.mechanism.evidence.filter((item) => item.kind === 'phrase' && item.term.startsWith('model:'));

    expect(modelEvidence).toEqual([expect.objectContaining({ field: 'title', text: 'Hallucinated', term: 'model:hallucinated', supports: 'loss_of_control' })]);
    expect(result.mechanism.label).toBe('loss_of_control');
  });

  it('leaves the result unchanged with modelWeight 0, and a text without lexicon match undetermined', () => {
    expect(classifyIncident(input, { ...DEFAULT_TUNING, modelWeight: 0 }, model())).toEqual(classifyIncident(input, { ...DEFAULT_TUNING, modelWeight: 0 }));
    expect(classifyIncident({ title: 'a quiet afternoon in the park', description: '' }, { ...DEFAULT_TUNING, modelWeight: 3 }, model()).mechanism.label).toBe('undetermined');
  });
});

describe('classifier 0.8.0', () => {
  // aiid_incidents.csv incident_id 1385 (dev split), title and description verbatim; gold misuse + enabled (users prompted it).
  const GROK_PROMPTED = {
    title: 'X Users Reportedly Prompted Grok to Sexualize Images of Renée Good After Her Killing in Minneapolis',
    description:
      "Following the 01/07/2026 killing of Renée Good in Minneapolis, X users reportedly prompted xAI's Grok to edit photos of Good, including images after the shooting, so she appeared in a bikini. Reporting said Grok complied and posted the generated image(s) publicly on X in response to the request.",
  };

  it('declares version 0.8.1 (0.8.0 with the trial\'s false-alarm fixes) and turns the statistical cause model on by default', () => {
    expect(CLASSIFIER_VERSION).toBe('0.8.2');
    expect(DEFAULT_TUNING.modelWeight).toBeGreaterThan(0);
  });

  it('reads a filing the lexicon can only give the base rate with the model, naming the n-grams that pushed it, below the review threshold', () => {
    const result = classifyIncident(GROK_PROMPTED);
    const pushed = result.mechanism.evidence.flatMap((item) => (item.kind === 'phrase' && item.term.startsWith('model:') ? [item.text] : []));

    expect([result.mechanism.label, result.source.label]).toEqual(['misuse', 'enabled']);
    expect(pushed.length).toBeGreaterThan(0);
    expect(result.mechanism.confidence).toBeLessThan(0.6);
    expect(result.source.confidence).toBeLessThan(0.6);
  });
});

describe('the shipped cause model', () => {
  it('was trained on the dev split only and stays small', () => {
    expect(CAUSE_MODEL.trainedOn.split).toBe('dev');
    expect(CAUSE_MODEL.features.length).toBeGreaterThan(1000);
    expect(CAUSE_MODEL.features.length).toBeLessThanOrEqual(6000);
    expect(CAUSE_MODEL.mechanism.weights).toHaveLength(CAUSE_MODEL.features.length);
    expect(CAUSE_MODEL.source.weights).toHaveLength(CAUSE_MODEL.features.length);
  });

  it('reads a deepfake fraud as misuse and a hallucination as the system’s own failure', () => {
    const fraud = score('Scammers used a deepfake video of the CEO to steal millions', '', CAUSE_MODEL);
    const hallucination = score('Chatbot hallucinated a refund policy that did not exist', '', CAUSE_MODEL);

    expect(fraud.mechanism.logit).toBeGreaterThan(0);
    expect(hallucination.mechanism.logit).toBeLessThan(0);
  });
});
