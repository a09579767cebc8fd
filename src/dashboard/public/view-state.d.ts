// Types of view-state.js (a browser module served as is), for the unit specs and editors.

export type Language = 'en' | 'zh';
export type Interval = 'day' | 'week' | 'month' | 'quarter' | 'year';

/** What the URL's query string holds: everything needed to reproduce the view, never the API key. */
export interface ViewState {
  lang: Language;
  interval: Interval;
  /** One of V1_GROUP_BYS or V2_GROUP_BYS. */
  groupBy: string;
  /** YYYY-MM-DD or '' (the API's default). */
  from: string;
  to: string;
  /** Free-text search (API v2 only), at most 200 characters. */
  q: string;
  /** The incident shown in detail (UUID) or ''. */
  incident: string;
  /** Filter name (FILTERS) → its codes, sorted and without repeats (never an empty list). */
  filters: Partial<Record<string, string[]>>;
}

/** A URL parameter value the view could not use (not well-formed, not offered, or an unknown parameter). */
export interface IgnoredParameter {
  name: string;
  value: string;
}

export const LANGUAGES: readonly Language[];
export const INTERVALS: readonly Interval[];
export const V1_GROUP_BYS: readonly string[];
export const V2_GROUP_BYS: readonly string[];
export const FILTERS: readonly string[];
export function defaultViewState(): ViewState;
export function isCalendarDate(value: string): boolean;
export function normalizeFilterValues(name: string, values: string[]): string[];
export function readViewState(search: string): { state: ViewState; ignored: IgnoredParameter[] };
export function parseViewState(search: string): ViewState;
export function restrictFilters(state: ViewState, allowed: Partial<Record<string, readonly string[] | null>>): { state: ViewState; ignored: IgnoredParameter[] };
export function formatViewState(state: ViewState): string;
export function activeFilters(state: ViewState): string[];
