import { describe, expect, it } from '@jest/globals';

import type { Evidence } from './classification.js';
import { DEFAULT_TUNING, classifyIncident, type ClassifierTuning } from './classify-incident.js';

/** The decision parameters of classifier 0.4.0, to show what each 0.5.0 change does on the same text. */
const TUNING_0_4_0: ClassifierTuning = { causeMinScore: 1, causeMinMargin: 0.5, crossAxisWeight: 0, baseRateWeight: 0, minExistentialScore: 3, causeTitleWeight: 1 };

// Real incidents, title and description copied verbatim from the CSVs named in `ref` (AIID: title + description);
// the Chinese one is our own translation (scripts/eval/labels/chinese-translations.json, zh:aiid:160). All four are
// on the dev split of the evaluation, where the 0.5.0 tuning was chosen by cross-validation (LABELLING.md §5).
const WAYMO_OUTAGE = {
  ref: 'aiid_incidents.csv incident_id 1326',
  title: 'Waymo Robotaxis Allegedly Contributed to Traffic Gridlock During San Francisco PG&E Power Outage',
  description:
    "Waymo's autonomous vehicle fleet reportedly contributed to traffic congestion in San Francisco after a PG&E substation fire cut power to nearly one-third of the city on December 20, 2025. As traffic signals went dark, Waymo vehicles requested remote confirmation checks at scale, creating delays that added to gridlock and prompted city officials to order the fleet off the road. Waymo later paused service and announced software and emergency-response updates.",
};
const DALL_E_BIAS = {
  ref: 'aiid_incidents.csv incident_id 179',
  title: 'DALL-E 2 Reported for Gender and Racially Biased Outputs',
  description: "Developers of OpenAI's DALL-E 2 cited risks of the model, varying from misuse as disinformation and explicit content generation, to gender and racial bias.",
};
const GROK_PROMPTED = {
  ref: 'aiid_incidents.csv incident_id 1385',
  title: 'X Users Reportedly Prompted Grok to Sexualize Images of Renée Good After Her Killing in Minneapolis',
  description:
    "Following the 01/07/2026 killing of Renée Good in Minneapolis, X users reportedly prompted xAI's Grok to edit photos of Good, including images after the shooting, so she appeared in a bikini. Reporting said Grok complied and posted the generated image(s) publicly on X in response to the request.",
};
const ALEXA_CHALLENGE_ZH = {
  ref: 'our translation of aiid_incidents.csv incident_id 160',
  title: 'Alexa向十岁女孩推荐危险的抖音挑战',
  description: '一名十岁女孩请亚马逊语音助手Alexa推荐一个挑战，Alexa建议了“硬币挑战”，即把硬币触碰半露插头的插脚，非常危险。',
};

describe('classifier 0.5.0 tuning', () => {
  it('keeps 0.4.0 behaviour when given the 0.4.0 tuning, and uses DEFAULT_TUNING otherwise', () => {
    expect(classifyIncident(WAYMO_OUTAGE)).toEqual(classifyIncident(WAYMO_OUTAGE, DEFAULT_TUNING));
    expect(classifyIncident(WAYMO_OUTAGE, TUNING_0_4_0).mechanism.label).toBe('undetermined');
  });

  it('labels a weakly evidenced incident with the base rate instead of leaving it undetermined (English)', () => {
    const before = classifyIncident(WAYMO_OUTAGE, TUNING_0_4_0);
    const after = classifyIncident(WAYMO_OUTAGE);

    expect(before.mechanism.label).toBe('undetermined');
    expect(after.mechanism.label).toBe('loss_of_control');
    expect(after.mechanism.evidence).toContainEqual({ kind: 'field', field: 'baseRate', value: 'loss_of_control', supports: 'loss_of_control', weight: 1 });
    expect(after.source.label).toBe('system');
  });

  it('labels a weakly evidenced incident with the base rate instead of leaving it undetermined (Chinese)', () => {
    expect(classifyIncident(ALEXA_CHALLENGE_ZH, TUNING_0_4_0).mechanism.label).toBe('undetermined');
    expect(classifyIncident(ALEXA_CHALLENGE_ZH).mechanism.label).toBe('loss_of_control');
  });

  it('gives a label chosen on the base rate alone a low confidence, below the default review threshold of 0.6', () => {
    // Gold misuse (users prompted the model): no mechanism or source term matched, only magnitude terms ("killing"), so
    // without the statistical model the base rate decides wrongly, but at confidence 0.33 the incident goes to the
    // review queue. With the model (0.8.0) it reads misuse and enabled, still below 0.6: cause-model.spec.ts.
    const result = classifyIncident(GROK_PROMPTED, { ...DEFAULT_TUNING, modelWeight: 0 });

    expect(result.mechanism.label).toBe('loss_of_control');
    expect(result.mechanism.evidence).toEqual([{ kind: 'field', field: 'baseRate', value: 'loss_of_control', supports: 'loss_of_control', weight: 1 }]);
    expect(result.mechanism.confidence).toBeCloseTo(1 - Math.exp(-1 / 2.5), 3);
    expect(result.source.label).toBe('system');
    expect(result.source.confidence).toBeLessThan(0.6);
  });

  it('adds no base rate when no lexicon term matched, so such a filing stays undetermined and goes to review', () => {
    const vague = classifyIncident({ title: 'Kiosk gave odd answers', description: 'A customer service kiosk gave odd answers to several customers about opening hours.' });
    const empty = classifyIncident({ title: '', description: '' });

    for (const result of [vague, empty]) {
      expect(result.mechanism).toEqual({ label: 'undetermined', confidence: 0, evidence: [] });
      expect(result.source).toEqual({ label: 'undetermined', confidence: 0, evidence: [] });
    }
  });

  it('lets a cue for the rarer label outweigh the base rate when nothing opposes it', () => {
    const result = classifyIncident({ title: 'Report', description: 'A deepfake video of the mayor circulated.' });

    expect(result.mechanism.label).toBe('misuse');
    expect(result.source.label).toBe('enabled');
  });

  it('counts cause evidence in the title twice, so the headline outweighs background in the description', () => {
    // The title names bias (the system's own output); the description mentions misuse only as a risk developers cited.
    const before = classifyIncident(DALL_E_BIAS, TUNING_0_4_0);
    const after = classifyIncident(DALL_E_BIAS);

    expect(before.mechanism.label).toBe('misuse');
    expect(after.mechanism.label).toBe('loss_of_control');
    // Lexicon evidence only: the statistical model (0.8.0, term `model:…`) reads the title like the rest of the text.
    const lexicon = (evidence: Evidence): boolean => evidence.kind === 'phrase' && !evidence.term.startsWith('model:');
    const titleEvidence = after.mechanism.evidence.filter((evidence) => lexicon(evidence) && evidence.kind === 'phrase' && evidence.field === 'title');
    const sameInDescription = classifyIncident({ title: 'Report', description: DALL_E_BIAS.title }).mechanism.evidence.filter(lexicon);
    expect(titleEvidence.map((evidence) => evidence.weight)).toEqual(sameInDescription.map((evidence) => evidence.weight * 2));
  });

  it('does not scale magnitude evidence in the title', () => {
    const inTitle = classifyIncident({ title: 'Model gave bioweapon synthesis steps', description: 'Report.' });
    const inDescription = classifyIncident({ title: 'Report', description: 'Model gave bioweapon synthesis steps' });

    expect(inTitle.magnitude.evidence.filter((evidence) => evidence.kind === 'phrase').map((evidence) => evidence.weight)).toEqual(
      inDescription.magnitude.evidence.filter((evidence) => evidence.kind === 'phrase').map((evidence) => evidence.weight),
    );
  });

  it('adds the other cause axis\'s net evidence when crossAxisWeight is set', () => {
    const tuning: ClassifierTuning = { ...DEFAULT_TUNING, crossAxisWeight: 0.5 };
    const result = classifyIncident({ title: 'Report', description: 'A deepfake video of the mayor circulated.' }, tuning);
    const plain = classifyIncident({ title: 'Report', description: 'A deepfake video of the mayor circulated.' });

    const cross = result.source.evidence.find((evidence) => evidence.kind === 'field' && evidence.field === 'mechanism');
    expect(cross).toMatchObject({ value: 'misuse', supports: 'enabled' });
    expect(plain.source.evidence.some((evidence) => evidence.kind === 'field' && evidence.field === 'mechanism')).toBe(false);
  });
});
