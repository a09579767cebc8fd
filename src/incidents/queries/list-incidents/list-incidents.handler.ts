import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '../../../audit/audit-log.service.js';
import type { Environment } from '../../../config/environment.js';
import {
  decodeCursor,
  encodeCursor,
  incidentSearchSql,
  matchEstimateSql,
  monthWalkSql,
  searchableByMonth,
  type IncidentSearch,
  type MonthWalk,
  type OccurredWindow,
  type SearchCursor,
} from './incident-search.sql.js';
import { utcMonthKey } from '../../../read-models/incident-dimensions.js';
import { toSearchItem, type IncidentSearchRow } from './incident-search-row.js';
import { ListIncidentsQuery, type IncidentSearchPage } from './list-incidents.query.js';

/** Months a date-sorted search with words walks back one by one (10 years); older matches come from one statement. */
const WALK_MONTHS = 120;

/** First instant (UTC) of the month `key` (year × 100 + month) plus `offset` months. */
const monthStart = (key: number, offset = 0): Date => new Date(Date.UTC(Math.floor(key / 100), (key % 100) - 1 + offset, 1));

/**
 * One keyset page of an incident search over the `incident_search` read model (incident-search.sql.ts): fetches
 * `limit + 1` rows to know whether another page follows. 400 (`after`) for a cursor of another query. Each
 * AMBER+STRICT or RED incident on the page is recorded as read in the audit log (one entry each) before it is sent.
 *
 * A date-sorted search with words that PostgreSQL expects to match fewer than SEARCH_WALK_MIN_ESTIMATED_MATCHES
 * (default 2,000; EXPLAIN's estimate)
 * collects and sorts every match in one statement. One expected to match more walks back month by month from the
 * newest incident (or the cursor, or `to`), in
 * one recursive statement (monthWalkSql), counting each month's matches until the page is full, `from` or the oldest
 * incident is passed, or 120 months are walked; then reads the page from the months that hold matches. Each month
 * costs one bitmap scan of the text indexes, which lead with the UTC month (migration 1798900000000), so an empty
 * month costs a fraction of a millisecond. Matches older than the walk come from one statement without months, which
 * collects them from the text indexes and sorts them. Without the walk the planner either follows the date index row
 * by row, testing each row for the words (4.7 s for "facial recognition" and 15 s for "算法" at 1,000,000 incidents),
 * or collects every match of the store and sorts them (0.4 s and 0.13 s); docs/benchmarks.md. Index scans are off
 * in the walk's transaction (`SET LOCAL enable_indexscan = off`), so the statements take the text indexes' bitmaps,
 * never the date walk. The months read and the older rest are disjoint and keep the order and the cursor, so the page
 * is exactly the first `limit + 1` rows of the unsliced query (test/integration/incident-search-paging.int-spec.ts).
 * Words without a trigram or a CJK bigram (searchableByMonth) are searched in one statement.
 */
@QueryHandler(ListIncidentsQuery)
export class ListIncidentsHandler implements IQueryHandler<ListIncidentsQuery> {
  /**
   * Below this many matches (PostgreSQL's estimate; SEARCH_WALK_MIN_ESTIMATED_MATCHES) one statement collects and sorts
   * every match: cheaper than walking months that hold none (an empty month costs a bitmap scan, 0.2–1 ms at 1,000,000
   * incidents).
   */
  private readonly walkMinEstimatedMatches: number;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly auditLog: AuditLog,
    config: ConfigService<Environment, true>,
  ) {
    this.walkMinEstimatedMatches = config.get('SEARCH_WALK_MIN_ESTIMATED_MATCHES', { infer: true });
  }

  async execute({ search, limit, after }: ListIncidentsQuery): Promise<IncidentSearchPage> {
    const cursor = after === undefined ? undefined : decodeCursor(search, after);
    const q = search.q?.trim();
    const rows = q && search.sort === 'date' && searchableByMonth(q) ? await this.walkByMonth(search, cursor, limit + 1) : await this.rows(search, cursor, limit + 1);
    const page = rows.slice(0, limit);
    // Reads of AMBER+STRICT and RED incidents are audited before the page leaves, as GET /incidents/{id} audits them.
    await this.auditLog.recordIncidentReads(page.map((row) => ({ id: row.incident_id, tlp: row.tlp })));
    const last = page[page.length - 1];
    return {
      items: page.map((row) => toSearchItem(row, Boolean(q))),
      nextCursor:
        rows.length > limit
          ? encodeCursor(search, { occurredAt: last.occurred_at_key, id: last.incident_id, ...(search.sort === 'relevance' ? { relevance: last.relevance_key } : {}) })
          : null,
    };
  }

  private rows(search: IncidentSearch, cursor: SearchCursor | undefined, wanted: number): Promise<IncidentSearchRow[]> {
    const { sql, params } = incidentSearchSql(search, cursor, wanted);
    return this.dataSource.query<IncidentSearchRow[]>(sql, params);
  }

  /** The first `wanted` rows of a date-sorted search with words, month by month (see the class comment). */
  private async walkByMonth(search: IncidentSearch, cursor: SearchCursor | undefined, wanted: number): Promise<IncidentSearchRow[]> {
    const [bounds] = await this.dataSource.query<Array<{ newest: Date | null; oldest: Date | null }>>(
      'SELECT max(occurred_at) AS newest, min(occurred_at) AS oldest FROM incident_search',
    );
    if (!bounds?.newest || !bounds.oldest) return [];
    const top = Math.min(cursor ? Date.parse(cursor.occurredAt) : Infinity, search.to?.getTime() ?? Infinity, new Date(bounds.newest).getTime());
    // A cursor that does not parse as a date (cannot happen after decodeCursor) would give NaN: one unsliced query.
    if (!Number.isFinite(top)) return this.rows(search, cursor, wanted);
    const floor = utcMonthKey(new Date(Math.max(search.from?.getTime() ?? -Infinity, new Date(bounds.oldest).getTime())));
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL enable_indexscan = off');
      const estimate = matchEstimateSql(search, cursor);
      const [{ 'QUERY PLAN': plan }] = await manager.query<Array<{ 'QUERY PLAN': Array<{ Plan: { 'Plan Rows': number } }> }>>(estimate.sql, estimate.params);
      if (plan[0].Plan['Plan Rows'] < this.walkMinEstimatedMatches) {
        const { sql, params } = incidentSearchSql(search, cursor, wanted);
        return manager.query<IncidentSearchRow[]>(sql, params);
      }
      const walk = monthWalkSql(search, cursor, wanted, { top: utcMonthKey(new Date(top)), floor, maxMonths: WALK_MONTHS });
      const [{ hits, found, next }] = await manager.query<MonthWalk[]>(walk.sql, walk.params);
      const rows: IncidentSearchRow[] = [];
      const fetch = async (window: OccurredWindow): Promise<void> => {
        const { sql, params } = incidentSearchSql(search, cursor, wanted - rows.length, window);
        rows.push(...(await manager.query<IncidentSearchRow[]>(sql, params)));
      };
      if (hits.length > 0) await fetch({ months: hits });
      // The walk stopped at its length before the page was full: the rest is older than the last month it examined.
      if (found < wanted && next >= floor) await fetch({ before: monthStart(next, 1) });
      return rows;
    });
  }
}
