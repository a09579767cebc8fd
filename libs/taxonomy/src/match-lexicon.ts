import { compileTermProgram, leadingLiterals, matchTermProgram, matchTermProgramAfterLiteral, type TermProgram } from './term-program.js';

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
 * A trie over the terms' literal prefixes in flat arrays (small enough to stay in the CPU cache): the root's child
 * for code unit `c` is node `root[c] - 1` (0: none). Node `n` is described by NODE_FIELDS consecutive entries of
 * `nodes` from `n * NODE_FIELDS`: the range of `termList` holding the terms whose prefix ends there, the range of its
 * edges (edge `e` leads on code unit `edgeCode[e]` to node `edgeChild[e]`, sorted by code unit) and its row in
 * `dense` or -1. A node with DENSE_MIN_EDGES or more edges (the busy ones near the root) has a row of DENSE_UNITS
 * entries, child + 1 per ASCII code unit (0: none), so it finds a child without a search. Nodes are numbered in
 * depth-first order, so a walk along the text reads neighbouring memory.
 */
interface PrefixTrie {
  readonly root: Int32Array;
  readonly nodes: Int32Array;
  readonly dense: Int32Array;
  readonly edgeCode: Uint16Array;
  readonly edgeChild: Int32Array;
  readonly termList: Int32Array;
}

const NODE_FIELDS = 5;
const TERMS_FROM = 0;
const TERMS_TO = 1;
const EDGES_FROM = 2;
const EDGES_TO = 3;
const DENSE_ROW = 4;
const DENSE_MIN_EDGES = 5;
const DENSE_UNITS = 0x80;

/**
 * One or more lexicons with every term compiled once and indexed by its literal prefix, so that one pass
 * over a text finds the terms of all of them; build it at module load, not per call.
 */
export interface CompiledLexicons<E extends MatchableEntry = MatchableEntry> {
  readonly groupCount: number;
  readonly terms: readonly CompiledTerm<E>[];
  /** Terms that start with a Latin letter or digit (they have a word-boundary lookbehind). */
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
        const program = compileTermProgram(term);
        const termIndex = terms.length;
        terms.push({ entry, entryIndex, group, term, pattern, program, prefix });
        // A Latin-initial term has a word-boundary lookbehind, so it can only start at a word start; a Han-initial
        // term at any Han character. In the tries, a term sits under each literal its matches can start with,
        // which extends `prefix` across spaces and hyphens ("false positive" under "false positive" and
        // "false-positive", not just "false").
        const first = term.charCodeAt(0);
        const trie = isWordUnit(term, 0, first) ? wordPrefixes : HAN.test(prefix.charAt(0)) ? hanPrefixes : undefined;
        if (trie === undefined) scanned.push(termIndex);
        else for (const literal of leadingLiterals(program)) trie.push([literal, termIndex]);
      }
    });
  });
  return { groupCount: lexicons.length, terms, wordTrie: buildTrie(wordPrefixes), hanTrie: buildTrie(hanPrefixes), scanned };
}

function buildTrie(prefixes: readonly (readonly [string, number])[]): PrefixTrie {
  const children = [new Map<number, number>()];
  const termsAt: number[][] = [[]];
  for (const [prefix, termIndex] of prefixes) {
    let node = 0;
    for (let at = 0; at < prefix.length; at += 1) {
      const code = prefix.charCodeAt(at);
      let child = children[node]?.get(code);
      if (child === undefined) {
        child = children.length;
        children[node]?.set(code, child);
        children.push(new Map());
        termsAt.push([]);
      }
      node = child;
    }
    termsAt[node]?.push(termIndex);
  }
  // Depth-first numbering (children by code unit); the root itself is not a node of the arrays.
  const sortedEdges = children.map((edges) => [...edges].sort(([a], [b]) => a - b));
  const order: number[] = [];
  const pending = [...(sortedEdges[0] ?? [])].reverse().map(([, child]) => child);
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    order.push(node);
    for (const [, child] of [...(sortedEdges[node] ?? [])].reverse()) pending.push(child);
  }
  const numberOf = new Map(order.map((node, index) => [node, index]));
  const number = (node: number): number => numberOf.get(node) ?? -1;
  const root = new Int32Array(0x10000);
  for (const [code, child] of sortedEdges[0] ?? []) root[code] = number(child) + 1;
  const nodes = new Int32Array(order.length * NODE_FIELDS);
  const edgeCode: number[] = [];
  const edgeChild: number[] = [];
  const termList: number[] = [];
  const denseRows: Int32Array[] = [];
  order.forEach((node, index) => {
    const base = index * NODE_FIELDS;
    const edges = sortedEdges[node] ?? [];
    nodes[base + TERMS_FROM] = termList.length;
    termList.push(...(termsAt[node] ?? []));
    nodes[base + TERMS_TO] = termList.length;
    nodes[base + EDGES_FROM] = edgeCode.length;
    for (const [code, child] of edges) {
      edgeCode.push(code);
      edgeChild.push(number(child));
    }
    nodes[base + EDGES_TO] = edgeCode.length;
    nodes[base + DENSE_ROW] = -1;
    if (edges.length >= DENSE_MIN_EDGES) {
      const row = new Int32Array(DENSE_UNITS);
      for (const [code, child] of edges) if (code < DENSE_UNITS) row[code] = number(child) + 1;
      nodes[base + DENSE_ROW] = denseRows.length;
      denseRows.push(row);
    }
  });
  const dense = new Int32Array(denseRows.length * DENSE_UNITS);
  denseRows.forEach((row, index) => dense.set(row, index * DENSE_UNITS));
  return { root, nodes, dense, edgeCode: Uint16Array.from(edgeCode), edgeChild: Int32Array.from(edgeChild), termList: Int32Array.from(termList) };
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
  if (nextStartBuffer.length < lexicons.terms.length) nextStartBuffer = new Int32Array(lexicons.terms.length);
  const pass = new MatchPass(text, lexicons, nextStartBuffer);
  const { wordTrie, hanTrie } = lexicons;
  let previousIsWord = false;
  for (let at = 0; at < text.length; at += 1) {
    const code = text.charCodeAt(at);
    const isWord = isWordUnit(text, at, code);
    if (isWord) {
      if (!previousIsWord) pass.walk(wordTrie, at);
    } else if (code >= 0x2e80 && hanTrie.root[code] !== 0) {
      pass.walk(hanTrie, at);
    }
    previousIsWord = isWord;
  }
  for (const termIndex of lexicons.scanned) pass.scan(termIndex);
  return pass.candidates.map(resolveOverlaps);
}

/** The state of one `findGroupedLexiconMatches` call: the candidate matches per lexicon and each term's next start. */
class MatchPass<E extends MatchableEntry> {
  readonly candidates: Candidate<E>[][] = [];

  constructor(
    private readonly text: string,
    private readonly lexicons: CompiledLexicons<E>,
    /** A term's next match starts at or after the end of its previous one (as with a global regex). */
    private readonly nextStart: Int32Array,
  ) {
    for (let group = 0; group < lexicons.groupCount; group += 1) this.candidates.push([]);
    nextStart.fill(0, 0, lexicons.terms.length);
  }

  /** Tries every term whose literal prefix starts at `at`, following the trie along the text. */
  walk(trie: PrefixTrie, at: number): void {
    const { text } = this;
    const { nodes, termList } = trie;
    let node = (trie.root[text.charCodeAt(at)] ?? 0) - 1;
    for (let index = at + 1; node >= 0; index += 1) {
      const base = node * NODE_FIELDS;
      for (let term = nodes[base + TERMS_FROM] ?? 0, last = nodes[base + TERMS_TO] ?? 0; term < last; term += 1) this.tryAfterPrefix(termList[term] ?? 0, at);
      if (index >= text.length) return;
      node = childOf(trie, base, text.charCodeAt(index));
    }
  }

  /** Runs a term of the trie at `at`, where the trie has just found its leading literal. */
  private tryAfterPrefix(termIndex: number, at: number): void {
    const compiled = this.lexicons.terms[termIndex];
    if (compiled === undefined || at < (this.nextStart[termIndex] ?? 0)) return;
    this.add(compiled, termIndex, at, matchTermProgramAfterLiteral(compiled.program, this.text, at));
  }

  /** Finds a term that is in neither trie: at each occurrence of its prefix, or everywhere when that is empty. */
  scan(termIndex: number): void {
    const { text } = this;
    const compiled = this.lexicons.terms[termIndex];
    if (compiled === undefined) return;
    if (compiled.prefix === '') {
      for (const found of text.matchAll(compiled.pattern)) {
        if (found[0].length > 0) this.candidates[compiled.group]?.push(candidate(compiled, found.index, found.index + found[0].length));
      }
      return;
    }
    for (let at = text.indexOf(compiled.prefix); at !== -1; at = text.indexOf(compiled.prefix, at + 1)) {
      if (at >= (this.nextStart[termIndex] ?? 0)) this.add(compiled, termIndex, at, matchTermProgram(compiled.program, text, at));
    }
  }

  private add(compiled: CompiledTerm<E>, termIndex: number, at: number, end: number): void {
    if (end <= at) return;
    this.nextStart[termIndex] = end;
    this.candidates[compiled.group]?.push(candidate(compiled, at, end));
  }
}

function candidate<E extends MatchableEntry>(compiled: CompiledTerm<E>, start: number, end: number): Candidate<E> {
  return { entry: compiled.entry, entryIndex: compiled.entryIndex, term: compiled.term, start, end };
}

/** The trie node reached on code unit `code` from the node whose fields start at `nodes[base]`, or -1. */
function childOf(trie: PrefixTrie, base: number, code: number): number {
  const { nodes, edgeCode, edgeChild } = trie;
  const row = nodes[base + DENSE_ROW] ?? -1;
  if (row >= 0 && code < DENSE_UNITS) return (trie.dense[row * DENSE_UNITS + code] ?? 0) - 1;
  for (let edge = nodes[base + EDGES_FROM] ?? 0, last = nodes[base + EDGES_TO] ?? 0; edge < last; edge += 1) {
    const edgeUnit = edgeCode[edge] ?? 0;
    if (edgeUnit === code) return edgeChild[edge] ?? -1;
    if (edgeUnit > code) return -1;
  }
  return -1;
}

/**
 * Keeps the longest of overlapping candidates (sorted by start when the pass found them, as it usually does): a
 * longer match wins over any match it overlaps; equal lengths go to the earlier start, then the earlier entry, then
 * the term's code-unit order. Whether a candidate survives depends only on the candidates it overlaps, directly or
 * through others, so each such cluster is resolved on its own and a candidate that overlaps nothing (most of them)
 * is kept without sorting.
 */
function resolveOverlaps<E extends MatchableEntry>(candidates: Candidate<E>[]): LexiconMatch<E>[] {
  const kept: LexiconMatch<E>[] = [];
  if (!isSortedByStart(candidates)) candidates.sort((a, b) => a.start - b.start);
  let first = 0;
  let reach = candidates[0]?.end ?? 0;
  for (let index = 1; index <= candidates.length; index += 1) {
    const next = candidates[index];
    if (next !== undefined && next.start < reach) {
      reach = Math.max(reach, next.end);
      continue;
    }
    const only = index - first === 1 ? candidates[first] : undefined;
    if (only !== undefined) kept.push({ entry: only.entry, term: only.term, start: only.start, end: only.end });
    else if (index > first) resolveCluster(candidates.slice(first, index), kept);
    first = index;
    reach = next?.end ?? 0;
  }
  return kept;
}

function isSortedByStart(candidates: readonly Candidate<MatchableEntry>[]): boolean {
  for (let index = 1; index < candidates.length; index += 1) {
    if ((candidates[index]?.start ?? 0) < (candidates[index - 1]?.start ?? 0)) return false;
  }
  return true;
}

let takenBuffer = new Uint8Array(0);

// Appends the survivors of one cluster of overlapping candidates to `kept`, sorted by start.
function resolveCluster<E extends MatchableEntry>(cluster: Candidate<E>[], kept: LexiconMatch<E>[]): void {
  cluster.sort(
    (a, b) =>
      b.end - b.start - (a.end - a.start) ||
      a.start - b.start ||
      a.entryIndex - b.entryIndex ||
      compareCodeUnits(a.term, b.term),
  );
  const offset = cluster.reduce((least, item) => Math.min(least, item.start), Number.POSITIVE_INFINITY);
  const length = cluster.reduce((most, item) => Math.max(most, item.end), 0) - offset;
  if (takenBuffer.length < length) takenBuffer = new Uint8Array(Math.max(length, 2 * takenBuffer.length));
  // All zero between calls: only the kept ranges are marked, and they are cleared again before returning.
  const taken = takenBuffer;
  const survivors: LexiconMatch<E>[] = [];
  for (const { entry, term, start, end } of cluster) {
    if (isTaken(taken, start - offset, end - offset)) continue;
    taken.fill(1, start - offset, end - offset);
    survivors.push({ entry, term, start, end });
  }
  for (const { start, end } of survivors) taken.fill(0, start - offset, end - offset);
  kept.push(...survivors.sort((a, b) => a.start - b.start));
}

function isTaken(taken: Uint8Array, start: number, end: number): boolean {
  for (let at = start; at < end; at += 1) if (taken[at] === 1) return true;
  return false;
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
