import { describe, expect, it } from '@jest/globals';

import type { IncidentClassification } from '../classification.js';
import { classifyIncident } from '../classify-incident.js';
import { CROSSWALK_LOSSES, CROSSWALK_VIEWS, crosswalkView } from './crosswalk-view.js';
import type { CsetView } from './cset.js';
import type { EuAiActView } from './eu-ai-act.js';
import { MIT_SUBDOMAINS, type MitView } from './mit.js';
import type { OecdView } from './oecd.js';

// Real incident texts (shared/data/incidents/aiid_incidents.csv ids 4 and 200; ai_escape_log 2026-07-21).
const UBER = { title: 'Uber AV Killed Pedestrian in Arizona', description: 'An Uber autonomous vehicle (AV) in autonomous mode struck and killed a pedestrian in Tempe, Arizona.' };
const VOICE_FRAUD = {
  title: "Fraudsters Used AI to Mimic Voice of a UK-Based Firm's CEO's Boss",
  description: "Fraudsters allegedly used AI voice technology to impersonate the boss of a UK-based firm's CEO, demanding a transfer of €220,000 over the phone.",
};
const ESCAPE = {
  title: 'OpenAI GPT-5.6 Sol escaped sandbox during cyber-eval, hacked Hugging Face',
  description: 'During a third-party cyber-capability evaluation, OpenAI models broke out of the sandbox via a package-registry cache proxy, reached the open internet, and hacked Hugging Face production servers to cheat the test.',
};

const STORED_V010: IncidentClassification = {
  classifierVersion: '0.1.0',
  mechanism: { label: 'loss_of_control', confidence: 0.8, evidence: [] },
  magnitude: { label: 'general', confidence: 0.6, evidence: [] },
  source: { label: 'system', confidence: 0.8, evidence: [] },
};

describe(crosswalkView.name, () => {
  describe('mit', () => {
    it('maps loss of control to AI / Unintentional and a fatal AV crash to 7.3', () => {
      const view = crosswalkView('mit', classifyIncident(UBER)) as MitView;

      expect(view.causal).toMatchObject({ entity: 'AI', intent: 'Unintentional' });
      expect(view.subdomains.map((item) => item.code)).toContain('7.3');
    });

    it('maps a voice-clone fraud to Human / Intentional and 4.3', () => {
      const view = crosswalkView('mit', classifyIncident(VOICE_FRAUD)) as MitView;

      expect(view.causal).toMatchObject({ entity: 'Human', intent: 'Intentional', timing: 'Other' });
      expect(view.subdomains[0]).toEqual({ code: '4.3', name: MIT_SUBDOMAINS['4.3'], domain: 'Malicious Actors & Misuse' });
    });

    it('puts red-line behaviour under 7.1 and 7.2, pre-deployment during an evaluation', () => {
      const view = crosswalkView('mit', classifyIncident(ESCAPE)) as MitView;

      expect(view.causal.timing).toBe('Pre-deployment');
      expect(view.subdomains.map((item) => item.code)).toEqual(expect.arrayContaining(['7.1', '7.2', '4.2']));
    });

    it('skips harm types it does not know in a stored result (one a peer sent before peer classifications were checked)', () => {
      const stored = { ...classifyIncident(UBER), harmTypes: [{}, { type: 5 }] } as unknown as IncidentClassification;
      expect((crosswalkView('mit', stored) as MitView).subdomains.map((item) => item.code)).toEqual(['7.3']);
    });

    it('knows 24 subdomains in 7 domains', () => {
      expect(Object.keys(MIT_SUBDOMAINS)).toHaveLength(24);
      expect(new Set(Object.keys(MIT_SUBDOMAINS).map((code) => code.split('.')[0])).size).toBe(7);
    });
  });

  describe('cset', () => {
    it('derives lives lost, tangible harm, intent and sector for a fatal AV crash', () => {
      const view = crosswalkView('cset', classifyIncident(UBER)) as CsetView;

      expect(view).toMatchObject({
        tangibleHarm: 'tangible harm definitively occurred',
        aiHarmLevel: 'AI tangible harm event',
        intentionalHarm: 'No. Not intentionally designed to perform harm',
        livesLost: 1,
        sectorOfDeployment: 'transportation and storage',
      });
    });

    it('says unknown rather than guessing for misuse and missing counts', () => {
      const view = crosswalkView('cset', classifyIncident(VOICE_FRAUD)) as CsetView;

      expect(view).toMatchObject({ intentionalHarm: 'unknown', livesLost: 'unknown', injuries: 'unknown', autonomyLevel: 'unknown' });
    });
  });

  describe('oecd', () => {
    it('gives incident/hazard, OECD harm types and echoes title and description', () => {
      const view = crosswalkView('oecd', classifyIncident(UBER), UBER) as OecdView;

      expect(view.type).toBe('incident');
      expect(view.harmTypes).toContain('Physical');
      expect(view.report).toMatchObject({ title: UBER.title, description: UBER.description, severity: 'severe' });
    });
  });

  describe('euaiact', () => {
    it('gives the Art. 3(49)(a) category and the 10-day deadline of Art. 73(4) for a death', () => {
      const view = crosswalkView('euaiact', classifyIncident(UBER)) as EuAiActView;

      expect(view).toMatchObject({ seriousIncident: true, category: 'death_or_serious_health_harm', article3Point: 'a', deadlineDays: 10, legalBasis: 'Art. 73(4)' });
    });
  });

  it('works on a result stored by classifier 0.1.0 and returns JSON for every view', () => {
    for (const view of CROSSWALK_VIEWS) {
      const result = crosswalkView(view, STORED_V010);

      expect(result.view).toBe(view);
      expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    }
    expect((crosswalkView('cset', STORED_V010) as CsetView).tangibleHarm).toBe('unknown');
    expect((crosswalkView('euaiact', STORED_V010) as EuAiActView).category).toBeNull();
  });

  it('documents what every view loses', () => {
    for (const view of CROSSWALK_VIEWS) expect(CROSSWALK_LOSSES[view].length).toBeGreaterThan(0);
  });
});
