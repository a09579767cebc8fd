import type { IncidentSnapshot } from '@app/contracts';
import type { IncidentClassification } from '@app/taxonomy';
import { highlightOf } from '../classification/evidence-highlights.js';
import { mapOffset, redactionToken, redactText, type RedactionCounts, type RedactionOptions, type TextEdit } from './redact-text.js';

/**
 * Filing fields a filer may mark personal (`personalFields` of `POST /incidents`): the free-text and naming fields.
 * A marked field leaves the jurisdiction as the redaction token (`sourceUrls`: as an empty list), whatever it holds.
 */
export const PERSONAL_FIELD_NAMES = [
  'title',
  'description',
  'reportingOrganisation',
  'aiSystemName',
  'developer',
  'deployer',
  'harmDescription',
  'sourceUrls',
] as const;
export type PersonalFieldName = (typeof PERSONAL_FIELD_NAMES)[number];

/** Text fields the detectors read, with the filing bounds of POST /incidents that the redacted text must keep. */
const TEXT_FIELD_MAX_LENGTH = {
  title: 300,
  description: 10_000,
  reportingOrganisation: 200,
  aiSystemName: 200,
  developer: 200,
  deployer: 200,
  harmDescription: 5_000,
} as const;
type TextFieldName = keyof typeof TEXT_FIELD_MAX_LENGTH;
/** Classification members that quote the incident's text (evidence `text`, highlight snippets, field `value`). */
const TEXT_BEARING_KEYS = new Set(['text', 'before', 'match', 'after', 'value']);
/** Bound of an alert's `note` (alert v1 schema). */
const NOTE_MAX_LENGTH = 2_000;

export interface RedactedFields<T> {
  fields: T;
  /** Replacements per text field that changed (offsets into the original field text). */
  edits: Partial<Record<string, TextEdit[]>>;
  redactions: RedactionCounts;
}

const count = (counts: RedactionCounts, edits: readonly TextEdit[]): void => {
  for (const edit of edits) counts[edit.kind] = (counts[edit.kind] ?? 0) + 1;
};

/** Cuts `text` to `max` UTF-16 units without splitting a surrogate pair. */
function bounded(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = /[\uD800-\uDBFF]/.test(text[max - 1]) ? max - 1 : max;
  return text.slice(0, cut);
}

/**
 * Redacts the text fields of `fields` that are present (not null/undefined): a field named in `personal` becomes the
 * `personalField` token whole, the others go through the detectors (`redactText`). Results keep the filing bounds.
 * `countries`: ISO 3166-1 alpha-2 codes whose national phone formats are recognised.
 */
export function redactFields<T extends Partial<Record<TextFieldName, string | null>>>(
  fields: T,
  personal: readonly string[],
  options: RedactionOptions,
  countries: readonly string[],
): RedactedFields<T> {
  const result: Record<string, unknown> = { ...fields };
  const edits: Partial<Record<string, TextEdit[]>> = {};
  const redactions: RedactionCounts = {};
  for (const name of Object.keys(TEXT_FIELD_MAX_LENGTH) as TextFieldName[]) {
    const value = fields[name];
    if (typeof value !== 'string') continue;
    const redacted = personal.includes(name)
      ? { text: redactionToken(options, 'personalField'), edits: [{ start: 0, end: value.length, kind: 'personalField' as const, replacement: redactionToken(options, 'personalField') }] }
      : redactText(value, options, countries);
    if (redacted.edits.length === 0) continue;
    result[name] = bounded(redacted.text, TEXT_FIELD_MAX_LENGTH[name]);
    edits[name] = redacted.edits;
    count(redactions, redacted.edits);
  }
  return { fields: result as T, edits, redactions };
}

/**
 * Phrase evidence on a redacted field points into the redacted text (offsets remapped, `text` and any `highlight`
 * snippet re-made from the redacted text). As a second guard, a quoting member (`TEXT_BEARING_KEYS`) anywhere in the
 * classification that still contains a redacted value verbatim has it replaced (`replaced`: original → replacement);
 * labels, terms and codes are never rewritten.
 */
function remapEvidence(
  value: unknown,
  edits: Partial<Record<string, TextEdit[]>>,
  texts: Record<string, unknown>,
  replaced: ReadonlyArray<[string, string]>,
  key = '',
): unknown {
  if (typeof value === 'string') {
    return TEXT_BEARING_KEYS.has(key) ? replaced.reduce((text, [original, replacement]) => text.replaceAll(original, replacement), value) : value;
  }
  if (Array.isArray(value)) return value.map((item) => remapEvidence(item, edits, texts, replaced, key));
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const fieldEdits = typeof record.field === 'string' ? edits[record.field] : undefined;
  const text = typeof record.field === 'string' ? texts[record.field] : undefined;
  if (record.kind === 'phrase' && fieldEdits && typeof text === 'string' && typeof record.start === 'number' && typeof record.end === 'number') {
    const start = Math.min(mapOffset(record.start, fieldEdits, 'start'), text.length);
    const end = Math.min(Math.max(mapOffset(record.end, fieldEdits, 'end'), start), text.length);
    return { ...record, start, end, text: text.slice(start, end), ...(record.highlight ? { highlight: highlightOf(text, start, end) } : {}) };
  }
  return Object.fromEntries(Object.entries(record).map(([member, item]) => [member, remapEvidence(item, edits, texts, replaced, member)]));
}

/**
 * The regions whose national phone formats are recognised in an incident's texts (numbers written without `+` and a
 * country code): the incident's country, the jurisdiction it was filed with, and CN for a Chinese-language filing.
 * Alerts and the public feed both use this, so that they redact the same numbers.
 */
export function phoneRegions(incident: { country: string; originJurisdiction: string; language: string }): string[] {
  return [...new Set([incident.country, incident.originJurisdiction, ...(incident.language === 'zh' ? ['CN'] : [])])];
}

export interface ExportContent {
  incident: IncidentSnapshot;
  classification: IncidentClassification;
  note?: string;
}

/**
 * The content of an alert as it may leave the jurisdiction: e-mail addresses, phone numbers, national identification
 * numbers and IBANs replaced in every text field and the note, fields the filer marked personal replaced whole
 * (`sourceUrls` emptied), and the classification's phrase evidence re-pointed into the redacted text. URLs are not
 * scanned (digits in paths are not phone numbers). `redactions` counts what was replaced, per kind (never values).
 * The stored incident is not touched.
 */
export function redactForExport(content: ExportContent, options: RedactionOptions): ExportContent & { redactions: RedactionCounts } {
  const { incident } = content;
  const personal = incident.personalFields ?? [];
  const countries = phoneRegions(incident);
  const redacted = redactFields(incident, personal, options, countries);
  const redactions = redacted.redactions;
  const snapshot: IncidentSnapshot = { ...redacted.fields };
  if (personal.includes('sourceUrls') && incident.sourceUrls.length > 0) {
    snapshot.sourceUrls = [];
    redactions.personalField = (redactions.personalField ?? 0) + 1;
  }
  let note = content.note;
  if (note !== undefined) {
    const redactedNote = redactText(note, options, countries);
    note = bounded(redactedNote.text, NOTE_MAX_LENGTH);
    count(redactions, redactedNote.edits);
  }
  const replaced = Object.entries(redacted.edits).flatMap(([field, fieldEdits]) =>
    (fieldEdits ?? []).map((edit): [string, string] => [String((incident as unknown as Record<string, unknown>)[field]).slice(edit.start, edit.end), edit.replacement]),
  );
  const classification =
    replaced.length > 0
      ? (remapEvidence(content.classification, redacted.edits, snapshot as unknown as Record<string, unknown>, replaced.filter(([original]) => original.length >= 4)) as IncidentClassification)
      : content.classification;
  return { incident: snapshot, classification, ...(note !== undefined ? { note } : {}), redactions };
}
