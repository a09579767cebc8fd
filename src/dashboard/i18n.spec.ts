import { describe, expect, it } from '@jest/globals';
import { TAXONOMY_VOCABULARY } from '@app/taxonomy';
import { createLabels } from './public/i18n.js';

describe(createLabels.name, () => {
  it('labels harm type "undetermined" with the taxonomy’s term in both languages (the heatmap shows it)', () => {
    const { undetermined } = TAXONOMY_VOCABULARY;
    expect(createLabels(TAXONOMY_VOCABULARY, 'en').value('harmType', 'undetermined')).toBe(undetermined.label.en);
    expect(createLabels(TAXONOMY_VOCABULARY, 'zh').value('harmType', 'undetermined')).toBe(undetermined.label.zh);
    expect(undetermined.label.zh).not.toBe('undetermined');
  });
});
