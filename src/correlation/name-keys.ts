/** Words that say what kind of organisation a name is, not which one (dropped at the end of a name). */
const LEGAL_SUFFIXES = new Set([
  'inc', 'incorporated', 'ltd', 'limited', 'llc', 'llp', 'plc', 'corp', 'corporation', 'co', 'company', 'gmbh', 'ag', 'sa', 'sas', 'bv', 'nv', 'ab', 'oy',
  'spa', 'srl', 'pty', 'kk', 'group', 'holdings', 'holding', 'platforms', 'technologies', 'technology', 'labs',
]);

/** Keys shorter than this are too ambiguous to match (e.g. `ai`, `x`); CJK names count each character thrice. */
export const MIN_NAME_KEY_LENGTH = 3;

/**
 * The comparison key of one organisation or AI-system name: NFKC, lower case, legal-form suffixes ("Inc", "Ltd",
 * "Platforms", …) and a leading "the" dropped, then every character that is not a letter or digit removed, so
 * "Meta Platforms, Inc." → `meta`, "keolis-north-america" and "Keolis North America" → `keolisnorthamerica`.
 * Null when nothing meaningful is left.
 */
export function nameKey(name: string): string | null {
  const words = name.normalize('NFKC').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (words[0] === 'the' && words.length > 1) words.shift();
  while (words.length > 1 && LEGAL_SUFFIXES.has(words[words.length - 1])) words.pop();
  const key = words.join('');
  const weight = [...key].reduce((sum, char) => sum + (/\p{Script=Han}/u.test(char) ? 3 : 1), 0);
  return weight >= MIN_NAME_KEY_LENGTH ? key : null;
}

/**
 * The keys of a field that may name several parties ("Raytheon, Lockheed Martin"; "Google and DeepMind"; "腾讯、阿里巴巴"),
 * de-duplicated, in order.
 */
export function nameKeysOf(field: string | null | undefined): string[] {
  if (!field) return [];
  const keys = field
    .split(/\s*(?:[,;/|、，；]|\band\b|&)\s*/u)
    .map(nameKey)
    .filter((key): key is string => key !== null);
  return [...new Set(keys)];
}

/** Text reduced like a name key (letters and digits only, lower case), to look for a name key inside it. */
export function keyText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}
