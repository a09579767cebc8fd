import { TRADITIONAL_TO_SIMPLIFIED } from './traditional-chinese.js';

/**
 * Incident text in the form the lexicon is matched against, with a map back to the original string.
 * For every UTF-16 code unit `j` of `text`, the original code units `[sourceStart[j], sourceEnd[j])`
 * produced it; both arrays are non-decreasing, so a match `[a, b)` in `text` covers the original range
 * `[sourceStart[a], sourceEnd[b - 1])`.
 */
export interface NormalizedText {
  readonly text: string;
  readonly sourceStart: Int32Array;
  readonly sourceEnd: Int32Array;
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
  const out = new OffsetMappedText(original.length);
  let index = 0;
  while (index < original.length) {
    if (original.charCodeAt(index) < 0x80) {
      // Fast path: a run of ASCII normalises in bulk (lower case, one space per run of spaces or control
      // characters); its last character takes the cluster path below when a combining mark follows it.
      let end = index + 1;
      while (end < original.length && original.charCodeAt(end) < 0x80) end += 1;
      if (end < original.length && original.charCodeAt(end) >= 0x300 && isCombiningMark(original, end)) end -= 1;
      if (end > index) {
        out.appendAscii(original, index, end);
        index = end;
        continue;
      }
    }
    const clusterStart = index;
    const first = original.codePointAt(index) ?? 0;
    index += first > 0xffff ? 2 : 1;
    let marks = 0;
    while (index < original.length && marks < MAX_MARKS_PER_CLUSTER && isCombiningMark(original, index)) {
      index += codePointLength(original, index);
      marks += 1;
    }
    const normalized = marks === 0 ? normalizeCodePoint(first, original.slice(clusterStart, index)) : normalizeCluster(original.slice(clusterStart, index));
    // `normalized` has format characters removed and space-like ones replaced by ' '; astral code points become
    // two units that both map to the same cluster.
    for (let unit = 0; unit < normalized.length; unit += 1) {
      const char = normalized.charAt(unit);
      if (char === ' ') out.appendSpace(clusterStart, index);
      else out.append(char, clusterStart, index);
    }
  }
  return out.finish();
}

// Within an all-ASCII piece: every run of characters outside `!`..`~` (spaces, controls, DEL).
const ASCII_SPACE_RUN = /[^!-~]+/g;

function isPrintableAscii(code: number): boolean {
  return code > 0x20 && code < 0x7f;
}

/** The normalised text under construction and, per output unit, the original range it came from. */
class OffsetMappedText {
  private readonly pieces: string[] = [];
  private sourceStart: Int32Array;
  private sourceEnd: Int32Array;
  private length = 0;
  private lastIsSpace = false;

  constructor(expectedLength: number) {
    // One allocation for both maps (typed-array allocation dominates for short texts).
    const capacity = expectedLength + 8;
    const buffer = new Int32Array(2 * capacity);
    this.sourceStart = buffer.subarray(0, capacity);
    this.sourceEnd = buffer.subarray(capacity);
  }

  /**
   * `original[start, end)`, all ASCII: lower-cased, each run of spaces and control characters as one space (merged
   * with a space just before it), every other unit mapping to itself.
   */
  appendAscii(original: string, start: number, end: number): void {
    let index = start;
    if (this.lastIsSpace && !isPrintableAscii(original.charCodeAt(index))) {
      while (index < end && !isPrintableAscii(original.charCodeAt(index))) index += 1;
      this.sourceEnd[this.length - 1] = index;
      if (index === end) return;
    }
    const pieceStart = index;
    this.reserve(end - index);
    const { sourceStart, sourceEnd } = this;
    let { length } = this;
    // Whether the piece needs lower-casing, and whether it is already collapsed (spaces only, never two in a row).
    let upper = false;
    let collapsed = true;
    while (index < end) {
      const code = original.charCodeAt(index);
      let next = index + 1;
      if (!isPrintableAscii(code)) {
        while (next < end && !isPrintableAscii(original.charCodeAt(next))) next += 1;
        if (code !== 0x20 || next > index + 1) collapsed = false;
      } else if (code >= 0x41 && code <= 0x5a) {
        upper = true;
      }
      sourceStart[length] = index;
      sourceEnd[length] = next;
      length += 1;
      index = next;
    }
    let piece = original.slice(pieceStart, end);
    if (upper) piece = piece.toLowerCase();
    if (!collapsed) piece = piece.replace(ASCII_SPACE_RUN, ' ');
    this.pieces.push(piece);
    this.length = length;
    this.lastIsSpace = !isPrintableAscii(original.charCodeAt(end - 1));
  }

  /** One space for a run of space-like characters: a space right after another only widens its range. */
  appendSpace(start: number, end: number): void {
    if (this.lastIsSpace) {
      this.sourceEnd[this.length - 1] = end;
      return;
    }
    this.append(' ', start, end);
    this.lastIsSpace = true;
  }

  append(unit: string, start: number, end: number): void {
    this.reserve(1);
    this.pieces.push(unit);
    this.sourceStart[this.length] = start;
    this.sourceEnd[this.length] = end;
    this.length += 1;
    this.lastIsSpace = false;
  }

  finish(): NormalizedText {
    return { text: this.pieces.join(''), sourceStart: this.sourceStart.subarray(0, this.length), sourceEnd: this.sourceEnd.subarray(0, this.length) };
  }

  private reserve(units: number): void {
    if (this.length + units <= this.sourceStart.length) return;
    const capacity = Math.max(2 * this.sourceStart.length, this.length + units);
    const grow = (array: Int32Array): Int32Array => {
      const grown = new Int32Array(capacity);
      grown.set(array.subarray(0, this.length));
      return grown;
    };
    this.sourceStart = grow(this.sourceStart);
    this.sourceEnd = grow(this.sourceEnd);
  }
}

/**
 * Maps a half-open range `[start, end)` of `normalized.text` (start < end) back to the original string.
 */
export function toSourceRange(normalized: NormalizedText, start: number, end: number): [number, number] {
  return [normalized.sourceStart[start] ?? 0, normalized.sourceEnd[end - 1] ?? 0];
}

// A lone code point normalises the same way wherever it occurs, so its result is remembered (a pure cache,
// bounded so that text with very many distinct code points cannot grow it without limit).
const CODE_POINT_CACHE = new Map<number, string>();
const CODE_POINT_CACHE_LIMIT = 8192;

function normalizeCodePoint(codePoint: number, cluster: string): string {
  const cached = CODE_POINT_CACHE.get(codePoint);
  if (cached !== undefined) return cached;
  const normalized = normalizeCluster(cluster);
  if (CODE_POINT_CACHE.size < CODE_POINT_CACHE_LIMIT) CODE_POINT_CACHE.set(codePoint, normalized);
  return normalized;
}

// NFKC, lower case, traditional → simplified and punctuation folds of one cluster; format characters dropped and
// space-like characters written as ' '.
function normalizeCluster(cluster: string): string {
  const first = cluster.codePointAt(0) ?? 0;
  // Only a lone surrogate keeps a code point in the surrogate range; it cannot be normalised.
  if (first >= 0xd800 && first <= 0xdfff) return ' ';
  let normalized = '';
  for (const char of cluster.normalize('NFKC').toLowerCase()) {
    const folded = TRADITIONAL_TO_SIMPLIFIED.get(char) ?? PUNCTUATION_FOLDS.get(char) ?? char;
    if (FORMAT_CHARACTER.test(folded)) continue;
    normalized += SPACE_LIKE.test(folded) ? ' ' : folded;
  }
  return normalized;
}

function codePointLength(text: string, index: number): number {
  const codePoint = text.codePointAt(index) ?? 0;
  return codePoint > 0xffff ? 2 : 1;
}

function isCombiningMark(text: string, index: number): boolean {
  const codePoint = text.codePointAt(index) ?? 0;
  return COMBINING_MARK.test(String.fromCodePoint(codePoint));
}
