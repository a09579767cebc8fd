import { describe, expect, it } from '@jest/globals';

import { featureScale, forEachFeature } from './model-features.js';
import { normalizeText } from './normalize-text.js';

const featuresOf = (text: string): { features: string[]; spans: string[]; count: ReturnType<typeof forEachFeature> } => {
  const features: string[] = [];
  const spans: string[] = [];
  const count = forEachFeature(text, (feature, start, end) => {
    features.push(feature);
    spans.push(text.slice(start, end));
  });
  return { features, spans, count };
};

describe(forEachFeature.name, () => {
  it('gives words and the bigrams of words joined by a space, hyphen or apostrophe, never across a comma', () => {
    const { features, count } = featuresOf('ai-generated deepfake, used by scammers');

    expect(features).toEqual(['ai', 'generated', 'ai generated', 'deepfake', 'generated deepfake', 'used', 'used by', 'scammers', 'by scammers']);
    expect(count).toEqual({ tokens: 6, hanTokens: 0 });
  });

  it('leaves out stop words, single characters and numbers as words, and bigrams of two such words', () => {
    const { features, count } = featuresOf("in 2026 the model's output");

    expect(features).toEqual(['model', 'the model', 'model s', 'output', 's output']);
    expect(count.tokens).toBe(6);
  });

  it('gives the character bigrams and trigrams of a Han run, and a Latin word beside it separately', () => {
    const { features, spans, count } = featuresOf('ai诈骗案');

    expect(features).toEqual(['ai', '诈骗', '诈骗案', '骗案']);
    expect(spans).toEqual(features);
    expect(count).toEqual({ tokens: 4, hanTokens: 3 });
  });

  it('reads case, full-width and traditional lexicon characters alike once the text is normalised', () => {
    const plain = featuresOf(normalizeText('Deepfake 诈骗').text).features;

    expect(featuresOf(normalizeText('ＤＥＥＰＦＡＫＥ 詐騙').text).features).toEqual(plain);
  });

  it('gives nothing for punctuation, emoji or lone surrogates', () => {
    expect(featuresOf('… 😀 \ud800 -- ,,').features).toEqual([]);
  });
});

describe(featureScale.name, () => {
  it('is 1/√tokens, with at least 4 tokens', () => {
    expect(featureScale(100)).toBeCloseTo(0.1, 10);
    expect(featureScale(1)).toBeCloseTo(0.5, 10);
  });
});
