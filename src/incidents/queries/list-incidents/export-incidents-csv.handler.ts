import { pipeline, Transform, type Readable } from 'node:stream';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { stringify } from 'csv-stringify';
import type { PoolClient } from 'pg';
import QueryStream from 'pg-query-stream';
import { DataSource } from 'typeorm';
import { auditContext } from '../../../audit/audit-context.js';
import { AuditLog } from '../../../audit/audit-log.service.js';
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
 * Streams every match of the search as CSV (RFC 4180, header row, UTF-8, a byte order mark first when `bom`) with csv-stringify, reading the rows
 * through pg-query-stream (a server-side cursor, BATCH_SIZE rows at a time) on a connection of its own, released when
 * the stream ends, fails or is destroyed (e.g. the client went away). Order as in incident-search.sql.ts. Each
 * AMBER+STRICT or RED incident exported is recorded as read in the audit log (one entry each, appended per chunk of
 * BATCH_SIZE rows) before its record is written.
 */
@QueryHandler(ExportIncidentsCsvQuery)
export class ExportIncidentsCsvHandler implements IQueryHandler<ExportIncidentsCsvQuery> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly auditLog: AuditLog,
  ) {}

  async execute({ search, bom }: ExportIncidentsCsvQuery): Promise<Readable> {
    const { sql, params } = incidentSearchSql(search);
    const runner = this.dataSource.createQueryRunner('slave');
    const client = (await runner.connect()) as PoolClient;
    const rows = client.query(new QueryStream(sql, params, { batchSize: BATCH_SIZE }));
    const withRelevance = Boolean(search.q?.trim());
    // Stream callbacks run outside the request's async context: the reader is captured now.
    const reader = auditContext.getStore();
    const auditLog = this.auditLog;
    let held: IncidentSearchRow[] = [];
    const toRecord = new Transform({
      objectMode: true,
      // Rows wait in chunks of BATCH_SIZE until the chunk's AMBER+STRICT and RED reads are committed to the audit log
      // (one append for the chunk), then leave as CSV records.
      transform(row: IncidentSearchRow, _encoding, done) {
        held.push(row);
        if (held.length < BATCH_SIZE) return done();
        release(this).then(() => done(), done);
      },
      flush(done) {
        release(this).then(() => done(), done);
      },
    });
    const release = async (stream: Transform): Promise<void> => {
      const chunk = held;
      held = [];
      await auditLog.recordIncidentReads(chunk.map((row) => ({ id: row.incident_id, tlp: row.tlp })), reader);
      for (const row of chunk) {
        const item = toSearchItem(row, withRelevance);
        const record = { ...item, ...item.labels, harmTypes: item.harmTypes.join(';') };
        stream.push(CSV_COLUMNS.map((column) => {
          const value = record[column];
          return typeof value === 'string' ? neutraliseCsvCell(value) : value;
        }));
      }
    };
    const csv = stringify({ header: true, columns: [...CSV_COLUMNS], bom });
    return pipeline(rows, toRecord, csv, () => void runner.release());
  }
}
