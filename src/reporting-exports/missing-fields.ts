/**
 * One field a reporting export could not fill from the incident and its classification: `field` is the dotted path in
 * the export (e.g. `aiSystem.version`), `basis` the article or criterion that asks for it, `why` what a recipient
 * cannot do without it. Lists of these are the `missingFields` of every export (docs/reporting-exports.md).
 */
export interface MissingField {
  field: string;
  basis: string;
  why: string;
}

/** A field an export asks for: where it sits in the export, the rule that asks for it and why it matters. */
export interface FieldRequirement {
  field: string;
  basis: string;
  why: string;
}

/** Empty means null, undefined, '', 'undetermined', 'unknown' or an empty array: a recipient learns nothing from it. */
export function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '' || value === 'undetermined' || value === 'unknown';
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

/** Reads a dotted path (`a.b.c`) from a plain object; undefined when any step is missing. */
export function valueAt(document: unknown, path: string): unknown {
  let current: unknown = document;
  for (const step of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}

/** The requirements whose field is empty in `document`, in the order given. */
export function missingFieldsOf(document: unknown, requirements: readonly FieldRequirement[]): MissingField[] {
  return requirements.filter((requirement) => isEmptyValue(valueAt(document, requirement.field))).map(({ field, basis, why }) => ({ field, basis, why }));
}
