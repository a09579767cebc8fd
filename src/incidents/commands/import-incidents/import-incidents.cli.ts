import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ApiKeysService, type Principal } from '../../../auth/api-keys.service.js';
import { ImportIncidentsCommand, MAX_BATCH_ROWS, type ImportRowResult } from './import-incidents.command.js';
import { IMPORT_FORMATS, mapRecords, type ImportDefaults, type ImportFormat } from './incident-record-formats.js';

/** Name of the API key row the CLI files under: revoked at once (nobody can call the API with it), it only names the filer. */
const CLI_FILER_NAME = 'cli incidents:import';

export interface ImportFileOptions extends ImportDefaults {
  format?: string;
}

/** `--format`, or from the file name: `.csv` → aiid-csv, `.json` → aiid-json. Errors: Error naming the choices. */
export function importFormatOf(file: string, format: string | undefined): ImportFormat {
  const chosen = format ?? (extname(file).toLowerCase() === '.csv' ? 'aiid-csv' : 'aiid-json');
  if (!IMPORT_FORMATS.includes(chosen as ImportFormat)) throw new Error(`--format must be one of ${IMPORT_FORMATS.join(', ')}`);
  return chosen as ImportFormat;
}

/** The CLI's stable filer: the same key id on every run, so re-imports are recognised by their source ids. */
async function cliFiler(context: INestApplicationContext): Promise<Principal> {
  const dataSource = context.get<DataSource>(getDataSourceToken());
  const [existing] = await dataSource.query<Array<{ id: string }>>(
    `SELECT id FROM api_keys WHERE name = $1 AND role = 'regulator' ORDER BY created_at, id LIMIT 1`,
    [CLI_FILER_NAME],
  );
  let keyId = existing?.id;
  if (!keyId) {
    const keys = context.get(ApiKeysService);
    keyId = (await keys.issue({ name: CLI_FILER_NAME, role: 'regulator' })).id;
    await keys.revoke(keyId);
  }
  return { keyId, name: CLI_FILER_NAME, role: 'regulator', partnerId: null };
}

const describeRow = (row: ImportRowResult): string =>
  row.status === 'rejected'
    ? `row ${row.row} ${row.sourceId ?? '-'} rejected: ${(row.errors ?? []).map((error) => `${error.field}: ${error.messages.join('; ')}`).join(' | ')}`
    : `row ${row.row} ${row.sourceId} ${row.status} ${row.incidentId}`;

/**
 * `incidents:import <file>`: reads the file, files its records in batches of MAX_BATCH_ROWS through
 * ImportIncidentsCommand (the path of `POST /incidents:batch`), prints one line per row and a JSON summary.
 * Returns the exit code: 0 when no row was rejected, 1 otherwise. The running app's outbox relay disseminates.
 */
export async function importIncidentsFile(context: INestApplicationContext, file: string, options: ImportFileOptions): Promise<number> {
  const format = importFormatOf(file, options.format);
  const content = await readFile(file, 'utf8');
  const records =
    format === 'aiid-csv'
      ? mapRecords(format, { csv: content }, options)
      : mapRecords(format, { records: JSON.parse(content) as Array<Record<string, unknown>> }, options);
  const filer = await cliFiler(context);
  const correlationId = randomUUID();
  const totals = { total: 0, accepted: 0, duplicates: 0, rejected: 0 };
  for (let start = 0; start < records.length; start += MAX_BATCH_ROWS) {
    const report = await context.get(CommandBus).execute(new ImportIncidentsCommand(records.slice(start, start + MAX_BATCH_ROWS), filer, correlationId));
    for (const row of report.rows) console.log(describeRow(row));
    totals.total += report.total;
    totals.accepted += report.accepted;
    totals.duplicates += report.duplicates;
    totals.rejected += report.rejected;
  }
  console.log(JSON.stringify({ file, format, ...totals }));
  return totals.rejected > 0 ? 1 : 0;
}
