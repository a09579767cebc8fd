/** What the matcher needs of a lexicon entry: its terms (syntax in incident-lexicon.ts). */
export interface MatchableEntry {
  readonly terms: readonly string[];
}

/** One occurrence of a lexicon term in normalised text; `start`/`end` are offsets into that text. */
export interface LexiconMatch<E extends MatchableEntry = MatchableEntry> {
  readonly entry: E;
  readonly term: string;
  readonly start: number;
  readonly end: number;
}

interface CompiledTerm<E extends MatchableEntry> {
  readonly entry: E;
  readonly entryIndex: number;
  readonly term: string;
  readonly pattern: RegExp;
  /** The same pattern, sticky: tried only where `prefix` occurs. */
  readonly sticky: RegExp;
  /** Literal text every match starts with; matching starts only at its occurrences. */
  readonly prefix: string;
  /** How candidate start positions are found: Latin word starts, Han characters, or a plain scan. */
  readonly anchor: 'word' | 'han' | 'scan';
}

/** A lexicon with every term compiled once; build it at module load, not per call. */
export interface CompiledLexicon<E extends MatchableEntry = MatchableEntry> {
  readonly terms: readonly CompiledTerm<E>[];
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
export function compileLexicon<E extends MatchableEntry>(lexicon: readonly E[]): CompiledLexicon<E> {
  const terms: CompiledTerm<E>[] = [];
  lexicon.forEach((entry, entryIndex) => {
    for (const term of entry.terms) {
      const pattern = compileTerm(term);
      const prefix = literalPrefix(term);
      const anchor = LATIN_OR_DIGIT_EDGE.test(term[0] ?? '') && prefix.length >= 2 ? 'word' : HAN.test(prefix.charAt(0)) ? 'han' : 'scan';
      terms.push({ entry, entryIndex, term, pattern, sticky: new RegExp(pattern.source, 'uy'), prefix, anchor });
    }
  });
  return { terms };
}

/**
 * Finds the lexicon terms in normalised `text` and resolves overlaps: a longer match wins over any
 * match it overlaps; equal lengths go to the earlier start, then the earlier entry, then the term's
 * code-unit order. Returns the surviving matches sorted by start. Linear in `text.length` per term.
 */
export function findLexiconMatches<E extends MatchableEntry>(text: string, lexicon: CompiledLexicon<E>): LexiconMatch<E>[] {
  const candidates: (LexiconMatch<E> & { entryIndex: number })[] = [];
  const index = indexText(text);
  for (const { entry, entryIndex, term, pattern, sticky, prefix, anchor } of lexicon.terms) {
    if (prefix === '') {
      for (const found of text.matchAll(pattern)) {
        if (found[0].length > 0) candidates.push({ entry, entryIndex, term, start: found.index, end: found.index + found[0].length });
      }
      continue;
    }
    // Same matches as `matchAll` (leftmost, non-overlapping per term), but the regex only runs where the
    // literal prefix starts: at a Latin word start with the same first two letters (a Latin-initial term
    // has a word-boundary lookbehind), at the same Han character, or, for other terms, where `indexOf` finds it.
    const starts = anchor === 'word' ? index.wordStarts.get(prefix.slice(0, 2)) : anchor === 'han' ? index.han.get(prefix.charAt(0)) : scanStarts(text, prefix);
    if (starts === undefined) continue;
    let next = 0;
    for (const at of starts) {
      if (at < next || !text.startsWith(prefix, at)) continue;
      sticky.lastIndex = at;
      const found = sticky.exec(text);
      if (found === null || found[0].length === 0) continue;
      candidates.push({ entry, entryIndex, term, start: at, end: at + found[0].length });
      next = at + found[0].length;
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
  const kept: LexiconMatch<E>[] = [];
  for (const { entry, term, start, end } of candidates) {
    if (taken.subarray(start, end).includes(1)) continue;
    taken.fill(1, start, end);
    kept.push({ entry, term, start, end });
  }
  return kept.sort((a, b) => a.start - b.start);
}

interface TextIndex {
  /** Positions of Latin/digit word starts, by their first two code units. */
  readonly wordStarts: Map<string, number[]>;
  /** Positions of each Han character. */
  readonly han: Map<string, number[]>;
}

const WORD_CHAR_TEST = new RegExp(WORD_CHAR, 'u');

function isWordUnit(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  if (code < 0x80) return (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
  return WORD_CHAR_TEST.test(text.charAt(at));
}

// The classifier matches several lexicons against the same normalised field in a row; the index of the
// last text is kept (a pure cache: same text, same index).
let lastIndexed: { text: string; index: TextIndex } | undefined;

function indexText(text: string): TextIndex {
  if (lastIndexed?.text === text) return lastIndexed.index;
  const index = buildIndex(text);
  lastIndexed = { text, index };
  return index;
}

// One pass over the text; the index makes the cost per term proportional to its candidate starts.
function buildIndex(text: string): TextIndex {
  const wordStarts = new Map<string, number[]>();
  const han = new Map<string, number[]>();
  let previousIsWord = false;
  for (let at = 0; at < text.length; at += 1) {
    const isWord = isWordUnit(text, at);
    if (isWord && !previousIsWord && at + 1 < text.length) {
      const key = text.slice(at, at + 2);
      const list = wordStarts.get(key);
      if (list === undefined) wordStarts.set(key, [at]);
      else list.push(at);
    }
    previousIsWord = isWord;
    if (!isWord && text.charCodeAt(at) >= 0x2e80 && HAN.test(text.charAt(at))) {
      const char = text.charAt(at);
      const list = han.get(char);
      if (list === undefined) han.set(char, [at]);
      else list.push(at);
    }
  }
  return { wordStarts, han };
}

function scanStarts(text: string, prefix: string): number[] | undefined {
  let at = text.indexOf(prefix);
  if (at === -1) return undefined;
  const starts: number[] = [];
  while (at !== -1) {
    starts.push(at);
    at = text.indexOf(prefix, at + 1);
  }
  return starts;
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
