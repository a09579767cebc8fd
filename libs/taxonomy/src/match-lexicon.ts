import type { LexiconEntry } from './incident-lexicon.js';

/** One occurrence of a lexicon term in normalised text; `start`/`end` are offsets into that text. */
export interface LexiconMatch {
  readonly entry: LexiconEntry;
  readonly term: string;
  readonly start: number;
  readonly end: number;
}

interface CompiledTerm {
  readonly entry: LexiconEntry;
  readonly entryIndex: number;
  readonly term: string;
  readonly pattern: RegExp;
  /** Literal text every match starts with; a cheap `includes` test skips most terms on most texts. */
  readonly prefix: string;
}

/** A lexicon with every term compiled once; build it at module load, not per call. */
export interface CompiledLexicon {
  readonly terms: readonly CompiledTerm[];
}

const WORD_CHAR = String.raw`[\p{Script=Latin}\p{N}]`;
const SEPARATOR = '[- ]';
const OPTIONAL_WORDS = String.raw`(?:[\p{Script=Latin}\p{N}']+[- ]){0,2}`;
const HAN = /\p{Script=Han}/u;
const LATIN_OR_DIGIT_EDGE = /[\p{Script=Latin}\p{N}*]/u;

/**
 * Compiles one lexicon term (syntax in incident-lexicon.ts) to a global Unicode RegExp over normalised
 * text. Throws on a malformed term (empty, or a lone `*` word at either end): lexicon terms are
 * constants checked by the unit tests, never user input.
 */
export function compileTerm(term: string): RegExp {
  const words = term.split(' ');
  if (term.trim() !== term || words.some((word) => word === '') || words[0] === '*' || words.at(-1) === '*') {
    throw new Error(`Malformed lexicon term: "${term}"`);
  }
  const hasHan = HAN.test(term);
  let body = '';
  words.forEach((word, index) => {
    const isLast = index === words.length - 1;
    if (word === '*') {
      body += OPTIONAL_WORDS;
      return;
    }
    body += wordPattern(word, isLast && !hasHan);
    if (!isLast) body += SEPARATOR;
  });
  const before = LATIN_OR_DIGIT_EDGE.test(term[0] ?? '') ? `(?<!${WORD_CHAR})` : '';
  const after = LATIN_OR_DIGIT_EDGE.test(term.at(-1) ?? '') ? `(?!${WORD_CHAR})` : '';
  return new RegExp(`${before}${body}${after}`, 'gu');
}

/** Compiles every term of `lexicon`, remembering the entry order used to break ties. */
export function compileLexicon(lexicon: readonly LexiconEntry[]): CompiledLexicon {
  const terms: CompiledTerm[] = [];
  lexicon.forEach((entry, entryIndex) => {
    for (const term of entry.terms) {
      terms.push({ entry, entryIndex, term, pattern: compileTerm(term), prefix: literalPrefix(term) });
    }
  });
  return { terms };
}

/**
 * Finds the lexicon terms in normalised `text` and resolves overlaps: a longer match wins over any
 * match it overlaps; equal lengths go to the earlier start, then the earlier entry, then the term's
 * code-unit order. Returns the surviving matches sorted by start. Linear in `text.length` per term.
 */
export function findLexiconMatches(text: string, lexicon: CompiledLexicon): LexiconMatch[] {
  const candidates: (LexiconMatch & { entryIndex: number })[] = [];
  for (const { entry, entryIndex, term, pattern, prefix } of lexicon.terms) {
    if (!text.includes(prefix)) continue;
    for (const found of text.matchAll(pattern)) {
      if (found[0].length === 0) continue;
      candidates.push({ entry, entryIndex, term, start: found.index, end: found.index + found[0].length });
    }
  }
  candidates.sort(
    (a, b) =>
      b.end - b.start - (a.end - a.start) ||
      a.start - b.start ||
      a.entryIndex - b.entryIndex ||
      compareCodeUnits(a.term, b.term),
  );
  const taken = new Uint8Array(text.length);
  const kept: LexiconMatch[] = [];
  for (const { entry, term, start, end } of candidates) {
    if (taken.subarray(start, end).includes(1)) continue;
    taken.fill(1, start, end);
    kept.push({ entry, term, start, end });
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Locale-independent string order, so results never depend on the host's ICU data. */
export function compareCodeUnits(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

// The leading run of the term before any space, hyphen or `*` is matched literally, except that
// inflection may change the last letter of a one-word term (deceive → deceiving).
function literalPrefix(term: string): string {
  const run = /^[^ *-]*/u.exec(term)?.[0] ?? '';
  const isWholeTerm = run === term;
  return isWholeTerm && !HAN.test(term) ? run.slice(0, -1) : run;
}

function wordPattern(word: string, inflect: boolean): string {
  if (word.endsWith('*')) return `${escapeWord(word.slice(0, -1))}\\p{Script=Latin}*`;
  if (!inflect || word.length < 3 || !/[a-z]$/.test(word)) return escapeWord(word);
  return inflectedPattern(word);
}

// Simple English inflection of a term's last word: -s/-es, -ed, -ing, -er(s), with final-e dropping,
// consonant+y → -ies/-ied, and optional doubling of a final consonant after a single vowel (scam → scammed).
function inflectedPattern(word: string): string {
  if (word.endsWith('e')) return `${escapeWord(word.slice(0, -1))}(?:e(?:s|d|rs?)?|ing)`;
  if (/[^aeiou]y$/.test(word)) return `${escapeWord(word.slice(0, -1))}(?:y|ies|ied|ying)`;
  const doubling = /(?:^|[^aeiou])[aeiou][b-df-hj-np-tvz]$/.test(word) ? `${word.at(-1)}?` : '';
  return `${escapeWord(word)}(?:s|es|${doubling}(?:ed|ing|ers?))?`;
}

function escapeWord(word: string): string {
  let out = '';
  for (const char of word) {
    if (char === '-') out += '[- ]?';
    else if (/[\\^$.*+?()[\]{}|/]/.test(char)) out += `\\${char}`;
    else out += char;
  }
  return out;
}
