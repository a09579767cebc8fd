// The dashboard's view as URL query parameters, so a link (or a reload) reproduces the same view. Pure functions;
// view-state.d.ts declares the shapes. The API key is never part of the view.

export const LANGUAGES = ['en', 'zh'];
export const INTERVALS = ['day', 'week', 'month', 'quarter', 'year'];
/** Dimensions GET /trends groups by today (v1); the rest need API v2 (api.js). */
export const V1_GROUP_BYS = ['mechanism', 'magnitude', 'source', 'sector', 'country', 'tlp'];
export const V2_GROUP_BYS = ['harmType', 'severity', 'urgency', 'lifecycleStage'];
/**
 * Filters of API v2, in the order the page shows them; each takes one or more codes (country: ISO 3166-1 alpha-2),
 * as a comma list (`country=CN,US`) or repeated (`country=US&country=CN`), like GET /trends and GET /incidents.
 */
export const FILTERS = ['mechanism', 'magnitude', 'source', 'harmType', 'sector', 'severity', 'urgency', 'country', 'tlp'];
/** Most codes one filter keeps (the API takes 20 per filter, 50 countries). */
const MAX_FILTER_VALUES = { country: 50 };
const DEFAULT_MAX_FILTER_VALUES = 20;

const DEFAULTS = { lang: 'en', interval: 'month', groupBy: 'mechanism', from: '', to: '', q: '', incident: '' };
const SCALARS = ['lang', 'interval', 'groupBy', 'from', 'to', 'q', 'incident'];
const CODE = /^[A-Za-z0-9_+-]{1,40}$/;
const COUNTRY = /^[A-Z]{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_QUERY_LENGTH = 200;

/** True for a real calendar date written YYYY-MM-DD (2026-02-29 and 2026-13-45 are not). */
export function isCalendarDate(value) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const VALID = {
  lang: (value) => LANGUAGES.includes(value),
  interval: (value) => INTERVALS.includes(value),
  groupBy: (value) => V1_GROUP_BYS.includes(value) || V2_GROUP_BYS.includes(value),
  from: isCalendarDate,
  to: isCalendarDate,
  q: (value) => value.length <= MAX_QUERY_LENGTH,
  incident: (value) => UUID.test(value),
};

/** The default view: English, monthly, stacked by mechanism, the API's default range, no filter. */
export function defaultViewState() {
  return { ...DEFAULTS, filters: {} };
}

/** A filter's codes as the view keeps them: trimmed, country codes upper-cased, without repeats, sorted. */
export function normalizeFilterValues(name, values) {
  const codes = values.map((value) => value.trim()).filter(Boolean).map((value) => (name === 'country' ? value.toUpperCase() : value));
  return [...new Set(codes)].sort();
}

/**
 * Reads a view from `location.search` and says what it could not use: `ignored` lists every parameter value that is
 * not well-formed (it falls back to the default: nothing for a filter) and every parameter the page does not know,
 * as `{ name, value }` in the order of the URL. Never throws.
 */
export function readViewState(search) {
  const params = new URLSearchParams(search);
  const ignored = [];
  const state = defaultViewState();
  for (const name of SCALARS) {
    const values = params.getAll(name);
    if (!values.length) continue;
    // One value each: a repeated scalar is ambiguous, so the first is used and the others named as ignored.
    const [value, ...extra] = values;
    if (VALID[name](value)) state[name] = name === 'q' ? value.trim() : name === 'incident' ? value.toLowerCase() : value;
    else ignored.push({ name, value });
    for (const other of extra) ignored.push({ name, value: other });
  }
  for (const name of FILTERS) {
    const codes = [];
    for (const value of params.getAll(name).flatMap((list) => list.split(','))) {
      const code = name === 'country' ? value.trim().toUpperCase() : value.trim();
      if (!code) continue;
      if (name === 'country' ? COUNTRY.test(code) : CODE.test(code)) codes.push(code);
      else ignored.push({ name, value });
    }
    const kept = normalizeFilterValues(name, codes);
    const max = MAX_FILTER_VALUES[name] ?? DEFAULT_MAX_FILTER_VALUES;
    for (const code of kept.slice(max)) ignored.push({ name, value: code });
    if (kept.length) state.filters[name] = kept.slice(0, max);
  }
  const known = new Set([...SCALARS, ...FILTERS]);
  for (const [name, value] of params) if (!known.has(name)) ignored.push({ name, value });
  return { state, ignored };
}

/** Reads a view from `location.search`; values that are not well-formed fall back to the default (never throws). */
export function parseViewState(search) {
  return readViewState(search).state;
}

/**
 * Drops filter codes the page cannot offer (`allowed[name]`: the codes of the vocabulary; null or missing: any
 * well-formed code, e.g. countries) and returns them as `ignored` `{ name, value }`, like readViewState.
 */
export function restrictFilters(state, allowed) {
  const filters = {};
  const ignored = [];
  for (const name of FILTERS) {
    const values = state.filters[name] ?? [];
    const codes = allowed[name] ? values.filter((code) => allowed[name].includes(code)) : values;
    for (const code of values) if (!codes.includes(code)) ignored.push({ name, value: code });
    if (codes.length) filters[name] = codes;
  }
  return { state: { ...state, filters }, ignored };
}

/**
 * Writes a view as a query string ('' or '?…'): fixed parameter order, defaults left out, each filter's codes sorted
 * as one comma list (commas left readable), so equal views give equal URLs.
 */
export function formatViewState(state) {
  const params = new URLSearchParams();
  for (const name of ['lang', 'interval', 'groupBy', 'from', 'to']) {
    if (state[name] && state[name] !== DEFAULTS[name]) params.set(name, state[name]);
  }
  for (const name of FILTERS) {
    const codes = normalizeFilterValues(name, state.filters[name] ?? []);
    if (codes.length) params.set(name, codes.join(','));
  }
  if (state.q) params.set('q', state.q);
  if (state.incident) params.set('incident', state.incident);
  const query = params.toString().replace(/%2C/gi, ',');
  return query ? `?${query}` : '';
}

/** The names of the filters set in a view. */
export function activeFilters(state) {
  return FILTERS.filter((name) => state.filters[name]?.length);
}
