import { compileTermProgram, matchTermProgram, type TermProgram } from './term-program.js';

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
  /** Index of the lexicon this term came from in `compileLexicons`. */
  readonly group: number;
  readonly term: string;
  readonly pattern: RegExp;
  /** The same term as a program (term-program.ts): tried only where `prefix` occurs. */
  readonly program: TermProgram;
  /** Literal text every match starts with; matching starts only at its occurrences. */
  readonly prefix: string;
}

/**
 * A trie over the terms' literal prefixes, flattened into a transition table: code unit `c` maps to symbol
 * `symbols[c]` (0: in no prefix), and node `n` (root 0) goes to node `transitions[n * width + symbol] - 1`
 * (0: no edge). `termsAt[n]` lists the terms whose prefix ends at node `n`.
 */
interface PrefixTrie {
  readonly symbols: Uint16Array;
  readonly width: number;
  readonly transitions: Uint16Array;
  readonly termsAt: readonly (readonly number[] | undefined)[];
}

/**
 * One or more lexicons with every term compiled once and indexed by its literal prefix, so that one pass
 * over a text finds the terms of all of them; build it at module load, not per call.
 */
export interface CompiledLexicons<E extends MatchableEntry = MatchableEntry> {
  readonly groupCount: number;
  readonly terms: readonly CompiledTerm<E>[];
  /** Latin- or digit-initial terms (word-boundary lookbehind) with a prefix of 2 or more code units. */
  readonly wordTrie: PrefixTrie;
  /** Terms whose prefix starts with a Han character. */
  readonly hanTrie: PrefixTrie;
  /** Every other term: found with `indexOf` on the prefix, or by a full scan when the prefix is empty. */
  readonly scanned: readonly number[];
}

/** A single compiled lexicon (one group). */
export type CompiledLexicon<E extends MatchableEntry = MatchableEntry> = CompiledLexicons<E>;

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
  return compileLexicons([lexicon]);
}

/**
 * Compiles several lexicons for one combined pass (`findGroupedLexiconMatches`); overlaps are resolved
 * within each lexicon only, so one span can count in several of them.
 */
export function compileLexicons<E extends MatchableEntry>(lexicons: readonly (readonly E[])[]): CompiledLexicons<E> {
  const terms: CompiledTerm<E>[] = [];
  const wordPrefixes: [string, number][] = [];
  const hanPrefixes: [string, number][] = [];
  const scanned: number[] = [];
  lexicons.forEach((lexicon, group) => {
    lexicon.forEach((entry, entryIndex) => {
      for (const term of entry.terms) {
        const pattern = compileTerm(term);
        const prefix = literalPrefix(term);
        const termIndex = terms.length;
        terms.push({ entry, entryIndex, group, term, pattern, program: compileTermProgram(term), prefix });
        // A Latin-initial term has a word-boundary lookbehind, so it can only start at a word start; a Han-initial
        // term at any Han character.
        if (LATIN_OR_DIGIT_EDGE.test(term[0] ?? '') && prefix.length >= 2) wordPrefixes.push([prefix, termIndex]);
        else if (HAN.test(prefix.charAt(0))) hanPrefixes.push([prefix, termIndex]);
        else scanned.push(termIndex);
      }
    });
  });
  return { groupCount: lexicons.length, terms, wordTrie: buildTrie(wordPrefixes), hanTrie: buildTrie(hanPrefixes), scanned };
}

function buildTrie(prefixes: readonly (readonly [string, number])[]): PrefixTrie {
  const symbols = new Uint16Array(0x10000);
  let width = 1;
  for (const [prefix] of prefixes) {
    for (let at = 0; at < prefix.length; at += 1) {
      const code = prefix.charCodeAt(at);
      if (symbols[code] === 0) symbols[code] = width++;
    }
  }
  const edges = [new Map<number, number>()];
  const termsAt: number[][] = [[]];
  for (const [prefix, termIndex] of prefixes) {
    let node = 0;
    for (let at = 0; at < prefix.length; at += 1) {
      const symbol = symbols[prefix.charCodeAt(at)] ?? 0;
      let child = edges[node]?.get(symbol);
      if (child === undefined) {
        child = edges.length;
        edges[node]?.set(symbol, child);
        edges.push(new Map());
        termsAt.push([]);
      }
      node = child;
    }
    termsAt[node]?.push(termIndex);
  }
  if (edges.length >= 0xffff) throw new Error('Lexicon too large for a 16-bit prefix trie');
  const transitions = new Uint16Array(edges.length * width);
  edges.forEach((children, node) => {
    for (const [symbol, child] of children) transitions[node * width + symbol] = child + 1;
  });
  return { symbols, width, transitions, termsAt: termsAt.map((list) => (list.length === 0 ? undefined : list)) };
}

/**
 * Finds the lexicon terms in normalised `text` and resolves overlaps: a longer match wins over any
 * match it overlaps; equal lengths go to the earlier start, then the earlier entry, then the term's
 * code-unit order. Returns the surviving matches sorted by start. Linear in `text.length`.
 */
export function findLexiconMatches<E extends MatchableEntry>(text: string, lexicon: CompiledLexicon<E>): LexiconMatch<E>[] {
  return findGroupedLexiconMatches(text, lexicon)[0] ?? [];
}

interface Candidate<E extends MatchableEntry> extends LexiconMatch<E> {
  readonly entryIndex: number;
}

// Per-term end of its last match in the current call (reset per call; the matcher is synchronous).
let nextStartBuffer = new Int32Array(0);

/**
 * `findLexiconMatches` for every lexicon of `lexicons` in one pass over `text`: element `g` of the result holds
 * the surviving matches of lexicon `g`, with overlaps resolved within that lexicon, sorted by start.
 *
 * Per term the matches are the same as `text.matchAll(compileTerm(term))` (leftmost, non-overlapping), but a
 * term's regex only runs where its literal prefix starts: the pass visits each Latin word start and each Han
 * character once and walks the prefix trie from there, so the cost is linear in the text length times the
 * longest prefix, plus one term-program run (the term's sticky RegExp, without a RegExp) per prefix occurrence.
 */
export function findGroupedLexiconMatches<E extends MatchableEntry>(text: string, lexicons: CompiledLexicons<E>): LexiconMatch<E>[][] {
  const { terms, wordTrie, hanTrie, scanned } = lexicons;
  const candidates: Candidate<E>[][] = [];
  for (let group = 0; group < lexicons.groupCount; group += 1) candidates.push([]);
  if (nextStartBuffer.length < terms.length) nextStartBuffer = new Int32Array(terms.length);
  // A term's next match starts at or after the end of its previous one (as with a global regex).
  const nextStart = nextStartBuffer;
  nextStart.fill(0, 0, terms.length);
  const tryAt = (termIndex: number, at: number): void => {
    const compiled = terms[termIndex];
    if (compiled === undefined || at < (nextStart[termIndex] ?? 0)) return;
    const end = matchTermProgram(compiled.program, text, at);
    if (end <= at) return;
    nextStart[termIndex] = end;
    candidates[compiled.group]?.push({ entry: compiled.entry, entryIndex: compiled.entryIndex, term: compiled.term, start: at, end });
  };
  // Tries every term whose literal prefix starts at `at`, following the trie along the text.
  const walk = ({ symbols, width, transitions, termsAt }: PrefixTrie, at: number): void => {
    let node = 0;
    for (let index = at; index < text.length; index += 1) {
      const symbol = symbols[text.charCodeAt(index)] ?? 0;
      if (symbol === 0) return;
      node = (transitions[node * width + symbol] ?? 0) - 1;
      if (node < 0) return;
      const ending = termsAt[node];
      if (ending !== undefined) for (const termIndex of ending) tryAt(termIndex, at);
    }
  };
  let previousIsWord = false;
  for (let at = 0; at < text.length; at += 1) {
    const code = text.charCodeAt(at);
    const isWord = isWordUnit(text, at, code);
    if (isWord) {
      if (!previousIsWord) walk(wordTrie, at);
    } else if (code >= 0x2e80 && hanTrie.symbols[code] !== 0) {
      walk(hanTrie, at);
    }
    previousIsWord = isWord;
  }
  for (const termIndex of scanned) {
    const compiled = terms[termIndex];
    if (compiled === undefined) continue;
    if (compiled.prefix === '') {
      for (const found of text.matchAll(compiled.pattern)) {
        if (found[0].length > 0) {
          candidates[compiled.group]?.push({ entry: compiled.entry, entryIndex: compiled.entryIndex, term: compiled.term, start: found.index, end: found.index + found[0].length });
        }
      }
      continue;
    }
    for (let at = text.indexOf(compiled.prefix); at !== -1; at = text.indexOf(compiled.prefix, at + 1)) tryAt(termIndex, at);
  }
  return candidates.map((group) => resolveOverlaps(text.length, group));
}

let takenBuffer = new Uint8Array(0);

function resolveOverlaps<E extends MatchableEntry>(length: number, candidates: Candidate<E>[]): LexiconMatch<E>[] {
  if (candidates.length === 0) return [];
  candidates.sort(
    (a, b) =>
      b.end - b.start - (a.end - a.start) ||
      a.start - b.start ||
      a.entryIndex - b.entryIndex ||
      compareCodeUnits(a.term, b.term),
  );
  if (takenBuffer.length < length) takenBuffer = new Uint8Array(Math.max(length, 2 * takenBuffer.length));
  const taken = takenBuffer.subarray(0, length);
  taken.fill(0);
  const kept: LexiconMatch<E>[] = [];
  for (const { entry, term, start, end } of candidates) {
    if (taken.subarray(start, end).includes(1)) continue;
    taken.fill(1, start, end);
    kept.push({ entry, term, start, end });
  }
  return kept.sort((a, b) => a.start - b.start);
}

const WORD_CHAR_TEST = new RegExp(WORD_CHAR, 'u');

// A Latin letter or digit (one UTF-16 unit), as the terms' word-boundary lookarounds see it.
function isWordUnit(text: string, at: number, code: number): boolean {
  if (code < 0x80) return (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
  return WORD_CHAR_TEST.test(text.charAt(at));
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
