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

/** RFC 5321 dot-atom local part and a host name; each candidate is then validated by validator.js `isEmail`. */
const EMAIL_CANDIDATE = /(?<![A-Za-z0-9.!#$%&'*+/=?^_`{|}~-])[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+/g;

function findEmails(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  for (const match of text.matchAll(EMAIL_CANDIDATE)) {
    const candidate = match[0].replace(/^\.+/, '');
    const start = match.index + (match[0].length - candidate.length);
    if (validator.isEmail(candidate, { allow_utf8_local_part: false, require_tld: true })) spans.push({ start, end: start + candidate.length });
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

/** IBAN-shaped runs (`GB82 WEST 1234 5698 7654 32` or compact), kept only when ibantools validates the MOD 97-10 check. */
function findIbans(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  for (const match of text.matchAll(/(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{1,4}){3,8}(?![A-Za-z0-9])/g)) {
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
