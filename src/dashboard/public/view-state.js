// The dashboard's view as URL query parameters, so a link (or a reload) reproduces the same view. Pure functions;
// view-state.d.ts declares the shapes. The API key is never part of the view.

export const LANGUAGES = ['en', 'zh'];
export const INTERVALS = ['day', 'week', 'month', 'quarter', 'year'];
/** Dimensions GET /trends groups by today (v1); the rest need API v2 (api.js). */
export const V1_GROUP_BYS = ['mechanism', 'magnitude', 'source', 'sector', 'country', 'tlp'];
export const V2_GROUP_BYS = ['harmType', 'severity', 'urgency', 'lifecycleStage'];
/** Filters of API v2, in the order the page shows them; each takes one code (country: ISO 3166-1 alpha-2). */
export const FILTERS = ['mechanism', 'magnitude', 'source', 'harmType', 'sector', 'severity', 'urgency', 'country', 'tlp'];

const DEFAULTS = { lang: 'en', interval: 'month', groupBy: 'mechanism', from: '', to: '', q: '', incident: '' };
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CODE = /^[A-Za-z0-9_+-]{1,40}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_QUERY_LENGTH = 200;

/** The default view: English, monthly, stacked by mechanism, the API's default range, no filter. */
export function defaultViewState() {
  return { ...DEFAULTS, filters: {} };
}

/** Reads a view from `location.search`; values that are not well-formed fall back to the default (never throws). */
export function parseViewState(search) {
  const params = new URLSearchParams(search);
  const pick = (name, valid) => {
    const value = params.get(name);
    return value !== null && valid(value) ? value : DEFAULTS[name];
  };
  const filters = {};
  for (const name of FILTERS) {
    const value = params.get(name);
    if (value && CODE.test(value)) filters[name] = value;
  }
  return {
    lang: pick('lang', (value) => LANGUAGES.includes(value)),
    interval: pick('interval', (value) => INTERVALS.includes(value)),
    groupBy: pick('groupBy', (value) => V1_GROUP_BYS.includes(value) || V2_GROUP_BYS.includes(value)),
    from: pick('from', (value) => DATE.test(value)),
    to: pick('to', (value) => DATE.test(value)),
    q: pick('q', (value) => value.length <= MAX_QUERY_LENGTH).trim(),
    incident: pick('incident', (value) => UUID.test(value)).toLowerCase(),
    filters,
  };
}

/** Writes a view as a query string ('' or '?…'): fixed parameter order, defaults left out, so equal views give equal URLs. */
export function formatViewState(state) {
  const params = new URLSearchParams();
  for (const name of ['lang', 'interval', 'groupBy', 'from', 'to']) {
    if (state[name] && state[name] !== DEFAULTS[name]) params.set(name, state[name]);
  }
  for (const name of FILTERS) {
    if (state.filters[name]) params.set(name, state.filters[name]);
  }
  if (state.q) params.set('q', state.q);
  if (state.incident) params.set('incident', state.incident);
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** The names of the filters set in a view. */
export function activeFilters(state) {
  return FILTERS.filter((name) => state.filters[name]);
}
