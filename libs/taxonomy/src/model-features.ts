/**
 * The n-gram features of the statistical cause model (cause-model.ts), shared by its training script
 * (scripts/model/train-cause-model.ts) and inference, so both read a text the same way.
 *
 * Input is text already normalised by normalize-text.ts (NFKC, lower case, folded punctuation, one space per run of
 * space, the traditional characters of the lexicon mapped to simplified), so width, case and those traditional forms
 * give the same features. Features:
 * - Latin and other non-Han scripts: words (maximal runs of letters and digits) and word bigrams, written with one
 *   space between the words; a bigram needs the two words separated by exactly one space, hyphen or apostrophe
 *   ("ai-generated" → `ai generated`), so it never spans a comma or a sentence end. A word is a feature only when it
 *   carries content: not one of STOP_WORDS, not a single character, not digits only; a bigram when one of its two
 *   words does. So the phrases the model names as evidence are words a reader can weigh ("deepfake", "prompted grok"),
 *   not "the" or "2026";
 * - Han: character bigrams and trigrams inside each run of Han characters (no word segmentation needed).
 * Feature strings therefore never contain a newline. Offsets are UTF-16 code units of the normalised text.
 */

/** The length of a text in tokens: words plus Han characters, and the Han characters alone. */
export interface TokenCount {
  tokens: number;
  hanTokens: number;
}

/**
 * A feature occurrence without building its string: `hash` = featureHash(feature); the feature is `text.slice(start, end)`,
 * except that a bigram's joining character at `joint` (−1 for other features) reads as a space.
 */
export type FeatureVisitor = (hash: number, start: number, end: number, joint: number) => void;

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** 32-bit FNV-1a over the UTF-16 code units of a feature string (as a signed integer), the key inference looks features up by. */
export function featureHash(feature: string): number {
  let hash = FNV_OFFSET;
  for (let index = 0; index < feature.length; index += 1) hash = Math.imul(hash ^ feature.charCodeAt(index), FNV_PRIME);
  return hash;
}

/** The feature string of an occurrence reported by `scanFeatures`. */
export function featureAt(text: string, start: number, end: number, joint: number): string {
  return joint < 0 ? text.slice(start, end) : `${text.slice(start, joint)} ${text.slice(joint + 1, end)}`;
}

/** Whether the occurrence reported by `scanFeatures` is `feature` (compares in place, no string built). */
export function isFeatureAt(text: string, start: number, end: number, joint: number, feature: string): boolean {
  if (feature.length !== end - start) return false;
  for (let index = start; index < end; index += 1) {
    const code = index === joint ? 0x20 : text.charCodeAt(index);
    if (code !== feature.charCodeAt(index - start)) return false;
  }
  return true;
}

/** Calls `visit` for every feature occurrence in `text` with its string (`limit` as in scanFeatures), and returns the text's length in tokens. */
export function forEachFeature(text: string, visit: (feature: string, start: number, end: number) => void, limit = text.length): TokenCount {
  return scanFeatures(text, (_hash, start, end, joint) => visit(featureAt(text, start, end, joint), start, end), limit);
}

/**
 * Reports every feature occurrence in `text` (words, then the bigram ending in each word; Han bigram then trigram at
 * each position) by hash and span, and returns the text's length in tokens. Allocates nothing per occurrence. With
 * `limit`, no token starting at or after that code unit is read (a word or Han run begun before it is read whole).
 */
export function scanFeatures(text: string, visit: FeatureVisitor, limit = text.length): TokenCount {
  let tokens = 0;
  let hanTokens = 0;
  let index = 0;
  // The previous word, when the gap since it may still allow a bigram.
  let previousWordStart = -1;
  let previousWordEnd = -1;
  let previousWordHash = 0;
  let previousContent = false;
  const { length } = text;
  while (index < length && index < limit) {
    const code = text.charCodeAt(index);
    // ASCII first: the common case, and neither Han nor a surrogate.
    if (code < 0x80 ? !isAsciiWordCode(code) : !isHan(code) && !isWordUnit(text, index)) {
      index += 1;
      continue;
    }
    if (code >= 0x80 && isHan(code)) {
      let end = index + 1;
      while (end < length && isHan(text.charCodeAt(end))) end += 1;
      tokens += end - index;
      hanTokens += end - index;
      for (let start = index; start + 2 <= end; start += 1) {
        const bigram = Math.imul(Math.imul(FNV_OFFSET ^ text.charCodeAt(start), FNV_PRIME) ^ text.charCodeAt(start + 1), FNV_PRIME);
        visit(bigram, start, start + 2, -1);
        if (start + 3 <= end) visit(Math.imul(bigram ^ text.charCodeAt(start + 2), FNV_PRIME), start, start + 3, -1);
      }
      previousWordEnd = -1;
      index = end;
      continue;
    }
    const joined = previousWordEnd >= 0 && index - previousWordEnd === 1 && isJoiner(text.charCodeAt(previousWordEnd));
    let hash = FNV_OFFSET;
    let bigram = Math.imul(previousWordHash ^ 0x20, FNV_PRIME);
    let digitsOnly = true;
    let end = index;
    while (end < length) {
      const unit = text.charCodeAt(end);
      if (unit < 0x80 ? !isAsciiWordCode(unit) : !isWordUnit(text, end)) break;
      hash = Math.imul(hash ^ unit, FNV_PRIME);
      bigram = Math.imul(bigram ^ unit, FNV_PRIME);
      if (unit < 0x30 || unit > 0x39) digitsOnly = false;
      end += 1;
    }
    tokens += 1;
    const content = end - index > 1 && !digitsOnly && !isStopWordHash(hash);
    if (content) visit(hash, index, end, -1);
    if (joined && (content || previousContent)) visit(bigram, previousWordStart, end, previousWordEnd);
    previousWordStart = index;
    previousWordEnd = end;
    previousWordHash = hash;
    previousContent = content;
    index = end;
  }
  return { tokens, hanTokens };
}

/**
 * Scale of every present feature of a text of `tokens` tokens (binary presence × this): 1/√tokens, so a long text's
 * vector has about the same length as a short one's; at least 4 tokens, so that a one-word title cannot weigh more.
 */
export function featureScale(tokens: number): number {
  return 1 / Math.sqrt(Math.max(tokens, 4));
}

/**
 * English function words (articles, pronouns, auxiliaries, prepositions, conjunctions; the common core of the usual
 * stop-word lists), fixed before the model was first trained: they say how a text is written, not what happened.
 */
export const STOP_WORDS: readonly string[] = [
  'a', 'about', 'after', 'again', 'against', 'all', 'also', 'am', 'an', 'and', 'any', 'are', 'as', 'at', 'be', 'because', 'been', 'before',
  'being', 'between', 'both', 'but', 'by', 'can', 'could', 'did', 'do', 'does', 'doing', 'down', 'during', 'each', 'few', 'for', 'from',
  'further', 'had', 'has', 'have', 'having', 'he', 'her', 'here', 'hers', 'herself', 'him', 'himself', 'his', 'how', 'i', 'if', 'in', 'into',
  'is', 'it', 'its', 'itself', 'just', 'may', 'me', 'might', 'more', 'most', 'must', 'my', 'no', 'nor', 'not', 'of', 'off', 'on', 'once',
  'only', 'or', 'other', 'our', 'ours', 'out', 'over', 'own', 'said', 'same', 'says', 'she', 'should', 'so', 'some', 'such', 'than', 'that',
  'the', 'their', 'theirs', 'them', 'themselves', 'then', 'there', 'these', 'they', 'this', 'those', 'through', 'to', 'too', 'under',
  'until', 'up', 'us', 'very', 'was', 'we', 'were', 'what', 'when', 'where', 'which', 'while', 'who', 'whom', 'why', 'will', 'with',
  'would', 'you', 'your', 'yours',
];

// Stop words by featureHash, in an open-addressing table (looked up once per word; a hash match is taken as the word).
const STOP_TABLE_SIZE = 1024;
const STOP_KEYS = new Int32Array(STOP_TABLE_SIZE);
const STOP_USED = new Uint8Array(STOP_TABLE_SIZE);
for (const word of STOP_WORDS) {
  const hash = featureHash(word);
  let slot = hash & (STOP_TABLE_SIZE - 1);
  while (STOP_USED[slot] === 1 && STOP_KEYS[slot] !== hash) slot = (slot + 1) & (STOP_TABLE_SIZE - 1);
  STOP_USED[slot] = 1;
  STOP_KEYS[slot] = hash;
}

function isStopWordHash(hash: number): boolean {
  let slot = hash & (STOP_TABLE_SIZE - 1);
  while (STOP_USED[slot] === 1) {
    if (STOP_KEYS[slot] === hash) return true;
    slot = (slot + 1) & (STOP_TABLE_SIZE - 1);
  }
  return false;
}

// CJK Unified Ideographs, Extension A and the compatibility block; the rare astral extensions are not Han here.
function isHan(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0xf900 && code <= 0xfaff);
}

const NON_ASCII_WORD = /^[\p{L}\p{N}]$/u;

function isAsciiWordCode(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a);
}

// A letter or digit of any script but Han (model-features' Han runs), for a code unit at or above 0x80.
function isWordUnit(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code < 0x80) return isAsciiWordCode(code);
  if ((code >= 0xd800 && code <= 0xdfff) || isHan(code)) return false;
  return NON_ASCII_WORD.test(text.charAt(index));
}

// Space, hyphen and apostrophe: a bigram may span one of these, nothing else.
function isJoiner(code: number): boolean {
  return code === 0x20 || code === 0x2d || code === 0x27;
}
