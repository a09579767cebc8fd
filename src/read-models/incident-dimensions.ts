import { TLP_MARKINGS } from '@app/contracts';
import {
  HARM_TYPES,
  MAGNITUDES,
  MECHANISMS,
  PAPER_LIFECYCLE_STAGES,
  RISK_SOURCES,
  SECTORS,
  SEVERITIES,
  UNDETERMINED,
  URGENCIES,
} from '@app/taxonomy';
import type { Principal } from '../auth/api-keys.service.js';
import { mayViewSql } from '../incidents/lock-incident.js';

/**
 * A dimension of the `incident_search` read model that trends group by and searches filter on. `column` is a
 * whitelisted SQL expression over alias `s` (never user text); `multiValued` dimensions (harm types) are arrays, so a
 * filter matches an incident having ANY of the values and a grouping counts the incident once per value.
 * `vocabulary` lists the values that always appear as groups (with zeros); open dimensions (country) show the
 * values found.
 */
export interface IncidentDimension {
  column: string;
  multiValued?: boolean;
  vocabulary?: readonly string[];
  /**
   * SQL array type of a filter's values: the column's own type, so the condition can use the column's indexes
   * (`country` is character(2): compared as text it could not use the month-led text indexes). Default text[].
   */
  arrayType?: string;
}

/** Every dimension, by its API name. Classification facets are the labels in force (reviewed overrides win). */
export const INCIDENT_DIMENSIONS = {
  mechanism: { column: 's.mechanism', vocabulary: [...MECHANISMS, UNDETERMINED] },
  magnitude: { column: 's.magnitude', vocabulary: [...MAGNITUDES, UNDETERMINED] },
  source: { column: 's.source', vocabulary: [...RISK_SOURCES, UNDETERMINED] },
  harmType: { column: 's.harm_types', multiValued: true, vocabulary: [...HARM_TYPES, UNDETERMINED] },
  sector: { column: 's.sector', vocabulary: [...SECTORS, UNDETERMINED] },
  country: { column: 's.country', arrayType: 'bpchar[]' }, // a filter takes ISO 3166-1 alpha-2 codes (incident-filter.request.dto.ts)
  severity: { column: 's.severity', vocabulary: [...SEVERITIES, UNDETERMINED] },
  urgency: { column: 's.urgency', vocabulary: [...URGENCIES] },
  lifecycleStage: { column: 's.lifecycle_stage', vocabulary: [...PAPER_LIFECYCLE_STAGES, UNDETERMINED] },
  tlp: { column: 's.tlp', vocabulary: [...TLP_MARKINGS] },
} as const satisfies Record<string, IncidentDimension>;

export type IncidentDimensionName = keyof typeof INCIDENT_DIMENSIONS;
export const INCIDENT_DIMENSION_NAMES = Object.keys(INCIDENT_DIMENSIONS) as IncidentDimensionName[];

/** Filter values per dimension (each list non-empty when present); values within one dimension are OR-ed. */
export type IncidentFilters = Partial<Record<IncidentDimensionName, string[]>>;

/** `aisw_utc_month` of a date (migration 1798900000000): year × 100 + month in UTC (202608 for any instant of August 2026). */
export const utcMonthKey = (date: Date): number => date.getUTCFullYear() * 100 + date.getUTCMonth() + 1;

/** The `aisw_utc_month` keys of every month that [from, to] touches, oldest first. */
export function utcMonthKeysBetween(from: Date, to: Date): number[] {
  const keys: number[] = [];
  for (let month = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), 1)); month <= to; month = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1))) {
    keys.push(utcMonthKey(month));
  }
  return keys;
}

/**
 * Sharing rule of every analyst query (trends, search, export), on this jurisdiction's own incidents: TLP:RED is
 * "for the eyes and ears of individual recipients only" (FIRST TLP 2.0), so a RED incident is visible to the API key
 * that filed it and to nobody else here (not analysts, not admins, not other regulators); every other marking is
 * visible to every analyst, regulator and admin of this single window. Returns a SQL condition over alias `s` and
 * appends its parameter to `params`.
 */
export function visibilityCondition(principal: Principal, params: unknown[]): string {
  params.push(principal.keyId);
  return mayViewSql('s.tlp', 's.filed_by_key_id', `$${params.length}`);
}

/**
 * SQL conditions (AND-ed) for `filters` and an `occurred_at` range, appending parameters to `params`. Values are
 * passed as parameters, never interpolated.
 */
export function filterConditions(filters: IncidentFilters, params: unknown[], range: { from?: Date; to?: Date } = {}): string[] {
  const conditions: string[] = [];
  for (const name of INCIDENT_DIMENSION_NAMES) {
    const values = filters[name];
    if (!values || values.length === 0) continue;
    const dimension: IncidentDimension = INCIDENT_DIMENSIONS[name];
    params.push(values);
    conditions.push(dimension.multiValued ? `${dimension.column} && $${params.length}::text[]` : `${dimension.column} = ANY($${params.length}::${dimension.arrayType ?? 'text[]'})`);
  }
  if (range.from) {
    params.push(range.from);
    conditions.push(`s.occurred_at >= $${params.length}`);
  }
  if (range.to) {
    params.push(range.to);
    conditions.push(`s.occurred_at <= $${params.length}`);
  }
  return conditions;
}
