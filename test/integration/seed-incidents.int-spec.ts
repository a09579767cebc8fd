import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { classifyIncident, type ClassifierInput } from '@app/taxonomy';
import { seedIncidents, type SeedProgress } from '../../scripts/seed/seed-incidents.js';
import { request } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface DemoFiling {
  title: string;
  description: string;
  harmDescription?: string;
  language: 'en' | 'zh';
  sector?: string;
  aiSystemName?: string;
  country: string;
  tlp: string;
}

const demo = (JSON.parse(readFileSync('deploy/demo/incidents.json', 'utf8')) as Array<{ filing: DemoFiling }>).map((entry) => entry.filing);
const COUNT = 300;

/**
 * The incident generator of the query benchmarks (scripts/seed/seed-incidents.ts) against the real PostgreSQL: it
 * writes incidents, their classification and the search read model the app answers from, never outbox rows, copies
 * real filings with their real classification, and is deterministic for a seed.
 */
describe('incident seed generator', () => {
  let sut: TestApp;
  let dataSource: DataSource;
  let analystKey: string;
  let databaseUrl: string;
  const progress: SeedProgress[] = [];

  beforeAll(async () => {
    sut = await startTestApp('seed');
    dataSource = sut.app.get<DataSource>(getDataSourceToken());
    analystKey = await sut.issueKey('analyst');
    const options = dataSource.options as { url: string };
    databaseUrl = options.url;
    await seedIncidents({ databaseUrl, count: COUNT, seed: 7, batchSize: 120, onProgress: (step) => progress.push(step) });
  });

  afterAll(async () => {
    await sut?.close();
  });

  const count = async (table: string): Promise<number> =>
    ((await dataSource.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM ${table}`))[0]).n;

  it('writes each incident, one classification and its read-model row, and nothing to disseminate', async () => {
    expect(await count('incidents')).toBe(COUNT);
    expect(await count('incident_classifications')).toBe(COUNT);
    expect(await count('incident_search')).toBe(COUNT);
    expect(await count('outbox_messages')).toBe(0);
    expect(progress.map((step) => step.seeded)).toEqual([120, 240, 300]);
    // The read model's indexes, dropped for the load, are back.
    const indexes = await dataSource.query<Array<{ indexname: string }>>(`SELECT indexname FROM pg_indexes WHERE tablename = 'incident_search' ORDER BY 1`);
    expect(indexes.map((row) => row.indexname)).toEqual(
      expect.arrayContaining(['ix_incident_search_month_text_trgm', 'ix_incident_search_month_vector', 'ix_incident_search_occurred_at', 'ix_incident_search_trends']),
    );
  });

  it('copies a real filing with its classifier labels, its text extended by a reference only', async () => {
    const rows = await dataSource.query<Array<{ id: string; title: string; description: string; country: string; tlp: string; mechanism: string; sector: string }>>(
      `SELECT i.id, i.title, i.description, i.country, i.tlp, s.mechanism, s.sector
         FROM incidents i JOIN incident_search s ON s.incident_id = i.id ORDER BY i.id LIMIT 25`,
    );
    for (const row of rows) {
      const filing = demo.find((candidate) => candidate.title === row.title && row.description.startsWith(candidate.description));
      expect(filing).toBeDefined();
      expect(row.description.slice(filing!.description.length)).toMatch(/^( Filing reference [0-9a-z]{6}\.|（备案编号 [0-9a-z]{6}）)$/);
      const expected = classifyIncident({ ...filing!, sector: filing!.sector as ClassifierInput['sector'] });
      expect({ country: row.country, tlp: row.tlp, mechanism: row.mechanism, sector: row.sector }).toEqual({
        country: filing!.country,
        tlp: filing!.tlp,
        mechanism: expected.mechanism.label,
        sector: expected.sector.label,
      });
    }
  });

  it('is what the analysts query: trends count every incident they may see, search finds the copies', async () => {
    const visible = (await dataSource.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM incidents WHERE tlp <> 'RED'`))[0].n;
    const trends = await request<{ total: number }>('GET', `${sut.baseUrl}/trends?interval=year&groupBy=mechanism&from=1970-01-01&to=2027-12-31`, { key: analystKey });
    expect(trends.status).toBe(200);
    expect(trends.body.total).toBe(visible);
    const incident = (await dataSource.query<Array<{ id: string; title: string }>>(`SELECT id, title FROM incidents WHERE tlp = 'CLEAR' ORDER BY id LIMIT 1`))[0];
    const detail = await request<{ incident: { id: string; title: string }; deliveries: unknown[] }>('GET', `${sut.baseUrl}/incidents/${incident.id}`, { key: analystKey });
    expect(detail.status).toBe(200);
    expect(detail.body.incident.title).toBe(incident.title);
    expect(detail.body.deliveries).toEqual([]);
    const chinese = (await dataSource.query<Array<{ title: string }>>(`SELECT title FROM incidents WHERE language = 'zh' AND tlp <> 'RED' ORDER BY id LIMIT 1`))[0];
    const q = chinese.title.slice(0, 4);
    const found = await request<{ items: Array<{ title: string }> }>('GET', `${sut.baseUrl}/incidents?limit=20&q=${encodeURIComponent(q)}`, { key: analystKey });
    expect(found.status).toBe(200);
    expect(found.body.items.length).toBeGreaterThan(0);
    for (const item of found.body.items) expect(item.title).toContain(q);
  });

  it('is deterministic: the same seed draws the same incidents, so seeding it again is refused and writes nothing', async () => {
    await expect(seedIncidents({ databaseUrl, count: 10, seed: 7 })).rejects.toThrow(/duplicate key/);
    expect(await count('incidents')).toBe(COUNT);
    expect(await count('incident_search')).toBe(COUNT);
  });
});
