import { createRequire } from 'node:module';
import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import { findNumbers, isSupportedCountry, type CountryCode, type MetadataJson } from 'libphonenumber-js/core';
import validator from 'validator';
import { findCnResidentIds, findUkNinos, findUsSsns, type TextSpan } from './national-ids.js';

/**
 * What the text detectors find, in the order they win when two findings overlap (an 18-digit resident id is not
 * also a phone number). Names are the counters an alert's `redactions` carries.
 */
export const TEXT_REDACTION_KINDS = ['cnResidentId', 'usSsn', 'ukNino', 'iban', 'email', 'phone'] as const;
export type TextRedactionKind = (typeof TEXT_REDACTION_KINDS)[number];
/** `personalField`: a whole field the filer marked personal (`personalFields`). */
export type RedactionKind = TextRedactionKind | 'personalField';

/** Counts per kind of what was redacted (never the values). */
export type RedactionCounts = Partial<Record<RedactionKind, number>>;

export interface RedactionOptions {
  /** Detectors that run; the others leave their kind alone. */
  detectors: ReadonlySet<TextRedactionKind>;
  /** Replacement text; `{kind}` becomes the kind, e.g. `[redacted:{kind}]` → `[redacted:email]`. */
  token: string;
}

/** One replacement: `text.slice(start, end)` became `replacement`. Offsets into the original text, UTF-16 units. */
export interface TextEdit extends TextSpan {
  kind: RedactionKind;
  replacement: string;
}

export interface RedactedText {
  text: string;
  /** Replacements in text order, never overlapping. */
  edits: TextEdit[];
}

export const redactionToken = (options: RedactionOptions, kind: RedactionKind): string => options.token.replaceAll('{kind}', kind);

/**
 * Google libphonenumber's full ("max") metadata: validity by number ranges, not only lengths. Loaded with require so
 * the ESM build does not need a JSON import attribute.
 */
const PHONE_METADATA = createRequire(import.meta.url)('libphonenumber-js/metadata.max.json') as MetadataJson;

/**
 * Full-width ASCII forms (U+FF01–U+FF5E, e.g. `ｊｏｈｎ＠ｅｘａｍｐｌｅ．ｃｏｍ`) folded to ASCII. One UTF-16 unit becomes
 * one, so offsets into the folded text are offsets into the original.
 */
const foldFullWidth = (text: string): string => text.replace(/[\uFF01-\uFF5E]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0));

/** RFC 5321 atext and (RFC 6531) letters, marks and digits of any script: what a local part is made of. */
const LOCAL_PART_RUN = /[\p{L}\p{M}\p{N}.!#$%&'*+/=?^_`{|}~-]+$/u;
/**
 * Dot-separated host labels of letters, marks, digits and hyphens of any script (internationalised domains such as
 * `例子.中国`).
 */
const HOST_RUN = /^[\p{L}\p{N}](?:[\p{L}\p{M}\p{N}-]*[\p{L}\p{M}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{M}\p{N}-]*[\p{L}\p{M}\p{N}])?)+/u;
/** Scripts written without spaces between words: in them an address abuts the words around it. */
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;
/** Bound on the `isEmail` calls per `@` while looking for where an address in unspaced text starts and ends. */
const MAX_TRIES_PER_AT = 200;

/**
 * Local parts to try before an `@`, longest first. Chinese (Japanese, Thai) text has no spaces, so the run before the
 * `@` may take in the words before the address: a local part that ends in another script (`邮箱zhang.san`) starts
 * after the last unspaced character; one that ends in an unspaced script (`请联系张伟`) is tried whole, then shorter
 * (where a name ends in Chinese text is not known: the longest valid one is taken, redacting a word too many is the
 * safe side).
 */
function localParts(run: string): string[] {
  const chars = [...run];
  const lastUnspaced = chars.findLastIndex((char) => UNSPACED_SCRIPT.test(char));
  if (lastUnspaced < 0) return [run];
  if (lastUnspaced < chars.length - 1) return [chars.slice(lastUnspaced + 1).join('')];
  return chars.map((_, index) => chars.slice(index).join(''));
}

/** Hosts to try after an `@`, longest first; the last label is cut as the local part is (`corp.cn联系` → `corp.cn`). */
function hosts(run: string): string[] {
  const lastDot = run.lastIndexOf('.');
  const head = run.slice(0, lastDot + 1);
  const label = [...run.slice(lastDot + 1)];
  const firstUnspaced = label.findIndex((char) => UNSPACED_SCRIPT.test(char));
  if (firstUnspaced < 0) return [run];
  if (firstUnspaced > 0) return [head + label.slice(0, firstUnspaced).join('').replace(/-+$/, '')];
  return label.map((_, index) => head + label.slice(0, label.length - index).join(''));
}

/**
 * E-mail addresses, found from each `@` (full-width forms folded): the longest local part and host around it that
 * validator.js `isEmail` accepts (UTF-8 local parts allowed, a TLD required). Addresses run together in unspaced text
 * (`张伟@公司.中国或李四@公司.中国`) may overlap: overlapping findings become one.
 */
function findEmails(text: string): TextSpan[] {
  const folded = foldFullWidth(text);
  const found: TextSpan[] = [];
  for (let at = folded.indexOf('@'); at >= 0; at = folded.indexOf('@', at + 1)) {
    const localRun = LOCAL_PART_RUN.exec(folded.slice(Math.max(0, at - 64), at))?.[0].replace(/^\.+/, '');
    const hostRun = HOST_RUN.exec(folded.slice(at + 1, at + 1 + 254))?.[0];
    if (!localRun || !hostRun) continue;
    let tries = 0;
    search: for (const local of localParts(localRun)) {
      for (const host of hosts(hostRun)) {
        if (++tries > MAX_TRIES_PER_AT) break search;
        if (validator.isEmail(`${local}@${host}`, { allow_utf8_local_part: true, require_tld: true })) {
          found.push({ start: at - local.length, end: at + 1 + host.length });
          break search;
        }
      }
    }
  }
  const spans: TextSpan[] = [];
  for (const span of found) {
    const last = spans[spans.length - 1];
    if (last && span.start < last.end) last.end = Math.max(last.end, span.end);
    else spans.push({ ...span });
  }
  return spans;
}

/**
 * Phone numbers with libphonenumber-js (`findNumbers`, leniency "valid": the number must be a valid number of its
 * country by Google's full metadata). Numbers without a `+` country code are read as numbers of `countries`.
 */
function findPhones(text: string, countries: readonly string[]): TextSpan[] {
  const spans: TextSpan[] = [];
  const supported = countries.filter((country): country is CountryCode => isSupportedCountry(country as CountryCode, PHONE_METADATA));
  for (const country of supported.length > 0 ? supported : [undefined]) {
    for (const found of findNumbers(text, { defaultCountry: country, v2: true }, PHONE_METADATA)) spans.push({ start: found.startsAt, end: found.endsAt });
  }
  return spans;
}

/** IBAN-shaped runs (`GB82 WEST 1234 5698 7654 32` or compact, either case), kept only when ibantools validates the MOD 97-10 check. */
function findIbans(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  for (const match of text.matchAll(/(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]{1,4}){3,8}(?![A-Za-z0-9])/g)) {
    // Try the longest run first, then drop trailing groups (a following upper-case word may have been taken in).
    const groups = match[0].split(' ');
    for (let count = groups.length; count >= 1; count -= 1) {
      const candidate = groups.slice(0, count).join(' ');
      const compact = electronicFormatIBAN(candidate);
      if (compact && compact.length >= 15 && isValidIBAN(compact)) {
        spans.push({ start: match.index, end: match.index + candidate.length });
        break;
      }
    }
  }
  return spans;
}

function detect(kind: TextRedactionKind, text: string, countries: readonly string[]): TextSpan[] {
  switch (kind) {
    case 'cnResidentId':
      return findCnResidentIds(text);
    case 'usSsn':
      return findUsSsns(text);
    case 'ukNino':
      return findUkNinos(text);
    case 'iban':
      return findIbans(text);
    case 'email':
      return findEmails(text);
    case 'phone':
      return findPhones(text, countries);
  }
}

/**
 * Replaces e-mail addresses, phone numbers, national identification numbers and IBANs in `text` with the
 * configured token. `countries`: ISO 3166-1 alpha-2 codes whose national phone formats are recognised (numbers
 * written with `+` and a country code are found whatever they are). Overlapping findings: the kind earlier in
 * `TEXT_REDACTION_KINDS` wins.
 */
export function redactText(text: string, options: RedactionOptions, countries: readonly string[]): RedactedText {
  const taken: TextEdit[] = [];
  for (const kind of TEXT_REDACTION_KINDS) {
    if (!options.detectors.has(kind)) continue;
    for (const span of detect(kind, text, countries)) {
      if (taken.some((edit) => span.start < edit.end && edit.start < span.end)) continue;
      taken.push({ ...span, kind, replacement: redactionToken(options, kind) });
    }
  }
  const edits = taken.sort((a, b) => a.start - b.start);
  let result = '';
  let cursor = 0;
  for (const edit of edits) {
    result += text.slice(cursor, edit.start) + edit.replacement;
    cursor = edit.end;
  }
  return { text: result + text.slice(cursor), edits };
}

/**
 * Where an offset of the original text lands in the redacted text: shifted by the edits before it; an offset inside
 * a replaced span moves to that replacement's start (`side` 'start') or end (`side` 'end').
 */
export function mapOffset(offset: number, edits: readonly TextEdit[], side: 'start' | 'end'): number {
  let shift = 0;
  for (const edit of edits) {
    if (edit.end <= offset) {
      shift += edit.replacement.length - (edit.end - edit.start);
    } else if (edit.start < offset) {
      return edit.start + shift + (side === 'end' ? edit.replacement.length : 0);
    } else {
      break;
    }
  }
  return offset + shift;
}
