import { TRADITIONAL_TO_SIMPLIFIED } from './traditional-chinese.js';

/**
 * Incident text in the form the lexicon is matched against, with a map back to the original string.
 * For every UTF-16 code unit `j` of `text`, the original code units `[sourceStart[j], sourceEnd[j])`
 * produced it; both arrays are non-decreasing, so a match `[a, b)` in `text` covers the original range
 * `[sourceStart[a], sourceEnd[b - 1])`.
 */
export interface NormalizedText {
  readonly text: string;
  readonly sourceStart: readonly number[];
  readonly sourceEnd: readonly number[];
}

// Typographic variants NFKC leaves alone but writers use interchangeably with the ASCII form.
const PUNCTUATION_FOLDS: ReadonlyMap<string, string> = new Map([
  ['\u2018', "'"],
  ['\u2019', "'"],
  ['\u02bc', "'"],
  ['\u201c', '"'],
  ['\u201d', '"'],
  ['\u2010', '-'],
  ['\u2011', '-'],
  ['\u2012', '-'],
  ['\u2013', '-'],
  ['\u2014', '-'],
  ['\u2212', '-'],
]);

const COMBINING_MARK = /^\p{M}$/u;
const FORMAT_CHARACTER = /^\p{Cf}$/u;
const SPACE_LIKE = /^[\s\p{Cc}\p{Z}]$/u;
// A single base character followed by more marks than this is abuse (e.g. "Zalgo" text); the rest of the
// run is normalised on its own so that the cost stays linear in the input length.
const MAX_MARKS_PER_CLUSTER = 16;

/**
 * Normalises incident text for lexicon matching: Unicode NFKC (full-width → half-width, ligatures
 * unfolded), lower case, typographic quotes and dashes folded to ASCII, format characters (zero-width
 * space, soft hyphen, BOM, bidi controls) removed, every run of white space or control characters
 * collapsed to one space, lone surrogates turned into a space, and traditional Chinese characters that
 * occur in the lexicon mapped to their simplified form (see traditional-chinese.ts).
 *
 * NFKC is applied per cluster (a base code point plus its combining marks) so that composition works
 * and every output unit maps back to one contiguous original range. Deterministic, linear time, and
 * never throws on any string.
 */
export function normalizeText(original: string): NormalizedText {
  const out: string[] = [];
  const sourceStart: number[] = [];
  const sourceEnd: number[] = [];
  const emit = (unit: string, start: number, end: number): void => {
    out.push(unit);
    sourceStart.push(start);
    sourceEnd.push(end);
  };
  const lastIsSpace = (): boolean => out.length > 0 && out[out.length - 1] === ' ';

  let index = 0;
  while (index < original.length) {
    // Fast path: an ASCII character not followed by a combining mark normalises to itself, lower-cased.
    const code = original.charCodeAt(index);
    if (code < 0x80 && !(original.charCodeAt(index + 1) >= 0x300 && isCombiningMark(original, index + 1))) {
      if (code <= 0x20 || code === 0x7f) {
        if (lastIsSpace()) sourceEnd[sourceEnd.length - 1] = index + 1;
        else emit(' ', index, index + 1);
      } else {
        emit(code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 0x20) : original.charAt(index), index, index + 1);
      }
      index += 1;
      continue;
    }
    const clusterStart = index;
    index += codePointLength(original, index);
    let marks = 0;
    while (index < original.length && marks < MAX_MARKS_PER_CLUSTER && isCombiningMark(original, index)) {
      index += codePointLength(original, index);
      marks += 1;
    }
    for (const char of normalizeCluster(original.slice(clusterStart, index))) {
      if (FORMAT_CHARACTER.test(char)) continue;
      if (SPACE_LIKE.test(char)) {
        if (lastIsSpace()) sourceEnd[sourceEnd.length - 1] = index;
        else emit(' ', clusterStart, index);
        continue;
      }
      // `char` is one code point; astral ones become two units that both map to the same cluster.
      for (let unit = 0; unit < char.length; unit += 1) emit(char.charAt(unit), clusterStart, index);
    }
  }
  return { text: out.join(''), sourceStart, sourceEnd };
}

/**
 * Maps a half-open range `[start, end)` of `normalized.text` (start < end) back to the original string.
 */
export function toSourceRange(normalized: NormalizedText, start: number, end: number): [number, number] {
  return [normalized.sourceStart[start] ?? 0, normalized.sourceEnd[end - 1] ?? 0];
}

function normalizeCluster(cluster: string): string[] {
  const first = cluster.codePointAt(0) ?? 0;
  // Only a lone surrogate keeps a code point in the surrogate range; it cannot be normalised.
  if (first >= 0xd800 && first <= 0xdfff) return [' '];
  const chars: string[] = [];
  for (const char of cluster.normalize('NFKC').toLowerCase()) {
    chars.push(TRADITIONAL_TO_SIMPLIFIED.get(char) ?? PUNCTUATION_FOLDS.get(char) ?? char);
  }
  return chars;
}

function codePointLength(text: string, index: number): number {
  const codePoint = text.codePointAt(index) ?? 0;
  return codePoint > 0xffff ? 2 : 1;
}

function isCombiningMark(text: string, index: number): boolean {
  const codePoint = text.codePointAt(index) ?? 0;
  return COMBINING_MARK.test(String.fromCodePoint(codePoint));
}
