import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Principal } from '../../../auth/api-keys.service.js';
import { RequestValidationError } from '../../../common/problem-details.js';
import { filterConditions, visibilityCondition, type IncidentFilters } from '../../../read-models/incident-dimensions.js';
import type { SearchSort } from './list-incidents.request.dto.js';

/** A search over the `incident_search` read model, as validated from the request. */
export interface IncidentSearch {
  q?: string;
  filters: IncidentFilters;
  from?: Date;
  to?: Date;
  status: string[];
  sort: SearchSort;
  principal: Principal;
}

/** Sort key of the last item of a page: what the next page continues after. */
export interface SearchCursor {
  relevance?: string;
  occurredAt: string;
  id: string;
}

const MAX_TERMS = 8;
/**
 * Two neighbouring CJK characters (kana, Han incl. extension A and compatibility ideographs, Hangul syllables): the
 * ranges of the SQL function `aisw_cjk_bigrams` (migration 1797400000001), change together.
 */
const CJK_BIGRAM = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]{2}/;
const escapeLike = (term: string): string => term.replace(/[\\%_]/g, (character) => `\\${character}`);

/** Columns every search row has (the read model's fields, plus sort keys as exact text). */
const COLUMNS = `s.incident_id, s.title, s.description, s.occurred_at, s.filed_at, s.country, s.language, s.sector, s.tlp,
  s.status, s.version, s.reporting_organisation, s.mechanism, s.magnitude, s.source, s.harm_types, s.severity, s.urgency,
  s.lifecycle_stage, to_char(s.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at_key`;

/**
 * One step of a date-sorted walk: a half-open slice [from, before) of `occurred_at` (either end open when omitted)
 * and/or the UTC months `months` (year × 100 + month, e.g. 202608; `aisw_utc_month`, migration 1798900000000), which
 * the text indexes lead with.
 */
export interface OccurredWindow {
  from?: Date;
  before?: Date;
  months?: number[];
}


/**
 * Whether the text indexes can find the matches of `q` month by month: the substring branch needs a word of at least
 * three letters or digits (a trigram; pg_trgm counts CJK characters as letters on this UTF-8 database) or two
 * neighbouring CJK characters (a bigram). Words like "ai" alone have neither, and a month's scan would read the whole
 * month; ListIncidentsHandler then searches without months.
 */
export const searchableByMonth = (q: string): boolean => /[\p{L}\p{N}]{3,}/u.test(q) || CJK_BIGRAM.test(q);

/**
 * The conditions every search applies (status, visibility, filters, `from`/`to`, and the words of `q`), with their
 * parameters appended to `params`, and, `withRelevance`, the relevance expression (see incidentSearchSql; without it
 * '0::numeric' and none of its parameters, which a statement must use). 400 (`sort`) for sort=relevance without q.
 */
function matchConditions(search: IncidentSearch, params: unknown[], withRelevance = true): { conditions: string[]; relevance: string } {
  params.push(search.status);
  const conditions = [`s.status = ANY($${params.length}::text[])`, visibilityCondition(search.principal, params), ...filterConditions(search.filters, params, search)];
  let relevance = '0::numeric';
  const q = search.q?.trim();
  if (q) {
    const terms = [...new Set(q.toLowerCase().split(/\s+/).filter(Boolean))].slice(0, MAX_TERMS);
    params.push(q);
    const tsQuery = `plainto_tsquery('english', $${params.length})`;
    const likes = terms.map((term) => {
      params.push(`%${escapeLike(term)}%`);
      return `$${params.length}`;
    });
    const occurrences = (withRelevance ? terms : []).map((term) => {
      params.push(term);
      const raw = `$${params.length}::text`;
      return `least((length(s.search_text) - length(replace(s.search_text, ${raw}, ''))) / length(${raw}), 10)`;
    });
    const substring = likes.map((like) => `s.search_text LIKE ${like}`);
    if (CJK_BIGRAM.test(terms.join(' '))) {
      params.push(terms.join(' '));
      substring.unshift(`aisw_cjk_bigrams(s.search_text) @> aisw_cjk_bigrams($${params.length}::text)`);
    }
    conditions.push(`(s.search_vector @@ ${tsQuery} OR (${substring.join(' AND ')}))`);
    if (withRelevance) {
      relevance = `round((ts_rank(s.search_vector, ${tsQuery}) + (${occurrences.join(' + ')}) / ${10 * terms.length}.0
        + CASE WHEN ${likes.map((like) => `lower(s.title) LIKE ${like}`).join(' AND ')} THEN 1 ELSE 0 END)::numeric, 6)`;
    }
  } else if (search.sort === 'relevance') {
    throw new RequestValidationError([{ field: 'sort', messages: ['sort=relevance needs q'] }]);
  }
  return { conditions, relevance };
}

/** The condition "strictly after the cursor" of a date-sorted search, on the row itself (none without a cursor). */
function dateKeyset(after: SearchCursor | undefined, params: unknown[]): string[] {
  if (!after) return [];
  params.push(after.occurredAt, after.id);
  return [`(s.occurred_at, s.incident_id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`];
}

/**
 * PostgreSQL's estimate of how many rows match a search after the cursor (EXPLAIN, nothing executed): the statement's
 * single row holds the plan as JSON, whose top node's `Plan Rows` is the estimate. ListIncidentsHandler uses it to
 * choose between a month walk (many matches) and one statement over every match (few).
 */
export function matchEstimateSql(search: IncidentSearch, after: SearchCursor | undefined): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const conditions = [...matchConditions(search, params, false).conditions, ...dateKeyset(after, params)];
  return { sql: `EXPLAIN (FORMAT JSON) SELECT 1 FROM incident_search s WHERE ${conditions.join(' AND ')}`, params };
}

/** Where a month walk (monthWalkSql) ended. */
export interface MonthWalk {
  /** Months (year × 100 + month) that hold matches, newest first. */
  hits: number[];
  /** Matches counted, at most `wanted` per month. */
  found: number;
  /** The newest month not examined (below the last one examined). */
  next: number;
}

/**
 * One statement that finds, newest month first, which months hold the first `wanted` matches of a date-sorted search
 * (after the cursor): a recursive walk from month `top` down to `floor` (both year × 100 + month), at most
 * `maxMonths` months, that counts each month's matches (at most `wanted`) until `wanted` are found. Each month's count
 * is one bitmap scan of the month-led text indexes (migration 1798900000000) with that month as the leading key, so an
 * empty month costs a fraction of a millisecond and the walk reads only the heap pages of the matches it counts.
 * @returns SQL whose single row is a MonthWalk (`hits`, `found`, `next`)
 */
export function monthWalkSql(
  search: IncidentSearch,
  after: SearchCursor | undefined,
  wanted: number,
  months: { top: number; floor: number; maxMonths: number },
): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const conditions = [...matchConditions(search, params, false).conditions, ...dateKeyset(after, params)];
  params.push(months.top, months.floor, months.maxMonths, wanted);
  const [top, floor, maxMonths, limit] = [params.length - 3, params.length - 2, params.length - 1, params.length].map((index) => `$${index}`);
  const sql = `WITH RECURSIVE walk(step, month, found, hits) AS (
      SELECT 0, ${top}::int, 0::bigint, '{}'::int[]
      UNION ALL
      SELECT w.step + 1, CASE WHEN w.month % 100 = 1 THEN w.month - 89 ELSE w.month - 1 END, w.found + c.n,
             CASE WHEN c.n > 0 THEN w.hits || w.month ELSE w.hits END
        FROM walk w
        CROSS JOIN LATERAL (SELECT count(*) AS n FROM (SELECT 1 FROM incident_search s
                             WHERE aisw_utc_month(s.occurred_at) = w.month AND ${conditions.join(' AND ')}
                             LIMIT ${limit}::int) m) c
       WHERE w.found < ${limit}::int AND w.month >= ${floor}::int AND w.step < ${maxMonths}::int)
    SELECT hits, found::int AS found, month AS next FROM walk ORDER BY step DESC LIMIT 1`;
  return { sql, params };
}

/**
 * Builds the SQL of a search: every incident of the read model that the principal may see (visibilityCondition),
 * with a status in `status`, inside the filters and, with `q`, matching every word of `q` either as a stemmed English
 * word (tsvector, GIN) or as a case-insensitive substring of title + description (pg_trgm GIN; this is what finds
 * Chinese words, which are not separated by spaces). Relevance (sort=relevance) is ts_rank (English words)
 * + the words' occurrences in title and description (each capped at 10, scaled to 0..1; this ranks Chinese too)
 * + 1 when the title holds every word, rounded to 6 decimals so the cursor can carry it exactly. (word_similarity
 * ranked as well but cost 290 ms for 2,200 matches of 100,000 incidents; these string counts cost a few ms.) Order: (relevance,) occurredAt, id, all descending; `after` continues strictly after
 * a cursor, so each match is returned once however many incidents are filed meanwhile.
 * When the words hold two neighbouring CJK characters, the substring branch also requires the row's CJK bigrams
 * (`aisw_cjk_bigrams(search_text)`, GIN index) to contain the words' bigrams: implied by the substring match, so it
 * changes no result, but lets a two-character Chinese word (no trigram) use an index instead of reading every row.
 * `window` restricts `occurred_at` to one slice or to some months (ListIncidentsHandler walks date-sorted searches
 * slice by slice); the month condition lets every text index (all three lead with the month) serve the slice.
 * @returns the SQL and its parameters; `limit` adds `LIMIT`
 */
export function incidentSearchSql(
  search: IncidentSearch,
  after?: SearchCursor,
  limit?: number,
  window: OccurredWindow = {},
): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const { conditions, relevance } = matchConditions(search, params);
  if (window.from) {
    params.push(window.from);
    conditions.push(`s.occurred_at >= $${params.length}::timestamptz`);
  }
  if (window.before) {
    params.push(window.before);
    conditions.push(`s.occurred_at < $${params.length}::timestamptz`);
  }
  if (window.months) {
    params.push(window.months);
    conditions.push(`aisw_utc_month(s.occurred_at) = ANY($${params.length}::int[])`);
  }
  const byRelevance = search.sort === 'relevance';
  let keyset = '';
  if (after) {
    params.push(after.occurredAt, after.id);
    const [at, id] = [`$${params.length - 1}::timestamptz`, `$${params.length}::uuid`];
    if (byRelevance) {
      params.push(after.relevance);
      keyset = `WHERE (x.relevance, x.occurred_at, x.incident_id) < ($${params.length}::numeric, ${at}, ${id})`;
    } else {
      keyset = `WHERE (x.occurred_at, x.incident_id) < (${at}, ${id})`;
    }
  }
  const order = `${byRelevance ? 'x.relevance DESC, ' : ''}x.occurred_at DESC, x.incident_id DESC`;
  if (limit !== undefined) params.push(limit);
  const sql = `SELECT x.* FROM (SELECT ${COLUMNS}, ${relevance}::text AS relevance_key, ${relevance} AS relevance
                 FROM incident_search s WHERE ${conditions.join(' AND ')}) x
               ${keyset} ORDER BY ${order}${limit !== undefined ? ` LIMIT $${params.length}` : ''}`;
  return { sql, params };
}

/** Fingerprint of a search (without the principal), so a cursor is only accepted by the query that made it. */
function fingerprint(search: IncidentSearch): string {
  const { q, filters, from, to, status, sort } = search;
  const canonical = canonicalize({ q: q?.trim() ?? null, filters, from: from?.toISOString() ?? null, to: to?.toISOString() ?? null, status, sort }) ?? '';
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 16);
}

/** Opaque `nextCursor`: base64url JSON of the sort key and the search's fingerprint. */
export function encodeCursor(search: IncidentSearch, cursor: SearchCursor): string {
  return Buffer.from(JSON.stringify({ f: fingerprint(search), ...cursor }), 'utf8').toString('base64url');
}

/** Decodes `after`; 400 (`after`) when it is malformed or belongs to another query. */
export function decodeCursor(search: IncidentSearch, after: string): SearchCursor {
  const invalid = (): never => {
    throw new RequestValidationError([{ field: 'after', messages: ['after must be the nextCursor of a previous page of the same query'] }]);
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
  } catch {
    return invalid();
  }
  const { f, relevance, occurredAt, id } = (parsed ?? {}) as Record<string, unknown>;
  const valid =
    f === fingerprint(search) &&
    typeof occurredAt === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(occurredAt) &&
    typeof id === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id) &&
    (search.sort !== 'relevance' || (typeof relevance === 'string' && /^\d{1,6}\.\d{6}$/.test(relevance)));
  if (!valid) return invalid();
  return { occurredAt, id, relevance: relevance as string | undefined };
}
