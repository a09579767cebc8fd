import { describe, expect, it } from '@jest/globals';

import { TAXONOMY_VOCABULARY, type VocabularyTerm } from './taxonomy-vocabulary.js';
import {
  EU_AI_ACT_CATEGORIES,
  HARM_TYPES,
  LIFECYCLE_STAGES,
  MAGNITUDES,
  MECHANISMS,
  OECD_EVENT_TYPES,
  RED_LINE_FLAGS,
  RISK_SOURCES,
  SECTORS,
  SEVERITIES,
  URGENCIES,
} from './vocabulary.js';

const HAN = /\p{Script=Han}/u;
const SNAKE_CASE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;

function allTerms(): VocabularyTerm[] {
  const vocabulary = TAXONOMY_VOCABULARY;
  return [
    ...vocabulary.languages,
    vocabulary.undetermined,
    ...vocabulary.axes,
    ...vocabulary.axes.flatMap((axis) => axis.values),
    ...vocabulary.harmTypes,
    ...vocabulary.sectors,
    ...vocabulary.lifecycleStages.paper,
    ...vocabulary.lifecycleStages.nist,
    ...vocabulary.severities,
    ...vocabulary.oecdEventTypes,
    ...vocabulary.redLineFlags,
    ...vocabulary.urgencies,
    ...vocabulary.euAiActCategories,
    ...vocabulary.governanceElements,
  ];
}

describe('TAXONOMY_VOCABULARY', () => {
  it('has a semver version and survives a JSON round trip unchanged', () => {
    expect(TAXONOMY_VOCABULARY.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(JSON.parse(JSON.stringify(TAXONOMY_VOCABULARY))).toEqual(TAXONOMY_VOCABULARY);
  });

  it('gives every code a snake_case name and an English and Chinese label and one-sentence definition', () => {
    for (const term of allTerms()) {
      expect(term.code).toMatch(SNAKE_CASE);
      expect(term.label.en.length).toBeGreaterThan(1);
      expect(term.label.zh).toMatch(HAN);
      expect(term.definition.en).toMatch(/\.$/);
      expect(term.definition.zh).toMatch(/。$/);
    }
  });

  it('lists exactly the codes of the vocabulary constants, in their order', () => {
    const codes = (terms: readonly VocabularyTerm[]): string[] => terms.map((term) => term.code);

    expect(TAXONOMY_VOCABULARY.axes.map((axis) => codes(axis.values))).toEqual([[...MECHANISMS], [...MAGNITUDES], [...RISK_SOURCES]]);
    expect(codes(TAXONOMY_VOCABULARY.harmTypes)).toEqual([...HARM_TYPES]);
    expect(codes(TAXONOMY_VOCABULARY.sectors)).toEqual([...SECTORS]);
    expect([...codes(TAXONOMY_VOCABULARY.lifecycleStages.paper), ...codes(TAXONOMY_VOCABULARY.lifecycleStages.nist)]).toEqual([...LIFECYCLE_STAGES]);
    expect(codes(TAXONOMY_VOCABULARY.severities)).toEqual([...SEVERITIES]);
    expect(codes(TAXONOMY_VOCABULARY.oecdEventTypes)).toEqual([...OECD_EVENT_TYPES]);
    expect(codes(TAXONOMY_VOCABULARY.redLineFlags)).toEqual([...RED_LINE_FLAGS]);
    expect(codes(TAXONOMY_VOCABULARY.urgencies)).toEqual([...URGENCIES]);
    expect(codes(TAXONOMY_VOCABULARY.euAiActCategories)).toEqual([...EU_AI_ACT_CATEGORIES]);
  });

  it('uses the policy paper’s Chinese terms for the axis values', () => {
    const zh = TAXONOMY_VOCABULARY.axes.flatMap((axis) => axis.values.map((value) => value.label.zh));

    expect(zh).toEqual(['失控风险', '技术滥用风险', '人类生存性风险', '一般性风险', '人工智能系统本身的风险', '系统赋能型风险']);
  });

  it('names the Art. 73 paragraph behind each serious-incident deadline', () => {
    const byCode = new Map(TAXONOMY_VOCABULARY.euAiActCategories.map((term) => [term.code, term]));

    expect(byCode.get('critical_infrastructure_disruption')).toMatchObject({ article3Point: 'b', deadlineDays: 2 });
    expect(byCode.get('critical_infrastructure_disruption')?.deadlineRule.en).toContain('Art. 73(3)');
    expect(byCode.get('death_or_serious_health_harm')?.deadlineRule.en).toMatch(/Art\. 73\(4\).*10 days.*Art\. 73\(2\).*15 days/);
    expect(byCode.get('fundamental_rights_infringement')?.deadlineRule.en).toMatch(/Art\. 73\(2\).*15 days.*Art\. 73\(3\).*2 days/);
    expect(byCode.get('serious_property_or_environmental_harm')).toMatchObject({ article3Point: 'd', deadlineDays: 15 });
  });
});
