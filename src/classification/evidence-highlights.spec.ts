import { describe, expect, it } from '@jest/globals';
import { classifyIncident, type PhraseEvidence } from '@app/taxonomy';
import { highlightOf, withEvidenceHighlights, type HighlightedEvidence } from './evidence-highlights.js';

describe(highlightOf.name, () => {
  it('keeps the whole text when it is shorter than the context, with no ellipsis', () => {
    expect(highlightOf('The model escaped its sandbox.', 10, 17)).toEqual({ before: 'The model ', match: 'escaped', after: ' its sandbox.' });
  });

  it('cuts long context with an ellipsis and squeezes whitespace in it', () => {
    const text = `${'a'.repeat(50)}\n\n  exfiltrated   ${'b'.repeat(50)}`;
    const start = text.indexOf('exfiltrated');
    const sut = highlightOf(text, start, start + 'exfiltrated'.length, 10);
    expect(sut).toEqual({ before: '…aaaaaa ', match: 'exfiltrated', after: ' bbbbbbb…' });
  });

  it('never splits a surrogate pair at the edge of the context', () => {
    const text = `x😀abcdefghij${'MATCH'}`;
    const start = text.indexOf('MATCH');
    const sut = highlightOf(text, start, start + 5, 11);
    expect(sut.before).toBe('…😀abcdefghij');
    expect(encodeURIComponent(sut.before)).toBe(encodeURIComponent('…😀abcdefghij'));
  });
});

describe(withEvidenceHighlights.name, () => {
  const input = {
    title: '聊天机器人被用于诈骗',
    description: 'Criminals used a chatbot to write phishing e-mails. The AI system copied its own weights to an external server.',
  };

  it('adds a highlight to every phrase evidence item on the axes, matching its offsets, in English and Chinese', () => {
    const machine = classifyIncident(input);
    const sut = withEvidenceHighlights(machine, input);
    const phrases = [...sut.mechanism.evidence, ...sut.magnitude.evidence, ...sut.source.evidence].filter(
      (item): item is PhraseEvidence & HighlightedEvidence => item.kind === 'phrase',
    );
    expect(phrases.length).toBeGreaterThan(0);
    expect(phrases.some((item) => item.field === 'title')).toBe(true);
    for (const item of phrases) {
      expect(item.highlight?.match).toBe(item.text);
      const source = input[item.field as 'title' | 'description'];
      expect(source).toContain(`${item.highlight!.before.replace(/^…/u, '')}${item.text}`);
    }
    expect(machine.mechanism.evidence.every((item) => !('highlight' in item))).toBe(true);
  });

  it('leaves evidence whose offsets no longer point at its text without a highlight', () => {
    const machine = classifyIncident(input);
    const sut = withEvidenceHighlights(machine, { title: input.title, description: 'changed text' });
    const described = sut.mechanism.evidence.filter((item) => item.kind === 'phrase' && item.field === 'description');
    expect(described.length).toBeGreaterThan(0);
    expect(described.every((item) => !('highlight' in item))).toBe(true);
  });
});
