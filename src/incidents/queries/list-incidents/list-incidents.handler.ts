import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { decodeCursor, encodeCursor, incidentSearchSql } from './incident-search.sql.js';
import { toSearchItem, type IncidentSearchRow } from './incident-search-row.js';
import { ListIncidentsQuery, type IncidentSearchPage } from './list-incidents.query.js';

/**
 * One keyset page of an incident search over the `incident_search` read model (incident-search.sql.ts): fetches
 * `limit + 1` rows to know whether another page follows. 400 (`after`) for a cursor of another query.
 */
@QueryHandler(ListIncidentsQuery)
export class ListIncidentsHandler implements IQueryHandler<ListIncidentsQuery> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute({ search, limit, after }: ListIncidentsQuery): Promise<IncidentSearchPage> {
    const cursor = after === undefined ? undefined : decodeCursor(search, after);
    const { sql, params } = incidentSearchSql(search, cursor, limit + 1);
    const rows = await this.dataSource.query<IncidentSearchRow[]>(sql, params);
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
}
