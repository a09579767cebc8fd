// The dashboard's only contact with the API. Every request and every response mapping lives here, so that the rest
// of the page works on one internal model (api.d.ts) whatever the API version:
//   v1 (today): GET /trends with ONE groupBy of V1_GROUP_BYS and no filters; GET /incidents/:id; no search.
//   v2 (issue 5): GET /trends with groupBy=a or groupBy=a,b and taxonomy filters, optional surge signals;
//                 GET /incidents search with q, filters and a keyset cursor.
// `capabilities()` asks the API which of these it answers, so the page never shows data the API did not give.
import { FILTERS } from './view-state.js';

/** A non-2xx answer; `problem` is the RFC 9457 body when there was one. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  /**
   * What the API said was wrong, field by field: the problem's `errors` (`[{ field, messages: [string] }]`, RFC 9457
   * extension of src/common/problem-details.filter.ts), or [] when it named none.
   */
  get fieldErrors() {
    const errors = Array.isArray(this.problem?.errors) ? this.problem.errors : [];
    return errors
      .filter((error) => error && typeof error.field === 'string')
      .map((error) => ({ field: error.field, messages: (Array.isArray(error.messages) ? error.messages : []).map(String) }));
  }
}

const SEARCH_PAGE_SIZE = 20;

/**
 * The API client. `getKey()` returns the API key sent as `Authorization: Bearer <key>` (never in a URL).
 * Errors: every method rejects with ApiError on a non-2xx answer it does not expect (401 when the key is wrong).
 */
export function createApi(getKey, fetchJson = defaultFetchJson) {
  const get = (path, params = new URLSearchParams()) => {
    const query = params.toString();
    return fetchJson(query ? `${path}?${query}` : path, getKey());
  };
  // true when the API answers 2xx; false when it refuses the request's shape (400: unknown parameter or value;
  // 404/405: no such route), i.e. the capability is missing.
  const probe = async (path, params) => {
    try {
      await get(path, params);
      return true;
    } catch (error) {
      if (error instanceof ApiError && [400, 404, 405].includes(error.status)) return false;
      throw error;
    }
  };

  return {
    /** GET /taxonomy: the vocabulary with English and Chinese labels (also proves the key works). */
    taxonomy: () => get('/taxonomy').then((body) => body.vocabulary),

    /** Which v2 features the API has: two group-bys and filters on /trends, and GET /incidents search. */
    async capabilities() {
      const day = new Date().toISOString().slice(0, 10);
      const [twoGroupBys, search] = await Promise.all([
        probe('/trends', new URLSearchParams({ interval: 'year', groupBy: 'sector,harmType', from: day, to: day })),
        probe('/incidents', new URLSearchParams({ limit: '1' })),
      ]);
      return { twoGroupBys, filters: twoGroupBys, search };
    },

    /** GET /trends for the chart: one group-by, the view's range and (v2) filters. */
    async trends(state, capabilities) {
      const params = trendParams(state, capabilities, state.groupBy);
      return normalizeTrends(await get('/trends', params), state.groupBy);
    },

    /**
     * GET /trends?groupBy=sector,harmType summed over the range, or `{ unsupported: true }` on API v1. Asks for yearly
     * buckets and no surges: the sum over the range is the same for any interval, and the matrix shows no surges, so
     * the answer is a tenth of the monthly one (1.7 MB at 1M incidents, docs/benchmarks.md).
     */
    async heatmap(state, capabilities) {
      if (!capabilities.twoGroupBys) return { unsupported: true };
      const params = trendParams(state, capabilities, 'sector,harmType');
      params.set('interval', 'year');
      params.set('signals', 'false');
      return normalizeHeatmap(await get('/trends', params), 'sector', 'harmType');
    },

    /** GET /incidents search (v2), one page after `cursor`, or `{ unsupported: true }` on API v1. */
    async searchIncidents(state, capabilities, cursor) {
      if (!capabilities.search) return { unsupported: true };
      const params = new URLSearchParams({ limit: String(SEARCH_PAGE_SIZE) });
      if (state.q) params.set('q', state.q);
      if (state.from) params.set('from', state.from);
      if (state.to) params.set('to', state.to);
      setFilters(params, state);
      if (cursor) params.set('after', cursor);
      return normalizeSearchPage(await get('/incidents', params));
    },

    /**
     * GET /incidents/:id: the incident, its classification evidence and per-partner deliveries; when it names linked
     * incidents (`related`, src/correlation), also GET /incidents/:id/related for their titles, scores and reasons.
     */
    async incident(id) {
      const path = `/incidents/${encodeURIComponent(id)}`;
      const body = await get(path);
      const related = Array.isArray(body.related) && body.related.length ? normalizeRelated(await get(`${path}/related`)) : [];
      return { ...normalizeIncident(body), related };
    },
  };
}

async function defaultFetchJson(url, key) {
  const response = await fetch(url, { headers: { accept: 'application/json', authorization: `Bearer ${key}` } });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

function trendParams(state, capabilities, groupBy) {
  const params = new URLSearchParams({ interval: state.interval, groupBy });
  if (state.from) params.set('from', state.from);
  if (state.to) params.set('to', state.to);
  if (capabilities.filters) setFilters(params, state);
  return params;
}

/** The view's filters as the API takes them: one parameter per filter, its codes as a comma list (`country=CN,US`). */
function setFilters(params, state) {
  for (const name of FILTERS) if (state.filters[name]?.length) params.set(name, state.filters[name].join(','));
}

/** Start date (YYYY-MM-DD) of a bucket: v1 `period`, v2 `start`. */
const bucketStart = (bucket) => String(bucket.period ?? bucket.start).slice(0, 10);

/** The groups of one bucket as [{ keys: { dimension: code }, count }]: v1 `counts` map, v2 `groups` array. */
function bucketGroups(bucket, dimension) {
  if (Array.isArray(bucket.groups)) return bucket.groups.map((group) => ({ keys: group.keys ?? { [dimension]: group.key }, count: Number(group.count) }));
  return Object.entries(bucket.counts ?? {}).map(([code, count]) => ({ keys: { [dimension]: code }, count: Number(count) }));
}

/** Maps a /trends answer grouped by one dimension to { periods, series: [{ key, counts }], totals, surges }. */
export function normalizeTrends(body, dimension) {
  const periods = body.buckets.map(bucketStart);
  const keys = Array.isArray(body.groups) && body.groups.every((group) => typeof group === 'string') ? [...body.groups] : [];
  const counts = new Map(keys.map((key) => [key, periods.map(() => 0)]));
  body.buckets.forEach((bucket, index) => {
    for (const group of bucketGroups(bucket, dimension)) {
      const key = String(group.keys[dimension]);
      if (!counts.has(key)) counts.set(key, periods.map(() => 0));
      counts.get(key)[index] += group.count;
    }
  });
  return {
    interval: body.interval,
    dimension,
    periods,
    series: [...counts].map(([key, values]) => ({ key, counts: values })),
    totals: body.buckets.map((bucket) => Number(bucket.total)),
    surges: normalizeSurges(body.surges ?? body.signals ?? [], dimension, periods),
  };
}

/**
 * Surge signals the API attaches to a trend (v2), placed in the chart's bucket that holds the signal's week:
 * each `{ dimension, value, start|period|weekStart, count?, expected?, method? }`; other dimensions are dropped.
 */
export function normalizeSurges(signals, dimension, periods) {
  const surges = [];
  for (const signal of signals) {
    const key = signal.value ?? signal.code ?? signal.keys?.[dimension];
    const date = String(signal.start ?? signal.period ?? signal.weekStart ?? '').slice(0, 10);
    if ((signal.dimension ?? dimension) !== dimension || key === undefined || !date) continue;
    const periodIndex = periods.findLastIndex((period) => period <= date);
    if (periodIndex < 0) continue;
    surges.push({ key: String(key), periodIndex, date, count: signal.count ?? null, expected: signal.expected ?? null, method: signal.method ?? null });
  }
  return surges;
}

/** Maps a /trends answer grouped by two dimensions to a matrix summed over all buckets (rows × columns). */
export function normalizeHeatmap(body, rowDimension, columnDimension) {
  const totals = new Map();
  for (const bucket of body.buckets) {
    for (const group of bucketGroups(bucket, rowDimension)) {
      const cell = `${group.keys[rowDimension]}\u0000${group.keys[columnDimension]}`;
      totals.set(cell, (totals.get(cell) ?? 0) + group.count);
    }
  }
  const rows = [...new Set([...totals.keys()].map((cell) => cell.split('\u0000')[0]))].sort();
  const columns = [...new Set([...totals.keys()].map((cell) => cell.split('\u0000')[1]))].sort();
  const cells = [...totals].map(([cell, count]) => {
    const [row, column] = cell.split('\u0000');
    return [columns.indexOf(column), rows.indexOf(row), count];
  });
  return { rowDimension, columnDimension, rows, columns, cells };
}

/** Maps a GET /incidents page: items are incidents or `{ incident, classification }`; cursor `nextCursor`. */
export function normalizeSearchPage(body) {
  return {
    items: (body.items ?? []).map((item) => {
      const incident = item.incident ?? item;
      const classification = item.classification ?? item.labels ?? item;
      const label = (axis) => classification[axis]?.label ?? classification[axis] ?? null;
      return {
        id: incident.id,
        title: incident.title,
        occurredAt: incident.occurredAt,
        country: incident.country,
        sector: incident.sector ?? null,
        labels: { mechanism: label('mechanism'), magnitude: label('magnitude'), source: label('source') },
      };
    }),
    nextCursor: body.nextCursor ?? null,
  };
}

/** Where each classification part keeps its evidence (libs/taxonomy IncidentClassification). */
const EVIDENCE_PARTS = [
  ['mechanism', (c) => c.mechanism?.evidence],
  ['magnitude', (c) => c.magnitude?.evidence],
  ['source', (c) => c.source?.evidence],
  ['harmType', (c) => c.harmTypes?.flatMap((result) => result.evidence)],
  ['sector', (c) => c.sector?.evidence],
  ['severity', (c) => c.severity?.evidence],
  ['redLine', (c) => c.redLineFlags?.flatMap((result) => result.evidence)],
];

/** Maps GET /incidents/:id to the detail view: labels, phrase evidence with the part it supports, deliveries. */
export function normalizeIncident(body) {
  const { incident, classification, deliveries } = body;
  const evidence = [];
  for (const [part, read] of EVIDENCE_PARTS) {
    for (const item of (classification && read(classification)) ?? []) {
      if (item.kind === 'phrase') evidence.push({ part, field: item.field, start: item.start, end: item.end, text: item.text, supports: item.supports });
    }
  }
  const axis = (name) => ({ axis: name, label: classification?.[name]?.label ?? null, confidence: classification?.[name]?.confidence ?? null });
  return {
    incident,
    axes: [axis('mechanism'), axis('magnitude'), axis('source')],
    harmTypes: classification?.harmTypes?.map((result) => result.type) ?? [],
    sector: classification?.sector?.label ?? incident.sector ?? null,
    severity: classification?.severity?.label ?? null,
    urgency: classification?.urgency?.label ?? null,
    evidence,
    deliveries: deliveries.map((delivery) => ({
      partnerName: delivery.partnerName,
      version: delivery.version,
      msgType: delivery.msgType,
      status: delivery.status,
      attempts: delivery.attempts,
      lastError: delivery.lastError ?? (delivery.lastStatusCode ? `HTTP ${delivery.lastStatusCode}` : null),
      deliveredAt: delivery.deliveredAt,
      acknowledgedAt: delivery.acknowledgedAt,
      ackDueAt: delivery.ackDueAt,
      overdueAt: delivery.overdueAt ?? null,
      escalations: delivery.escalations,
    })),
  };
}

/**
 * Maps GET /incidents/:id/related (docs/correlation.md) to the detail view's list, best first as the API sends it:
 * `[{ incidentId, title, occurredAt, originJurisdiction, score, reasons: [{ signal, weight, detail }] }]`.
 */
export function normalizeRelated(body) {
  return (body.items ?? []).map((item) => ({
    incidentId: item.incidentId,
    title: item.title,
    occurredAt: item.occurredAt,
    originJurisdiction: item.originJurisdiction,
    score: Number(item.score),
    reasons: (item.reasons ?? []).map((reason) => ({ signal: reason.signal, weight: Number(reason.weight), detail: reason.detail ?? '' })),
  }));
}
