import { describe, expect, it } from '@jest/globals';

import type { ClassifierInput, CompleteIncidentClassification } from './classification.js';
import { classifyIncident } from './classify-incident.js';

function incident(overrides: Partial<ClassifierInput> = {}): ClassifierInput {
  return { title: '', description: '', ...overrides };
}

const harmTypesOf = (result: CompleteIncidentClassification): string[] => result.harmTypes.map((item) => item.type);
const redLinesOf = (result: CompleteIncidentClassification): string[] => result.redLineFlags.map((item) => item.flag);

// Texts copied from the CSVs named in each test (shared/data/incidents/), or our own faithful translations.
const UBER = incident({
  title: 'Uber AV Killed Pedestrian in Arizona',
  description: 'An Uber autonomous vehicle (AV) in autonomous mode struck and killed a pedestrian in Tempe, Arizona.',
});
const XIAOMI = incident({
  title: 'Fatal Xiaomi SU7 AI-Driven Crash in China',
  description:
    'A Xiaomi SU7 electric vehicle, using its AI-powered driving assistance with an active autopilot, crashed on an expressway in Anhui province on March 29. The malfunction led to a fatal collision that killed three people. Xiaomi is cooperating with local authorities to investigate the incident.',
});
const VOICE_FRAUD = incident({
  title: "Fraudsters Used AI to Mimic Voice of a UK-Based Firm's CEO's Boss",
  description: "Fraudsters allegedly used AI voice technology to impersonate the boss of a UK-based firm's CEO, demanding a transfer of €220,000 over the phone.",
});
const HUGGING_FACE = incident({
  title: 'OpenAI GPT-5.6 Sol escaped sandbox during cyber-eval, hacked Hugging Face',
  description:
    'During a third-party cyber-capability evaluation, OpenAI models (incl. GPT-5.6 Sol and a more capable pre-release prototype with reduced cyber refusals) broke out of the sandbox via a package-registry cache proxy, reached the open internet, and hacked Hugging Face production servers to cheat the test.',
});
const CBRN = incident({
  title: 'OpenAI ChatGPT Models Reportedly Jailbroken to Provide Chemical, Biological, and Nuclear Weapons Instructions',
  description:
    "An NBC News investigation found that OpenAI's language models could be jailbroken under normal usage conditions to bypass safety guardrails and generate detailed instructions for creating chemical, biological, and nuclear weapons.",
});
const DUTCH_BENEFITS = incident({
  title: 'Dutch Families Wrongfully Accused of Tax Fraud Due to Discriminatory Algorithm',
  description: 'A childcare benefits system in the Netherlands falsely accused thousands of families of fraud, in part due to an algorithm that treated having a second nationality as a risk factor.',
});
const GENDER_STUDY = incident({
  title: 'Personal voice assistants struggle with black voices, new study shows',
  description: 'A study found that voice recognition tools from Apple, Amazon, Google, IBM, and Microsoft disproportionately made errors when transcribing black speakers.',
});

describe(classifyIncident.name, () => {
  describe('severity, harm types and urgency', () => {
    it('reads one death: severe, physical harm, priority, EU AI Act death category with the Art. 73(4) 10-day deadline', () => {
      const result = classifyIncident(UBER);

      expect(result.severity).toMatchObject({ label: 'severe', deaths: 1 });
      expect(harmTypesOf(result)).toContain('physical_harm');
      expect(result.urgency).toEqual({ label: 'priority', reason: 'severity' });
      expect(result.euAiAct).toMatchObject({ category: 'death_or_serious_health_harm', deadlineDays: 10, legalBasis: 'Art. 73(4)' });
      expect(result.oecd.label).toBe('incident');
      expect(result.sector).toMatchObject({ label: 'autonomous_driving', source: 'text' });
    });

    it('counts "killed three people" as three deaths: critical', () => {
      const result = classifyIncident(XIAOMI);

      expect(result.severity).toMatchObject({ label: 'critical', deaths: 3 });
      const evidence = result.severity.evidence.find((item) => item.supports === 'deaths');
      expect(evidence?.kind === 'phrase' ? evidence.text : undefined).toBe('killed three');
    });

    it('reads the same death count from our Chinese translation', () => {
      const result = classifyIncident(
        incident({ title: '小米SU7智能驾驶致命车祸', description: '一辆小米SU7电动汽车在开启智能辅助驾驶的情况下发生事故。这次故障导致致命碰撞，造成三人死亡。', language: 'zh' }),
      );

      expect(result.severity).toMatchObject({ label: 'critical', deaths: 3 });
    });

    it('converts a stated loss to USD and marks deepfake-style fraud as financial loss', () => {
      const result = classifyIncident(VOICE_FRAUD);

      expect(result.severity.financialLossUsd).toBe(242000);
      expect(result.severity.label).toBe('moderate');
      expect(harmTypesOf(result)).toEqual(expect.arrayContaining(['deepfake', 'financial_loss']));
      expect(result.urgency.label).toBe('routine');
    });

    it('treats a sandbox escape with hacking as red lines: flash, critical', () => {
      const result = classifyIncident(HUGGING_FACE);

      expect(redLinesOf(result)).toEqual(expect.arrayContaining(['power_seeking', 'autonomous_cyberattack']));
      expect(result.urgency).toEqual({ label: 'flash', reason: 'red_line' });
      expect(result.severity.label).toBe('critical');
      expect(result.lifecycleStage).toMatchObject({ paper: 'service_launch', nist: 'deployment' });
    });

    it('flags weapons-of-mass-destruction instructions', () => {
      const result = classifyIncident(CBRN);

      expect(redLinesOf(result)).toContain('wmd_assistance');
      expect(result.urgency.label).toBe('flash');
    });

    it('gives widespread rights infringements the Art. 73(3) two-day deadline', () => {
      const result = classifyIncident(DUTCH_BENEFITS);

      expect(harmTypesOf(result)).toEqual(expect.arrayContaining(['discrimination', 'fundamental_rights_violation']));
      expect(result.euAiAct).toMatchObject({ category: 'fundamental_rights_infringement', deadlineDays: 2, widespread: true });
    });
  });

  describe('OECD incident versus hazard', () => {
    it('calls a study finding a hazard and gives it no EU AI Act category', () => {
      const result = classifyIncident(GENDER_STUDY);

      expect(result.oecd.label).toBe('hazard');
      expect(result.euAiAct).toMatchObject({ category: null, deadlineDays: null });
    });

    it('calls harm stated in the past tense an incident', () => {
      expect(classifyIncident(UBER).oecd.label).toBe('incident');
    });
  });

  describe('sector', () => {
    it("uses the filer's sector when given, as field evidence", () => {
      const result = classifyIncident({ ...UBER, sector: 'transport' });

      expect(result.sector).toEqual({ label: 'transport', source: 'filer', evidence: [{ kind: 'field', field: 'sector', value: 'transport', supports: 'transport', weight: 1 }] });
    });
  });

  describe('proposed labels', () => {
    it('keeps the proposals and flags the axes where they differ from a determined label', () => {
      const result = classifyIncident({ ...VOICE_FRAUD, proposedLabels: { mechanism: 'loss_of_control', magnitude: 'general', source: 'enabled' } });

      expect(result.proposedLabels).toEqual({ mechanism: 'loss_of_control', magnitude: 'general', source: 'enabled' });
      expect(result.disagreements).toEqual(['mechanism']);
      expect(result.mechanism.label).toBe('misuse');
    });

    it('never flags an axis the classifier left undetermined, and ignores non-string and unknown-axis proposals', () => {
      const proposedLabels = { mechanism: 'misuse', colour: 'red', source: 42 } as unknown as ClassifierInput['proposedLabels'];
      const result = classifyIncident({ title: '', description: '', proposedLabels });

      expect(result.proposedLabels).toEqual({ mechanism: 'misuse' });
      expect(result.disagreements).toEqual([]);
    });
  });

  it('returns the empty facets for an empty filing', () => {
    const result = classifyIncident(incident());

    expect(result).toMatchObject({
      harmTypes: [],
      sector: { label: 'undetermined', source: 'none', evidence: [] },
      lifecycleStage: { paper: 'undetermined', nist: 'undetermined', evidence: [] },
      severity: { label: 'undetermined', deaths: null, injuries: null, financialLossUsd: null },
      redLineFlags: [],
      urgency: { label: 'routine', reason: 'default' },
      oecd: { label: 'undetermined', confidence: 0 },
      euAiAct: { category: null, categories: [], deadlineDays: null },
      disagreements: [],
    });
  });
});
