import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';

import { INCIDENT_LEXICON, type LexiconEntry, type Vote } from './incident-lexicon.js';
import { compileLexicon, compileTerm, findLexiconMatches } from './match-lexicon.js';
import { normalizeText } from './normalize-text.js';
import { compileTermProgram, matchTermProgram } from './term-program.js';
import { AXES } from './vocabulary.js';

function matchesOf(term: string, text: string): string[] {
  return [...text.matchAll(compileTerm(term))].map((found) => found[0]);
}

function votesOf(entry: LexiconEntry): Vote<string>[] {
  return AXES.flatMap((axis) => entry.votes[axis] ?? []);
}

function lexiconEntry(overrides: Partial<LexiconEntry> = {}): LexiconEntry {
  return { id: 'test', terms: [], votes: {}, ...overrides };
}

describe(compileTerm.name, () => {
  it('matches English terms on word boundaries only', () => {
    expect(matchesOf('error', 'an error; terrorists; errors; error-prone')).toEqual(['error', 'errors', 'error']);
    expect(matchesOf('war', 'award warm war wars')).toEqual(['war', 'wars']);
  });

  it('accepts simple inflections of the last word', () => {
    expect(matchesOf('bias', 'bias biased biases biasing')).toEqual(['bias', 'biased', 'biases', 'biasing']);
    expect(matchesOf('bug', 'bugs bugged bugging')).toEqual(['bugs', 'bugged', 'bugging']);
    expect(matchesOf('deceive', 'deceives deceived deceiving deceiver')).toEqual([
      'deceives',
      'deceived',
      'deceiving',
      'deceiver',
    ]);
  });

  it('expands a trailing star to any suffix and a lone star to up to two words', () => {
    expect(matchesOf('impersonat*', 'impersonated impersonation impersonator')).toHaveLength(3);
    expect(matchesOf('escap* * sandbox', 'escaped sandbox; escaping its own sandbox; escaped from a very old sandbox')).toEqual([
      'escaped sandbox',
      'escaping its own sandbox',
    ]);
  });

  it('treats spaces and hyphens alike', () => {
    expect(matchesOf('self-replicat*', 'self-replicating self replicating selfreplication')).toHaveLength(3);
    expect(matchesOf('voice clon*', 'voice-cloning voice clone')).toHaveLength(2);
  });

  it('matches Chinese terms as substrings while Latin edges keep a word boundary', () => {
    expect(matchesOf('诈骗', '电信诈骗案')).toEqual(['诈骗']);
    expect(matchesOf('利用ai', '他们利用ai生成; 利用aid')).toEqual(['利用ai']);
  });

  it('rejects malformed terms', () => {
    expect(() => compileTerm('* sandbox')).toThrow('Malformed lexicon term');
    expect(() => compileTerm('a  b')).toThrow('Malformed lexicon term');
  });
});

describe(findLexiconMatches.name, () => {
  it('prefers the longer of two overlapping matches', () => {
    const lexicon = compileLexicon([
      lexiconEntry({ id: 'short', terms: ['fraud*'] }),
      lexiconEntry({ id: 'long', terms: ['fraud detection'] }),
    ]);

    const matches = findLexiconMatches('the fraud detection model; fraud', lexicon);

    expect(matches.map((match) => [match.entry.id, match.start, match.end])).toEqual([
      ['long', 4, 19],
      ['short', 27, 32],
    ]);
  });

  it('breaks ties by start, then entry order, so results never depend on term order', () => {
    const first = lexiconEntry({ id: 'first', terms: ['甲乙'] });
    const second = lexiconEntry({ id: 'second', terms: ['乙丙', '甲乙'] });

    const matches = findLexiconMatches('甲乙丙', compileLexicon([first, second]));

    expect(matches.map((match) => match.entry.id)).toEqual(['first']);
  });
});

describe('INCIDENT_LEXICON', () => {
  const terms = INCIDENT_LEXICON.flatMap((entry) => entry.terms);

  it('writes every term in normalised form', () => {
    for (const term of terms) expect(normalizeText(term).text).toBe(term);
  });

  it('compiles every term and lists each term once', () => {
    for (const term of terms) expect(() => compileTerm(term)).not.toThrow();
    expect(new Set(terms).size).toBe(terms.length);
  });

  it('has unique entry ids and positive weights', () => {
    expect(new Set(INCIDENT_LEXICON.map((entry) => entry.id)).size).toBe(INCIDENT_LEXICON.length);
    for (const entry of INCIDENT_LEXICON) {
      for (const vote of votesOf(entry)) expect(vote.weight).toBeGreaterThan(0);
    }
  });

  it('has English and Chinese terms for every label of every axis', () => {
    const labels = new Map<string, Set<'en' | 'zh'>>();
    for (const entry of INCIDENT_LEXICON) {
      for (const vote of votesOf(entry)) {
        const languages = labels.get(vote.label) ?? new Set();
        for (const term of entry.terms) languages.add(/\p{Script=Han}/u.test(term) ? 'zh' : 'en');
        labels.set(vote.label, languages);
      }
    }

    for (const label of ['loss_of_control', 'misuse', 'existential', 'general', 'system', 'enabled']) {
      expect([...(labels.get(label) ?? [])].sort()).toEqual(['en', 'zh']);
    }
  });
});

describe('term programs and the one-pass matcher', () => {
  const lexicon = INCIDENT_LEXICON;
  const terms = lexicon.flatMap((entry) => entry.terms);
  const fragments = fc.oneof(
    fc.constantFrom(...terms.map((term) => term.replaceAll('*', ''))),
    fc.constantFrom(' ', '-', 's', 'ed', 'ing', 'er', "'", 'x', 'é', '1', '😀', '\ud800', ' its own ', '  '),
  );
  const text = fc.array(fragments, { maxLength: 12 }).map((parts) => parts.join(''));

  it('runs each term exactly as its sticky RegExp would, at every offset', () => {
    fc.assert(
      fc.property(fc.constantFrom(...terms), text, (term, sample) => {
        const sticky = new RegExp(compileTerm(term).source, 'uy');
        const program = compileTermProgram(term);
        for (let at = 0; at <= sample.length; at += 1) {
          sticky.lastIndex = at;
          const expected = sticky.test(sample) ? sticky.lastIndex : -1;
          expect(matchTermProgram(program, sample, at)).toBe(expected);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('finds what matching every term with its global RegExp and resolving overlaps finds', () => {
    const compiled = compileLexicon(lexicon);
    fc.assert(
      fc.property(text, (sample) => {
        expect(findLexiconMatches(sample, compiled).map(describeMatch)).toEqual(referenceMatches(lexicon, sample).map(describeMatch));
      }),
      { numRuns: 300 },
    );
  });
});

function describeMatch(match: { entry: LexiconEntry; term: string; start: number; end: number }): string {
  return `${match.entry.id}:${match.term}:${match.start}-${match.end}`;
}

// The matcher's contract spelled out naively: every RegExp match of every term, then longest first (ties: earlier
// start, earlier entry, term order), dropping any match that overlaps one already kept.
function referenceMatches(lexicon: readonly LexiconEntry[], text: string): { entry: LexiconEntry; term: string; start: number; end: number }[] {
  const candidates = lexicon.flatMap((entry, entryIndex) =>
    entry.terms.flatMap((term) =>
      [...text.matchAll(compileTerm(term))].filter((found) => found[0].length > 0).map((found) => ({ entry, entryIndex, term, start: found.index, end: found.index + found[0].length })),
    ),
  );
  candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start || a.entryIndex - b.entryIndex || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
  const kept: typeof candidates = [];
  for (const candidate of candidates) {
    if (kept.every((other) => candidate.end <= other.start || candidate.start >= other.end)) kept.push(candidate);
  }
  return kept.sort((a, b) => a.start - b.start);
}
