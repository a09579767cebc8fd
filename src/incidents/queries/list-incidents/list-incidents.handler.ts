import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { decodeCursor, encodeCursor, incidentSearchSql, type IncidentSearch, type OccurredWindow, type SearchCursor } from './incident-search.sql.js';
import { toSearchItem, type IncidentSearchRow } from './incident-search-row.js';
import { ListIncidentsQuery, type IncidentSearchPage } from './list-incidents.query.js';

const DAY_MS = 86_400_000;
/** The newest slice of a date-sorted search with words: days below the newest incident (or the cursor). */
const FIRST_WINDOW_DAYS = 30;

/**
 * One keyset page of an incident search over the `incident_search` read model (incident-search.sql.ts): fetches
 * `limit + 1` rows to know whether another page follows. 400 (`after`) for a cursor of another query.
 *
 * A date-sorted search with words runs in two slices of `occurred_at`: the newest 30 days (below the newest incident
 * or the cursor, open above), then, only if that slice had fewer than `limit + 1` matches, everything older with
 * index scans off (`SET LOCAL enable_indexscan = off`), so PostgreSQL collects the matches from the text indexes
 * (bitmap scans) and sorts them. Without this the planner walks the date index row by row, testing each row for the
 * words, and reads most of the table when the matches are old: 4.7 s for "facial recognition" and 15 s for "算法" at
 * 1,000,000 incidents (docs/benchmarks.md). The two slices are disjoint and cover the whole line, and each keeps the
 * order and the cursor condition, so the page is exactly the first `limit + 1` rows of the unsliced query
 * (test/integration/incident-search-paging.int-spec.ts).
 */
@QueryHandler(ListIncidentsQuery)
export class ListIncidentsHandler implements IQueryHandler<ListIncidentsQuery> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute({ search, limit, after }: ListIncidentsQuery): Promise<IncidentSearchPage> {
    const cursor = after === undefined ? undefined : decodeCursor(search, after);
    const rows = search.q?.trim() && search.sort === 'date' ? await this.walkByDate(search, cursor, limit + 1) : await this.rows(search, cursor, limit + 1);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((row) => toSearchItem(row, Boolean(search.q?.trim()))),
      nextCursor:
        rows.length > limit
          ? encodeCursor(search, { occurredAt: last.occurred_at_key, id: last.incident_id, ...(search.sort === 'relevance' ? { relevance: last.relevance_key } : {}) })
          : null,
    };
  }

  private rows(search: IncidentSearch, cursor: SearchCursor | undefined, wanted: number, window?: OccurredWindow): Promise<IncidentSearchRow[]> {
    const { sql, params } = incidentSearchSql(search, cursor, wanted, window);
    return this.dataSource.query<IncidentSearchRow[]>(sql, params);
  }

  /** The first `wanted` rows of a date-sorted search with words, in two slices (see the class comment). */
  private async walkByDate(search: IncidentSearch, cursor: SearchCursor | undefined, wanted: number): Promise<IncidentSearchRow[]> {
    const [bounds] = await this.dataSource.query<Array<{ newest: Date | null }>>('SELECT max(occurred_at) AS newest FROM incident_search');
    if (!bounds?.newest) return [];
    const top = Math.min(cursor ? Date.parse(cursor.occurredAt) : Infinity, search.to?.getTime() ?? Infinity, new Date(bounds.newest).getTime());
    // A cursor that does not parse as a date (cannot happen after decodeCursor) would give NaN: one unsliced query.
    if (!Number.isFinite(top)) return this.rows(search, cursor, wanted);
    const boundary = new Date(top - FIRST_WINDOW_DAYS * DAY_MS);
    const newest = await this.rows(search, cursor, wanted, { from: boundary });
    if (newest.length >= wanted || (search.from && search.from >= boundary)) return newest;
    const older = await this.dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL enable_indexscan = off');
      const { sql, params } = incidentSearchSql(search, cursor, wanted - newest.length, { before: boundary });
      return manager.query<IncidentSearchRow[]>(sql, params);
    });
    return [...newest, ...older];
  }
}
