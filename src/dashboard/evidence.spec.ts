import { describe, expect, it } from '@jest/globals';
import { evidenceSupports, evidenceTooltip, highlightSegments } from './public/evidence.js';

const phrase = (text: string, whole: string, from = 0) => {
  const start = whole.indexOf(text, from);
  return { start, end: start + text.length, text };
};

describe(highlightSegments.name, () => {
  it('marks each evidence phrase and keeps the text between as plain segments', () => {
    const text = 'A deepfake video was used for fraud.';
    const deepfake = phrase('deepfake', text);
    const fraud = phrase('fraud', text);
    const sut = highlightSegments(text, [deepfake, fraud]);
    expect(sut.map((segment) => [segment.text, segment.evidence.length])).toEqual([
      ['A ', 0],
      ['deepfake', 1],
      [' video was used for ', 0],
      ['fraud', 1],
      ['.', 0],
    ]);
    expect(sut.map((segment) => segment.text).join('')).toBe(text);
  });

  it('splits overlapping phrases at every boundary', () => {
    const text = 'autonomous driving crash';
    const long = phrase('autonomous driving', text);
    const short = phrase('driving crash', text);
    expect(highlightSegments(text, [long, short]).map((segment) => [segment.text, segment.evidence])).toEqual([
      ['autonomous ', [long]],
      ['driving', [long, short]],
      [' crash', [short]],
    ]);
  });

  it('uses UTF-16 offsets, so Chinese text and astral characters highlight exactly', () => {
    const text = '😀 利用深度伪造视频实施诈骗';
    const sut = highlightSegments(text, [phrase('深度伪造', text), phrase('诈骗', text)]);
    expect(sut.filter((segment) => segment.evidence.length).map((segment) => segment.text)).toEqual(['深度伪造', '诈骗']);
  });

  it('leaves out evidence whose offsets do not point at its text (e.g. from an earlier version)', () => {
    const text = 'The chatbot gave harmful advice.';
    const stale = { start: 4, end: 11, text: 'robot' };
    const outside = { start: 30, end: 40, text: 'advice.xyz' };
    expect(highlightSegments(text, [stale, outside])).toEqual([{ text, start: 0, end: text.length, evidence: [] }]);
  });
});

describe(evidenceTooltip.name, () => {
  const labels = { dimension: (name: string) => ({ mechanism: 'Mechanism', harmType: 'Harm type' })[name] ?? name, value: (_: string, code: string | null) => (code === 'misuse' ? 'Misuse' : String(code)) };

  it('gives each part and label one line, however many phrases of the segment support it', () => {
    const evidence = [
      { part: 'mechanism', supports: 'misuse' },
      { part: 'mechanism', supports: 'misuse' },
      { part: 'harmType', supports: 'deepfake' },
    ];
    expect(evidenceTooltip(evidence, labels)).toBe('Mechanism → Misuse\nHarm type → deepfake');
    expect(evidenceSupports(evidence)).toBe('mechanism:misuse harmType:deepfake');
  });
});
