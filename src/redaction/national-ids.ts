/**
 * National identification numbers found in free text, each validated beyond its pattern (checksum where the scheme
 * has one), so that ordinary numbers in incident texts are not taken for identifiers. Offsets are UTF-16 code units
 * into the text, `end` exclusive.
 */
export interface TextSpan {
  start: number;
  end: number;
}

/**
 * US Social Security number (SSA, "The SSN Numbering Scheme"; randomisation of 2011-06-25): `AAA-GG-SSSS` or
 * `AAA GG SSSS` (unformatted nine-digit runs are left alone: too many ordinary numbers match). The scheme has no
 * check digit; the validation is the SSA's never-issued ranges: area 000, 666 and 900–999, group 00, serial 0000.
 */
export function isValidUsSsn(area: string, group: string, serial: string): boolean {
  const areaNumber = Number(area);
  return areaNumber !== 0 && areaNumber !== 666 && areaNumber < 900 && group !== '00' && serial !== '0000';
}

export function findUsSsns(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  for (const match of text.matchAll(/(?<![\d-])(\d{3})([- ])(\d{2})\2(\d{4})(?![\d-])/g)) {
    if (isValidUsSsn(match[1], match[3], match[4])) spans.push({ start: match.index, end: match.index + match[0].length });
  }
  return spans;
}

/** UK National Insurance number prefixes HMRC never allocates (HMRC NIM39110). */
const NINO_NEVER_ALLOCATED = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

/**
 * UK National Insurance number (HMRC National Insurance Manual NIM39110): two prefix letters, six digits, a suffix
 * A–D, optionally spaced as `QQ 12 34 56 C`. No check digit exists; validated by the allocation rules: the first
 * letter is not D, F, I, Q, U or V, the second not D, F, I, O, Q, U or V, and the prefix is not BG, GB, KN, NK, NT,
 * TN or ZZ.
 */
export function isValidUkNino(value: string): boolean {
  const compact = value.replace(/ /g, '');
  if (!/^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$/.test(compact)) return false;
  return !NINO_NEVER_ALLOCATED.has(compact.slice(0, 2));
}

export function findUkNinos(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  // Either case (`ab 12 34 56 c` is written too), validated upper-cased.
  for (const match of text.matchAll(/(?<![A-Za-z0-9])[A-Za-z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-Da-d](?![A-Za-z0-9])/g)) {
    if (isValidUkNino(match[0].toUpperCase())) spans.push({ start: match.index, end: match.index + match[0].length });
  }
  return spans;
}

/** GB 11643-1999 weights of the 17 body digits of a Citizen Identification Number. */
const CN_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** GB 11643-1999 check characters, indexed by (weighted sum mod 11): ISO 7064 MOD 11-2. */
const CN_ID_CHECK = '10X98765432';

/** The GB 11643-1999 check character (`0`–`9` or `X`) of the 17 body digits. */
export function cnResidentIdCheckCharacter(body17: string): string {
  let sum = 0;
  for (let index = 0; index < 17; index += 1) sum += Number(body17[index]) * CN_ID_WEIGHTS[index];
  return CN_ID_CHECK[sum % 11];
}

/**
 * 18-character Chinese resident identity card number (GB 11643-1999 公民身份号码): a 6-digit address code (first digit
 * 1–9), the birth date `YYYYMMDD` (a real calendar date from 1900 to `today`), a 3-digit sequence code and the
 * ISO 7064 MOD 11-2 check character (`X` for 10, either case).
 */
export function isValidCnResidentId(value: string, today: Date = new Date()): boolean {
  if (!/^[1-9]\d{16}[\dXx]$/.test(value)) return false;
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || birth.getUTCMonth() !== month - 1 || birth.getUTCDate() !== day || birth.getTime() > today.getTime()) return false;
  return cnResidentIdCheckCharacter(value.slice(0, 17)) === value[17].toUpperCase();
}

export function findCnResidentIds(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  for (const match of text.matchAll(/(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g)) {
    if (isValidCnResidentId(match[0])) spans.push({ start: match.index, end: match.index + match[0].length });
  }
  return spans;
}
