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

/** A half-open slice [from, before) of `occurred_at` (either end open when omitted): one step of a date-sorted walk. */
export interface OccurredWindow {
  from?: Date;
  before?: Date;
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
 * `window` restricts `occurred_at` to one slice (ListIncidentsHandler walks date-sorted searches slice by slice).
 * @returns the SQL and its parameters; `limit` adds `LIMIT`
 */
export function incidentSearchSql(
  search: IncidentSearch,
  after?: SearchCursor,
  limit?: number,
  window: OccurredWindow = {},
): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  params.push(search.status);
  const conditions = [`s.status = ANY($1::text[])`, visibilityCondition(search.principal, params), ...filterConditions(search.filters, params, search)];
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
    const occurrences = terms.map((term) => {
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
    relevance = `round((ts_rank(s.search_vector, ${tsQuery}) + (${occurrences.join(' + ')}) / ${10 * terms.length}.0
      + CASE WHEN ${likes.map((like) => `lower(s.title) LIKE ${like}`).join(' AND ')} THEN 1 ELSE 0 END)::numeric, 6)`;
  } else if (search.sort === 'relevance') {
    throw new RequestValidationError([{ field: 'sort', messages: ['sort=relevance needs q'] }]);
  }
  if (window.from) {
    params.push(window.from);
    conditions.push(`s.occurred_at >= $${params.length}::timestamptz`);
  }
  if (window.before) {
    params.push(window.before);
    conditions.push(`s.occurred_at < $${params.length}::timestamptz`);
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
