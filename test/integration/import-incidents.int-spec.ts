import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import type { ImportReport } from '../../src/incidents/commands/import-incidents/import-incidents.command.js';
import { importIncidentsFile } from '../../src/incidents/commands/import-incidents/import-incidents.cli.js';
import { request } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

// Verbatim slices of the real AIID and OECD AIM exports (test/fixtures/import/NOTICE.md: sources, licences).
const dataFile = (name: string) => readFile(join(process.cwd(), 'test/fixtures/import', name), 'utf8');

/** The header and the first `count` records of a real CSV export, as raw CSV text (quoting kept as published). */
async function csvSlice(name: string, count: number): Promise<{ header: string; rows: string[]; records: Array<Record<string, string>> }> {
  const content = await dataFile(name);
  const parsed = parse<{ record: Record<string, string>; raw: string }>(content, { columns: true, raw: true, bom: true });
  const header = content.slice(0, content.indexOf('\n'));
  const slice = parsed.slice(0, count);
  return { header, rows: slice.map((entry) => entry.raw.replace(/\r?\n$/, '')), records: slice.map((entry) => entry.record) };
}

/**
 * Batch import against the real PostgreSQL and Kafka: a slice of the real AI Incident Database export with a bad
 * row is filed row by row through the filing path (classification, outbox, alerts), re-importing creates nothing,
 * and the limits answer 413/400.
 */
describe('POST /incidents:batch and the incidents:import CLI', () => {
  let sut: TestApp;
  let regulatorKey: string;
  let slice: Awaited<ReturnType<typeof csvSlice>>;
  let csv: string;
  const BAD_ROW = 3;

  const importBatch = (body: unknown, key = regulatorKey) => request<ImportReport & { code?: string; errors?: Array<{ field: string }> }>('POST', `${sut.baseUrl}/incidents:batch`, { key, body });

  beforeAll(async () => {
    sut = await startTestApp('import');
    const adminKey = await sut.issueKey('admin');
    regulatorKey = await sut.issueKey('regulator');
    const partner = await request('POST', `${sut.baseUrl}/partners`, { key: adminKey, body: { slug: 'import-watcher', name: 'import watcher', country: 'SG', subscriptions: [{ all: true }] } });
    expect(partner.status).toBe(201);
    slice = await csvSlice('aiid-incidents-slice.csv', 6);
    // The third record gets an impossible date: a bad row among real ones.
    const rows = slice.rows.map((row, index) => (index === BAD_ROW - 1 ? row.replace(`,${slice.records[index].date},`, ',2019-02-30,') : row));
    csv = [slice.header, ...rows].join('\n');
  });

  afterAll(() => sut?.close());

  it('files every good row of a real AIID CSV slice, reports the bad one by field, and disseminates the filed ones', async () => {
    const response = await importBatch({ format: 'aiid-csv', csv, country: 'US', tlp: 'GREEN' });
    expect(response.status).toBe(200);
    expect([response.body.total, response.body.accepted, response.body.duplicates, response.body.rejected]).toEqual([6, 5, 0, 1]);
    const bad = response.body.rows[BAD_ROW - 1];
    expect(bad).toMatchObject({ status: 'rejected', sourceId: `aiid:${slice.records[BAD_ROW - 1].incident_id}` });
    expect(bad.errors?.map((error) => error.field)).toEqual(['occurredAt']);
    expect(bad.incidentId).toBeUndefined();

    const accepted = response.body.rows.filter((row) => row.status === 'accepted');
    expect(accepted.map((row) => row.sourceId)).toEqual(slice.records.filter((_, index) => index !== BAD_ROW - 1).map((record) => `aiid:${record.incident_id}`));
    const first = slice.records[0];
    const view = await request<{ incident: { title: string; occurredAt: string; country: string; sourceUrls: string[]; developer: string }; classification: { mechanism: { label: string } } }>(
      'GET',
      `${sut.baseUrl}/incidents/${accepted[0].incidentId}`,
      { key: regulatorKey },
    );
    expect(view.body.incident).toMatchObject({ title: first.title, country: 'US', sourceUrls: [`https://incidentdatabase.ai/cite/${first.incident_id}/`] });
    expect(view.body.incident.occurredAt.slice(0, 10)).toBe(first.date);
    expect(typeof view.body.classification.mechanism.label).toBe('string');
    await waitFor(
      async () => (await request<{ deliveries: unknown[] }>('GET', `${sut.baseUrl}/incidents/${accepted[0].incidentId}`, { key: regulatorKey })).body.deliveries,
      (deliveries) => deliveries.length === 1,
      { description: 'the imported incident routed to the partner' },
    );

    const again = await importBatch({ format: 'aiid-csv', csv, country: 'US', tlp: 'GREEN' });
    expect([again.body.accepted, again.body.duplicates, again.body.rejected]).toEqual([0, 5, 1]);
    expect(again.body.rows.filter((row) => row.status === 'duplicate').map((row) => row.incidentId)).toEqual(accepted.map((row) => row.incidentId));
  });

  it('files OECD AIM records with their AIM page as source, and names missing fields of a bad record', async () => {
    const oecd = (await csvSlice('oecd-aim-slice.csv', 2)).records;
    const records = [...oecd.map(({ source_files: _files, ...record }) => record), { id: 'no-title-1', date: '2024-01-01', summary: 'A record without a title.' }];
    const response = await importBatch({ format: 'oecd-json', records, country: 'FR' });
    expect([response.body.accepted, response.body.rejected]).toEqual([2, 1]);
    expect(response.body.rows[2].errors?.map((error) => error.field)).toEqual(['title']);
    const view = await request<{ incident: { title: string; sourceUrls: string[] } }>('GET', `${sut.baseUrl}/incidents/${response.body.rows[0].incidentId}`, { key: regulatorKey });
    expect(view.body.incident).toEqual(expect.objectContaining({ title: oecd[0].title, sourceUrls: [`https://oecd.ai/en/incidents/${oecd[0].id}`] }));
  });

  it('refuses batches over 1,000 rows (413), malformed CSV and missing content (400 naming the field), and other roles (403)', async () => {
    const tooMany = await importBatch({ format: 'aiid-json', records: Array.from({ length: 1001 }, (_, index) => ({ incident_id: index + 1 })) });
    expect([tooMany.status, tooMany.body.code]).toEqual([413, 'IMPORT.TOO_MANY_ROWS']);
    const malformed = await importBatch({ format: 'aiid-csv', csv: `${slice.header}\n"unclosed,1,2017-01-01` });
    expect([malformed.status, malformed.body.errors?.map((error) => error.field)]).toEqual([400, ['csv']]);
    // In our words, naming the line and column; not csv-parse's "Quote Not Closed: the parsing is finished with…".
    const [problem] = (malformed.body.errors as unknown as Array<{ field: string; messages: string[] }>)[0].messages;
    expect(problem).toMatch(/^csv is not a well-formed CSV document \(RFC 4180\): a quoted value is never closed: the document ends inside it \(line 2, column _id\)/);
    expect(problem).not.toMatch(/Quote Not Closed|parsing is finished/);
    const missing = await importBatch({ format: 'aiid-csv' });
    expect([missing.status, missing.body.errors?.map((error) => error.field)]).toEqual([400, ['csv']]);
    const analyst = await importBatch({ format: 'aiid-csv', csv }, await sut.issueKey('analyst'));
    expect(analyst.status).toBe(403);
  });

  it('imports a file through the CLI path, and a second run files nothing twice', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'aisw-import-'));
    const lines: string[] = [];
    const log = jest.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    try {
      const file = join(directory, 'aiid-slice.csv');
      const more = await csvSlice('aiid-incidents-slice.csv', 9);
      await writeFile(file, [more.header, ...more.rows.slice(6)].join('\n'));
      expect(await importIncidentsFile(sut.app, file, { country: 'GB' })).toBe(0);
      expect(JSON.parse(lines.at(-1)!)).toMatchObject({ format: 'aiid-csv', total: 3, accepted: 3, duplicates: 0, rejected: 0 });
      expect(await importIncidentsFile(sut.app, file, { country: 'GB' })).toBe(0);
      expect(JSON.parse(lines.at(-1)!)).toMatchObject({ total: 3, accepted: 0, duplicates: 3 });
      expect(lines.filter((line) => line.startsWith('row ')).slice(-3).every((line) => line.includes(' duplicate '))).toBe(true);
    } finally {
      log.mockRestore();
      await rm(directory, { recursive: true, force: true });
    }
  });
});
