import { describe, expect, it } from '@jest/globals';
import { LINK_WEIGHTS, scoreLink, type CorrelationSubject } from './link-score.js';
import { keyText, nameKey, nameKeysOf } from './name-keys.js';

describe(nameKey.name, () => {
  it.each([
    ['Meta Platforms, Inc.', 'meta'],
    ['keolis-north-america', 'keolisnorthamerica'],
    ['Keolis North America', 'keolisnorthamerica'],
    ['The Boeing Company', 'boeing'],
    ['ＯｐｅｎＡＩ', 'openai'],
    ['特斯拉', '特斯拉'],
    ['AI', null],
    ['Inc.', 'inc'],
  ])('%s → %s', (name, key) => {
    expect(nameKey(name)).toBe(key);
  });
});

describe(nameKeysOf.name, () => {
  it('splits lists of parties in English and Chinese and drops repeats', () => {
    expect(nameKeysOf('Raytheon, Lockheed Martin and Raytheon Inc')).toEqual(['raytheon', 'lockheedmartin']);
    expect(nameKeysOf('腾讯、阿里巴巴')).toEqual(['腾讯', '阿里巴巴']);
    expect(nameKeysOf(null)).toEqual([]);
  });
});

const subject = (overrides: Partial<CorrelationSubject> = {}): CorrelationSubject => ({
  id: 'a',
  title: 'Uber AV Killed Pedestrian in Arizona',
  description: 'An Uber autonomous vehicle in autonomous mode struck and killed a pedestrian in Tempe, Arizona.',
  occurredAt: new Date('2018-03-18T00:00:00Z'),
  language: 'en',
  originJurisdiction: 'US',
  names: [{ role: 'developer', key: 'uber' }],
  labels: { mechanism: 'loss_of_control', source: 'system', sector: 'autonomous_driving', harmTypes: ['physical_harm'] },
  ...overrides,
});
const evidence = (titleSimilarity = 0, descriptionSimilarity = 0, frequency: Record<string, number> = {}) => ({
  titleSimilarity,
  descriptionSimilarity,
  nameFrequency: new Map(Object.entries(frequency)),
});

describe(scoreLink.name, () => {
  it('links a Chinese report of the same crash through the shared name, the date and the labels, with those reasons', () => {
    const chinese = subject({
      id: 'b',
      title: '优步自动驾驶汽车撞死行人',
      description: 'Uber 的自动驾驶测试车在亚利桑那州坦佩市撞死一名行人。',
      language: 'zh',
      originJurisdiction: 'CN',
      names: [],
      occurredAt: new Date('2018-03-19T00:00:00Z'),
    });
    const { score, reasons } = scoreLink(subject(), chinese, evidence(0.02, 0.01));
    expect(reasons.map((reason) => reason.signal)).toEqual(['date', 'name_in_text', 'labels']);
    expect(score).toBeCloseTo((LINK_WEIGHTS.dateBands[0][1] + LINK_WEIGHTS.nameInText + LINK_WEIGHTS.labels) * LINK_WEIGHTS.crossLanguage, 3);
    expect(score).toBeGreaterThanOrEqual(0.55);
    expect(reasons.every((reason) => reason.detail.endsWith('across languages)'))).toBe(true);
  });

  it('gives a name carried by many incidents less weight than a rare one', () => {
    const other = subject({ id: 'b' });
    const rare = scoreLink(subject(), other, evidence(0, 0, { uber: 2 })).reasons.find((reason) => reason.signal === 'organisation')!;
    const common = scoreLink(subject(), other, evidence(0, 0, { uber: 50 })).reasons.find((reason) => reason.signal === 'organisation')!;
    expect(rare.weight).toBe(LINK_WEIGHTS.organisation);
    expect(common.weight).toBeCloseTo(LINK_WEIGHTS.organisation * (LINK_WEIGHTS.commonNameFrequency / 50), 3);
  });

  it('scores text similarity on a ramp and caps the sum at 1', () => {
    const twin = subject({ id: 'b', names: [{ role: 'ai_system', key: 'x1' }, { role: 'developer', key: 'uber' }] });
    const probe = subject({ names: [{ role: 'ai_system', key: 'x1' }, { role: 'developer', key: 'uber' }] });
    expect(scoreLink(probe, twin, evidence(1, 1)).score).toBe(1);
    const faint = scoreLink(subject({ names: [] }), subject({ id: 'b', names: [], labels: null, occurredAt: new Date('2020-01-01') }), evidence(LINK_WEIGHTS.titleFloor, 0));
    expect(faint).toEqual({ score: 0, reasons: [] });
  });

  it('does not use undetermined labels as agreement', () => {
    const labels = { mechanism: 'undetermined', source: 'undetermined', sector: 'undetermined', harmTypes: [] };
    const { reasons } = scoreLink(subject({ labels }), subject({ id: 'b', labels, names: [] }), evidence());
    expect(reasons.map((reason) => reason.signal)).not.toContain('labels');
  });
});

describe(keyText.name, () => {
  it('keeps letters and digits only, lower case', () => {
    expect(keyText('Tesla’s Autopilot (v10.2)')).toBe('teslasautopilotv102');
  });
});
