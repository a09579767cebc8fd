import { pipeline, Transform, type Readable } from 'node:stream';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { stringify } from 'csv-stringify';
import type { PoolClient } from 'pg';
import QueryStream from 'pg-query-stream';
import { DataSource } from 'typeorm';
import { incidentSearchSql } from './incident-search.sql.js';
import { toSearchItem, type IncidentSearchRow } from './incident-search-row.js';
import { ExportIncidentsCsvQuery } from './list-incidents.query.js';

/** Rows fetched from PostgreSQL per round trip (a server-side cursor; memory stays bounded by this). */
const BATCH_SIZE = 500;

/** CSV columns, in order. `harmTypes` joins the codes with `;`. */
export const CSV_COLUMNS = [
  'id', 'title', 'description', 'occurredAt', 'filedAt', 'country', 'language', 'sector', 'tlp', 'status', 'version',
  'reportingOrganisation', 'mechanism', 'magnitude', 'source', 'harmTypes', 'severity', 'urgency', 'lifecycleStage', 'relevance',
] as const;

/**
 * Neutralises CSV (formula) injection: a text cell starting with `=`, `+`, `-`, `@`, tab or carriage return is
 * prefixed with `'`, so a spreadsheet shows it as text instead of evaluating it (OWASP, "CSV Injection").
 */
export function neutraliseCsvCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * Streams every match of the search as CSV (RFC 4180, header row, UTF-8) with csv-stringify, reading the rows
 * through pg-query-stream (a server-side cursor, BATCH_SIZE rows at a time) on a connection of its own, released when
 * the stream ends, fails or is destroyed (e.g. the client went away). Order as in incident-search.sql.ts.
 */
@QueryHandler(ExportIncidentsCsvQuery)
export class ExportIncidentsCsvHandler implements IQueryHandler<ExportIncidentsCsvQuery> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute({ search }: ExportIncidentsCsvQuery): Promise<Readable> {
    const { sql, params } = incidentSearchSql(search);
    const runner = this.dataSource.createQueryRunner('slave');
    const client = (await runner.connect()) as PoolClient;
    const rows = client.query(new QueryStream(sql, params, { batchSize: BATCH_SIZE }));
    const withRelevance = Boolean(search.q?.trim());
    const toRecord = new Transform({
      objectMode: true,
      transform(row: IncidentSearchRow, _encoding, done) {
        const item = toSearchItem(row, withRelevance);
        const record = { ...item, ...item.labels, harmTypes: item.harmTypes.join(';') };
        done(null, CSV_COLUMNS.map((column) => {
          const value = record[column];
          return typeof value === 'string' ? neutraliseCsvCell(value) : value;
        }));
      },
    });
    const csv = stringify({ header: true, columns: [...CSV_COLUMNS], bom: false });
    return pipeline(rows, toRecord, csv, () => void runner.release());
  }
}
