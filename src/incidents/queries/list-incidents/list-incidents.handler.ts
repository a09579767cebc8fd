import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { decodeCursor, encodeCursor, incidentSearchSql, type IncidentSearch, type OccurredWindow, type SearchCursor } from './incident-search.sql.js';
import { toSearchItem, type IncidentSearchRow } from './incident-search-row.js';
import { ListIncidentsQuery, type IncidentSearchPage } from './list-incidents.query.js';

const DAY_MS = 86_400_000;
/** First slice of a date-sorted walk (days before the newest incident or the cursor), then each slice GROWTH × longer. */
const FIRST_WINDOW_DAYS = 30;
const GROWTH = 4;

/**
 * One keyset page of an incident search over the `incident_search` read model (incident-search.sql.ts): fetches
 * `limit + 1` rows to know whether another page follows. 400 (`after`) for a cursor of another query.
 *
 * A date-sorted search with words walks `occurred_at` in slices, newest first (30 days below the newest incident or
 * the cursor, then 4× longer each time, the last one open-ended), with the same query restricted to each slice, until
 * `limit + 1` rows are found. Without it the planner walks the date index row by row, testing each for the words, and
 * reads most of the table when the matches are old (docs/benchmarks.md); within a slice it can intersect the text
 * indexes with the date range. The slices are disjoint, half-open and cover the whole line, and each keeps the order
 * and the cursor condition, so the page is exactly the first `limit + 1` rows of the unsliced query.
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

  /** The first `wanted` rows of a date-sorted search, slice by slice (see the class comment). */
  private async walkByDate(search: IncidentSearch, cursor: SearchCursor | undefined, wanted: number): Promise<IncidentSearchRow[]> {
    // Two ends of the date index: where to start and where the last slice may stop being bounded.
    const [bounds] = await this.dataSource.query<Array<{ oldest: Date | null; newest: Date | null }>>(
      'SELECT min(occurred_at) AS oldest, max(occurred_at) AS newest FROM incident_search',
    );
    if (!bounds?.newest || !bounds.oldest) return [];
    const top = Math.min(
      cursor ? Date.parse(cursor.occurredAt) : Infinity,
      search.to?.getTime() ?? Infinity,
      new Date(bounds.newest).getTime(),
    );
    const bottom = Math.max(new Date(bounds.oldest).getTime(), search.from?.getTime() ?? -Infinity);
    const found: IncidentSearchRow[] = [];
    let before: Date | undefined;
    let span = FIRST_WINDOW_DAYS * DAY_MS;
    for (;;) {
      const lower = (before?.getTime() ?? top) - span;
      // The last slice is open below, so nothing older than `bottom` (or inserted meanwhile) can be missed.
      const from = lower > bottom ? new Date(lower) : undefined;
      found.push(...(await this.rows(search, cursor, wanted - found.length, { from, before })));
      if (found.length >= wanted || !from) return found;
      before = from;
      span *= GROWTH;
    }
  }
}
