/**
 * Lexicon terms compiled to small backtracking programs instead of regular expressions.
 *
 * `compileTerm` (match-lexicon.ts) defines what a term matches as a Unicode RegExp; `matchTermProgram` returns
 * exactly what that RegExp, made sticky at `at`, would match there (same end offset, or no match), for the
 * term syntax of incident-lexicon.ts. It exists for speed: a classification tries a few hundred terms per
 * text, and thousands of distinct compiled RegExps thrash the CPU's instruction cache, whereas these programs
 * share one small interpreter. match-lexicon.spec.ts checks the two agree at every offset of real and random
 * texts.
 */

/** The operations of a term program. */
const OpKind = {
  /** Literal code units. */
  Literal: 0,
  /** `[- ]`: one space or hyphen. */
  Separator: 1,
  /** `[- ]?`, greedy: a hyphen inside a term's word. */
  OptionalHyphen: 2,
  /** `\p{Script=Latin}*`, greedy: a word's trailing `*`. */
  LatinRun: 3,
  /** `(?:[\p{Script=Latin}\p{N}']+[- ]){0,2}`, greedy: a lone `*` word. */
  OptionalWords: 4,
  /** One of `options` in order (`''` = none): the inflections of a term's last word. */
  Suffix: 5,
} as const;
type OpKind = (typeof OpKind)[keyof typeof OpKind];

interface Op {
  readonly kind: OpKind;
  readonly text: string;
  readonly options: readonly string[];
}

/** A compiled term: `ops` in sequence, with a word-boundary check before and/or after the match. */
export interface TermProgram {
  readonly ops: readonly Op[];
  /** `(?<![\p{Script=Latin}\p{N}])` at the start. */
  readonly boundaryBefore: boolean;
  /** `(?![\p{Script=Latin}\p{N}])` at the end. */
  readonly boundaryAfter: boolean;
}

const HAN = /\p{Script=Han}/u;
const LATIN_OR_DIGIT_EDGE = /[\p{Script=Latin}\p{N}*]/u;

/**
 * Compiles a term (already validated by `compileTerm`) to a program, word by word as `compileTerm` builds its
 * RegExp: a lone `*` word → OptionalWords; a word ending in `*` → its literal stem + LatinRun; the last word of
 * an English term → stem + Suffix (inflections, in the RegExp's alternation order); words joined by Separator.
 */
export function compileTermProgram(term: string): TermProgram {
  const words = term.split(' ');
  const hasHan = HAN.test(term);
  const ops: Op[] = [];
  words.forEach((word, index) => {
    const isLast = index === words.length - 1;
    if (word === '*') {
      ops.push(op(OpKind.OptionalWords));
      return;
    }
    wordOps(word, isLast && !hasHan, ops);
    if (!isLast) ops.push(op(OpKind.Separator));
  });
  return {
    ops: mergeLiterals(ops),
    boundaryBefore: LATIN_OR_DIGIT_EDGE.test(term[0] ?? ''),
    boundaryAfter: LATIN_OR_DIGIT_EDGE.test(term.at(-1) ?? ''),
  };
}

function op(kind: OpKind, text = '', options: readonly string[] = []): Op {
  return { kind, text, options };
}

function wordOps(word: string, inflect: boolean, ops: Op[]): void {
  if (word.endsWith('*')) {
    literalOps(word.slice(0, -1), ops);
    ops.push(op(OpKind.LatinRun));
    return;
  }
  if (!inflect || word.length < 3 || !/[a-z]$/.test(word)) {
    literalOps(word, ops);
    return;
  }
  // The alternatives of inflectedPattern (match-lexicon.ts), in the order a backtracking RegExp tries them.
  if (word.endsWith('e')) {
    literalOps(word.slice(0, -1), ops);
    ops.push(op(OpKind.Suffix, '', ['es', 'ed', 'ers', 'er', 'e', 'ing']));
    return;
  }
  if (/[^aeiou]y$/.test(word)) {
    literalOps(word.slice(0, -1), ops);
    ops.push(op(OpKind.Suffix, '', ['y', 'ies', 'ied', 'ying']));
    return;
  }
  literalOps(word, ops);
  const endings = ['ed', 'ing', 'ers', 'er'];
  const doubled = /(?:^|[^aeiou])[aeiou][b-df-hj-np-tvz]$/.test(word) ? endings.map((ending) => `${word.at(-1) ?? ''}${ending}`) : [];
  ops.push(op(OpKind.Suffix, '', ['s', 'es', ...doubled, ...endings, '']));
}

function literalOps(word: string, ops: Op[]): void {
  for (const char of word) ops.push(char === '-' ? op(OpKind.OptionalHyphen) : op(OpKind.Literal, char));
}

function mergeLiterals(ops: readonly Op[]): Op[] {
  const merged: Op[] = [];
  for (const item of ops) {
    const last = merged.at(-1);
    if (item.kind === OpKind.Literal && last?.kind === OpKind.Literal) merged[merged.length - 1] = op(OpKind.Literal, last.text + item.text);
    else merged.push(item);
  }
  return merged;
}

/** At most this many leading-literal variants per term (see `leadingLiterals`). */
const MAX_LEADING_LITERALS = 8;

/**
 * The literal strings every match of `program` starts with: its leading literals, separators (space or hyphen)
 * and optional hyphens (hyphen, space or nothing) expanded up to the first other operation or until there would
 * be more than MAX_LEADING_LITERALS of them. Every match starts with one of them; none is a prefix of another.
 */
export function leadingLiterals(program: TermProgram): string[] {
  let variants = [''];
  for (const item of program.ops) {
    const options = item.kind === OpKind.Literal ? [item.text] : item.kind === OpKind.Separator ? [' ', '-'] : item.kind === OpKind.OptionalHyphen ? ['-', ' ', ''] : [];
    if (options.length === 0 || variants.length * options.length > MAX_LEADING_LITERALS) break;
    variants = variants.flatMap((variant) => options.map((option) => variant + option));
  }
  const unique = [...new Set(variants)];
  return unique.filter((variant) => !unique.some((other) => other !== variant && variant.startsWith(other)));
}

/** End offset of the program's match starting exactly at `at` in `text`, or -1 (zero-length matches included). */
export function matchTermProgram(program: TermProgram, text: string, at: number): number {
  if (program.boundaryBefore && isWordCodePoint(codePointBefore(text, at))) return -1;
  return run(program, 0, text, at);
}

/**
 * `matchTermProgram` for a caller that has already found the program's first operation, a literal, at `at` (the prefix
 * trie of match-lexicon.ts has: every term under a trie node starts with that literal), so the run starts after it.
 */
export function matchTermProgramAfterLiteral(program: TermProgram, text: string, at: number): number {
  if (program.boundaryBefore && isWordCodePoint(codePointBefore(text, at))) return -1;
  const first = program.ops[0];
  return first?.kind === OpKind.Literal ? run(program, 1, text, at + first.text.length) : run(program, 0, text, at);
}

function run(program: TermProgram, first: number, text: string, start: number): number {
  const { ops } = program;
  let pos = start;
  for (let index = first; index < ops.length; index += 1) {
    const item = ops[index];
    switch (item.kind) {
      case OpKind.Literal:
        if (!text.startsWith(item.text, pos)) return -1;
        pos += item.text.length;
        break;
      case OpKind.Separator:
        if (!isSeparator(text.charCodeAt(pos))) return -1;
        pos += 1;
        break;
      case OpKind.OptionalHyphen:
        if (isSeparator(text.charCodeAt(pos))) {
          const end = run(program, index + 1, text, pos + 1);
          if (end >= 0) return end;
        }
        break;
      case OpKind.LatinRun: {
        // Greedy: the longest run of Latin code points first, then one code point shorter at a time.
        let end = pos;
        for (let codePoint = text.codePointAt(end); codePoint !== undefined && isLatin(codePoint); codePoint = text.codePointAt(end)) {
          end += codePoint > 0xffff ? 2 : 1;
        }
        for (;;) {
          const matched = run(program, index + 1, text, end);
          if (matched >= 0 || end === pos) return matched;
          end -= end - 2 >= pos && isSurrogatePair(text, end - 2) ? 2 : 1;
        }
      }
      case OpKind.OptionalWords: {
        // Greedy {0,2}: two words, then one, then none. A word's `+` cannot give back characters usefully:
        // the character after a shortened word is a word character, never the required separator.
        const one = wordAndSeparator(text, pos);
        if (one >= 0) {
          const two = wordAndSeparator(text, one);
          if (two >= 0) {
            const end = run(program, index + 1, text, two);
            if (end >= 0) return end;
          }
          const end = run(program, index + 1, text, one);
          if (end >= 0) return end;
        }
        break;
      }
      case OpKind.Suffix:
        for (let option = 0; option < item.options.length; option += 1) {
          const suffix = item.options[option] ?? '';
          if (!text.startsWith(suffix, pos)) continue;
          const end = run(program, index + 1, text, pos + suffix.length);
          if (end >= 0) return end;
        }
        return -1;
    }
  }
  if (program.boundaryAfter && isWordCodePoint(text.codePointAt(pos))) return -1;
  return pos;
}

function isSeparator(code: number): boolean {
  return code === 0x2d || code === 0x20;
}

// `[\p{Script=Latin}\p{N}']+[- ]` from `pos`: the offset after the separator, or -1.
function wordAndSeparator(text: string, pos: number): number {
  let end = pos;
  for (let codePoint = text.codePointAt(end); codePoint !== undefined && (codePoint === 0x27 || isWordCodePoint(codePoint)); codePoint = text.codePointAt(end)) {
    end += codePoint > 0xffff ? 2 : 1;
  }
  return end > pos && isSeparator(text.charCodeAt(end)) ? end + 1 : -1;
}

// The code point that ends just before `at`, as a Unicode RegExp lookbehind reads it (a lone surrogate is one).
function codePointBefore(text: string, at: number): number | undefined {
  if (at <= 0) return undefined;
  if (at >= 2 && isSurrogatePair(text, at - 2)) return text.codePointAt(at - 2);
  return text.charCodeAt(at - 1);
}

function isSurrogatePair(text: string, at: number): boolean {
  const high = text.charCodeAt(at);
  const low = text.charCodeAt(at + 1);
  return high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff;
}

const LATIN = /^\p{Script=Latin}$/u;
const WORD = /^[\p{Script=Latin}\p{N}]$/u;
// Character classes of BMP code points, filled on first use: bit 1 = Latin script, bit 2 = Latin or number,
// bit 4 = known. Astral code points ask the RegExp each time (they are rare in incident text).
const CLASSES = new Uint8Array(0x10000);

function classOf(codePoint: number): number {
  if (codePoint > 0xffff) {
    const char = String.fromCodePoint(codePoint);
    return (LATIN.test(char) ? 1 : 0) | (WORD.test(char) ? 2 : 0);
  }
  let known = CLASSES[codePoint] ?? 0;
  if (known === 0) {
    const char = String.fromCharCode(codePoint);
    known = 4 | (LATIN.test(char) ? 1 : 0) | (WORD.test(char) ? 2 : 0);
    CLASSES[codePoint] = known;
  }
  return known;
}

function isLatin(codePoint: number): boolean {
  return (classOf(codePoint) & 1) !== 0;
}

/** `[\p{Script=Latin}\p{N}]` for one code point; false for `undefined` (the text's edge). */
export function isWordCodePoint(codePoint: number | undefined): boolean {
  return codePoint !== undefined && (classOf(codePoint) & 2) !== 0;
}
