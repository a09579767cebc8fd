import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getDataSourceToken } from '@nestjs/typeorm';
import { parse } from 'csv-parse/sync';
import type { DataSource } from 'typeorm';
import { rebuildIncidentSearch } from '../../src/read-models/incident-search.projection.js';
import { request } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface Item {
  id: string;
  title: string;
  occurredAt: string;
  tlp: string;
  labels: Record<string, string>;
  relevance: number | null;
}
interface Page {
  items: Item[];
  nextCursor: string | null;
}
interface Trends {
  dimensions: string[];
  total: number;
  series: Array<{ keys: Record<string, string>; label: string; total: number }>;
  groups: string[];
  buckets: Array<{ period: string; start: string; end: string; total: number; counts: Record<string, number>; groups: Array<{ keys: Record<string, string>; count: number; share: number }> }>;
}

/** Search, trends, CSV export and the incident_search read model, against the real PostgreSQL (and Kafka for the app). */
describe('analyst queries (GET /incidents, GET /trends, CSV export, read model)', () => {
  let sut: TestApp;
  let regulatorKey: string;
  let otherRegulatorKey: string;
  let analystKey: string;
  let dataSource: DataSource;

  const filing = (overrides: Record<string, unknown>) => ({
    title: 'Chatbot gave wrong refund advice',
    description: 'A customer service chatbot invented a refund policy and customers lost money.',
    occurredAt: '1987-01-10',
    country: 'GB',
    language: 'en',
    reportingOrganisation: 'Test regulator',
    tlp: 'GREEN',
    ...overrides,
  });
  const file = async (body: Record<string, unknown>, key = regulatorKey): Promise<string> => {
    const filed = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, { key, body: filing(body) });
    expect(filed.status).toBe(201);
    return filed.body.id;
  };
  const search = (query: string, key = analystKey) => request<Page>('GET', `${sut.baseUrl}/incidents?${query}`, { key });
  const allPages = async (query: string, between?: () => Promise<void>): Promise<Item[]> => {
    const items: Item[] = [];
    let after: string | null = null;
    do {
      const page = await search(`${query}${after ? `&after=${encodeURIComponent(after)}` : ''}`);
      expect(page.status).toBe(200);
      items.push(...page.body.items);
      after = page.body.nextCursor;
      if (after && between) await between();
    } while (after);
    return items;
  };
  const trends = (query: string, key = analystKey) => request<Trends>('GET', `${sut.baseUrl}/trends?${query}`, { key });

  beforeAll(async () => {
    sut = await startTestApp('analyst-queries');
    regulatorKey = await sut.issueKey('regulator');
    otherRegulatorKey = await sut.issueKey('regulator');
    analystKey = await sut.issueKey('analyst');
    dataSource = sut.app.get<DataSource>(getDataSourceToken());
  });

  afterAll(() => sut?.close());

  it('finds a filing right after it is filed, and finds Chinese words as substrings of unspaced text', async () => {
    const id = await file({
      title: '某市地铁站使用人脸识别系统误认乘客',
      description: '该系统在高峰时段多次将乘客误认为在逃人员，导致乘客被拦截盘查。',
      language: 'zh',
      country: 'CN',
      occurredAt: '1986-05-04',
    });
    // Read model written in the filing's transaction: no wait needed.
    expect((await search(`q=${encodeURIComponent('人脸识别')}`)).body.items.map((item) => item.id)).toEqual([id]);
    expect((await search(`q=${encodeURIComponent('误认为在逃')}`)).body.items.map((item) => item.id)).toEqual([id]);
    expect((await search(`q=${encodeURIComponent('人脸 乘客')}&sort=relevance`)).body.items.map((item) => item.id)).toEqual([id]);
    expect((await search(`q=${encodeURIComponent('人脸识别')}&country=US`)).body.items).toEqual([]);
    expect((await search(`q=${encodeURIComponent('声纹识别')}`)).body.items).toEqual([]);
    // English: stemmed words and case-insensitive substrings.
    const english = await file({ title: 'Autonomous DRIVING shuttle hits a cyclist', description: 'The drivers of the shuttle service were absent.', occurredAt: '1986-05-05' });
    expect((await search('q=driver')).body.items.map((item) => item.id)).toContain(english);
    expect((await search('q=driving%20cyclist')).body.items.map((item) => item.id)).toEqual([english]);
  });

  it('pages by keyset over more than one page, returning each match exactly once while new incidents are filed', async () => {
    const filed = [];
    for (let index = 0; index < 12; index += 1) {
      filed.push(await file({ title: `Quokkabot incident ${index}`, description: `The quokkabot misrouted parcels, case ${index}.`, occurredAt: `1985-0${1 + (index % 3)}-1${index % 2}` }));
    }
    let arrivals = 0;
    const fileMeanwhile = async () => {
      arrivals += 1;
      await file({ title: `Quokkabot late incident ${arrivals}`, description: 'The quokkabot failed again.', occurredAt: `1985-02-1${arrivals % 2}` });
    };
    for (const sort of ['date', 'relevance']) {
      const items = await allPages(`q=quokkabot&sort=${sort}&limit=5`, fileMeanwhile);
      const ids = items.map((item) => item.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(expect.arrayContaining(filed));
      if (sort === 'date') {
        const dates = items.map((item) => item.occurredAt);
        expect([...dates].sort().reverse()).toEqual(dates);
      } else {
        const scores = items.map((item) => item.relevance!);
        expect([...scores].sort((a, b) => b - a)).toEqual(scores);
      }
    }
    expect(arrivals).toBeGreaterThanOrEqual(4);
    const bad = await search('q=quokkabot&sort=relevance&after=bm90LWEtY3Vyc29y');
    expect(bad.status).toBe(400);
    const firstPage = await search('q=quokkabot&limit=2');
    const otherQuery = await search(`q=parcels&limit=2&after=${encodeURIComponent(firstPage.body.nextCursor!)}`);
    expect(otherQuery.status).toBe(400);
  });

  it('groups trends by two dimensions with empty buckets as zeros and shares summing to 1', async () => {
    const filings = [
      { occurredAt: '1984-01-05', tlp: 'GREEN' },
      { occurredAt: '1984-01-20', tlp: 'CLEAR', title: 'Deepfake video used to defraud a bank', description: 'Criminals used a deepfake voice to order a transfer.' },
      { occurredAt: '1984-01-25', tlp: 'AMBER' },
      { occurredAt: '1984-03-02', tlp: 'GREEN' },
    ];
    for (const body of filings) await file(body);
    const listed = (await search('from=1984-01-01&to=1984-03-31&limit=100')).body.items;
    expect(listed).toHaveLength(filings.length);

    const response = await trends('interval=month&groupBy=mechanism,tlp&from=1984-01-01&to=1984-03-31');
    expect(response.status).toBe(200);
    const view = response.body;
    expect(view.dimensions).toEqual(['mechanism', 'tlp']);
    expect(view.buckets.map((bucket) => bucket.start)).toEqual(['1984-01-01T00:00:00.000Z', '1984-02-01T00:00:00.000Z', '1984-03-01T00:00:00.000Z']);
    expect(view.buckets[0].end).toBe('1984-02-01T00:00:00.000Z');
    // every (mechanism, tlp) pair is a series: 3 mechanism labels × 5 TLP markings
    expect(view.series).toHaveLength(15);
    const february = view.buckets[1];
    expect(february.total).toBe(0);
    expect(february.groups.every((group) => group.count === 0 && group.share === 0)).toBe(true);
    for (const bucket of [view.buckets[0], view.buckets[2]]) {
      expect(bucket.groups.reduce((sum, group) => sum + group.share, 0)).toBeCloseTo(1, 10);
      expect(bucket.groups.reduce((sum, group) => sum + group.count, 0)).toBe(bucket.total);
    }
    expect(view.buckets.map((bucket) => bucket.total)).toEqual([3, 0, 1]);
    // each pair's count is what the search shows for that month, mechanism and TLP
    for (const item of listed) {
      const bucket = view.buckets.find((candidate) => candidate.period === `${item.occurredAt.slice(0, 7)}-01`)!;
      const expected = listed.filter((other) => other.occurredAt.slice(0, 7) === item.occurredAt.slice(0, 7) && other.labels.mechanism === item.labels.mechanism && other.tlp === item.tlp).length;
      expect(bucket.groups.find((group) => group.keys.mechanism === item.labels.mechanism && group.keys.tlp === item.tlp)?.count).toBe(expected);
      expect(bucket.counts[`${item.labels.mechanism}|${item.tlp}`]).toBe(expected);
    }

    const filtered = await trends('interval=quarter&groupBy=tlp&groupBy=harmType&tlp=GREEN,CLEAR&from=1984-01-01&to=1984-06-30');
    expect(filtered.status).toBe(200);
    expect(filtered.body.buckets.map((bucket) => bucket.total)).toEqual([3, 0]);
    expect(new Set(filtered.body.series.map((series) => series.keys.tlp))).toEqual(new Set(['CLEAR', 'GREEN']));
    expect(filtered.body.buckets[0].groups.reduce((sum, group) => sum + group.share, 0)).toBeCloseTo(1, 10);
    expect(filtered.body.buckets[1].groups.every((group) => group.share === 0)).toBe(true);

    // the first release's single-dimension request still answers its shape
    const legacy = await trends('interval=month&groupBy=tlp&from=1984-01-01&to=1984-03-31');
    expect(legacy.body.groups).toEqual(['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED']);
    expect(legacy.body.buckets[0]).toMatchObject({ period: '1984-01-01', total: 3, counts: { CLEAR: 1, GREEN: 1, AMBER: 1, RED: 0 } });

    const bad = await trends('groupBy=mechanism,tlp,country');
    expect(bad.status).toBe(400);
    // At most 100,000 cells (series × buckets) per answer: 13 sectors × 17 harm types × 731 days is 161,551.
    const tooLarge = await trends('interval=day&groupBy=sector,harmType&from=2024-01-01&to=2025-12-31');
    expect(tooLarge.status).toBe(400);
    expect((tooLarge.body as unknown as { errors: Array<{ field: string; messages: string[] }> }).errors).toEqual([
      { field: 'groupBy', messages: ['221 series × 731 buckets exceed 100000 cells; narrow the range, the interval or the filters'] },
    ]);
    expect((await trends('interval=day&groupBy=sector,harmType&from=2025-01-01&to=2025-12-31')).status).toBe(200);
    // Without from, daily buckets cover the 365 days ending on to's day (five years of days would pass 1,000 buckets).
    const daily = await trends('interval=day&to=2025-03-01');
    expect([daily.status, daily.body.buckets.length, daily.body.buckets[0].start, daily.body.buckets.at(-1)!.start]).toEqual([
      200,
      365,
      '2024-03-02T00:00:00.000Z',
      '2025-03-01T00:00:00.000Z',
    ]);
    expect((await trends('groupBy=colour')).status).toBe(400);
    expect((await trends('severity=catastrophic')).status).toBe(400);
  });

  it('streams the search result as CSV, neutralising cells a spreadsheet would evaluate', async () => {
    const risky = await file({
      title: '=HYPERLINK("http://evil.example","click") wombatware',
      description: '+SUM(1,2) and "quotes", commas, and a\nnew line in wombatware text',
      reportingOrganisation: '@regulator desk',
      occurredAt: '1983-02-01',
    });
    const plain = await file({ title: 'Wombatware misclassified loans', description: 'Wombatware denied loans to applicants.', occurredAt: '1983-02-02' });
    const response = await fetch(`${sut.baseUrl}/incidents/export.csv?q=wombatware`, { headers: { authorization: `Bearer ${analystKey}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const records = parse<Record<string, string>>(await response.text(), { columns: true });
    expect(records.map((record) => record.id)).toEqual([plain, risky]);
    const row = records[1];
    expect(row.title).toBe(`'=HYPERLINK("http://evil.example","click") wombatware`);
    expect(row.description).toBe(`'+SUM(1,2) and "quotes", commas, and a\nnew line in wombatware text`);
    expect(row.reportingOrganisation).toBe(`'@regulator desk`);
    expect(row.occurredAt).toBe('1983-02-01T00:00:00.000Z');
    expect(Number(row.relevance)).toBeGreaterThan(0);
    expect(records[0].title).toBe('Wombatware misclassified loans');

    const negotiated = await fetch(`${sut.baseUrl}/incidents?q=wombatware&limit=1`, { headers: { authorization: `Bearer ${analystKey}`, accept: 'text/csv' } });
    expect(parse<Record<string, string>>(await negotiated.text(), { columns: true })).toHaveLength(2);
    expect((await fetch(`${sut.baseUrl}/incidents/export.csv`)).status).toBe(401);

    // For Excel: bom=true starts the file with the UTF-8 byte order mark (EF BB BF); without it the file starts with the header.
    const csvBytes = async (query: string) =>
      Buffer.from(await (await fetch(`${sut.baseUrl}/incidents/export.csv?q=wombatware${query}`, { headers: { authorization: `Bearer ${analystKey}` } })).arrayBuffer());
    expect([...(await csvBytes('&bom=true')).subarray(0, 5)]).toEqual([0xef, 0xbb, 0xbf, ...Buffer.from('id')]);
    expect((await csvBytes('')).subarray(0, 3).toString()).toBe('id,');
    const badBom = await fetch(`${sut.baseUrl}/incidents/export.csv?bom=yes`, { headers: { authorization: `Bearer ${analystKey}` } });
    expect([badBom.status, ((await badBom.json()) as { errors: Array<{ field: string }> }).errors.map((error) => error.field)]).toEqual([400, ['bom']]);
  });

  it('shows a TLP:RED incident to the regulator who filed it only, in search, export and trends', async () => {
    const red = await file({ title: 'Numbatnet red incident', description: 'Numbatnet leaked data.', tlp: 'RED', occurredAt: '1982-06-01' });
    const green = await file({ title: 'Numbatnet green incident', description: 'Numbatnet leaked data too.', occurredAt: '1982-06-02' });
    expect((await search('q=numbatnet')).body.items.map((item) => item.id)).toEqual([green]);
    expect((await search('q=numbatnet', otherRegulatorKey)).body.items.map((item) => item.id)).toEqual([green]);
    expect((await search('q=numbatnet', regulatorKey)).body.items.map((item) => item.id)).toEqual([green, red]);
    const csv = await fetch(`${sut.baseUrl}/incidents/export.csv?q=numbatnet`, { headers: { authorization: `Bearer ${analystKey}` } });
    expect(await csv.text()).not.toContain(red);
    const range = 'groupBy=tlp&interval=year&from=1982-01-01&to=1982-12-31';
    expect((await trends(range)).body.buckets[0].counts).toMatchObject({ RED: 0, GREEN: 1 });
    expect((await trends(range, regulatorKey)).body.buckets[0].counts).toMatchObject({ RED: 1, GREEN: 1 });
  });

  it('keeps the read model current through amendment, review and retraction, and a rebuild reproduces it', async () => {
    const amended = await file({ title: 'Platypusbot gave wrong advice', occurredAt: '1981-03-01' });
    const retracted = await file({ title: 'Platypusbot second incident', occurredAt: '1981-03-02' });
    expect((await request('PATCH', `${sut.baseUrl}/incidents/${amended}`, { key: regulatorKey, body: { title: 'Platypusbot deepfake scam', occurredAt: '1981-04-01' } })).status).toBe(200);
    expect((await request('POST', `${sut.baseUrl}/reviews/${amended}`, { key: analystKey, body: { axes: { mechanism: { label: 'misuse', reason: 'Operators used it to scam.' } } } })).status).toBe(200);
    expect((await request('POST', `${sut.baseUrl}/incidents/${retracted}/retraction`, { key: regulatorKey, body: { reason: 'Filed twice.' } })).status).toBe(200);

    const found = (await search('q=platypusbot')).body.items;
    expect(found.map((item) => [item.id, item.title, item.occurredAt, item.labels.mechanism])).toEqual([[amended, 'Platypusbot deepfake scam', '1981-04-01T00:00:00.000Z', 'misuse']]);
    expect((await search('q=platypusbot&status=retracted')).body.items.map((item) => item.id)).toEqual([retracted]);
    const year = (await trends('groupBy=mechanism&interval=year&from=1981-01-01&to=1981-12-31')).body;
    expect(year.buckets[0]).toMatchObject({ total: 1, counts: { misuse: 1 } });

    const snapshot = () => dataSource.query<Array<Record<string, unknown>>>(
      'SELECT * FROM incident_search ORDER BY incident_id').then((rows) => rows.map(({ projected_at: _projectedAt, ...row }) => row));
    const live = await snapshot();
    expect(live.length).toBeGreaterThan(25);
    await dataSource.query('TRUNCATE incident_search');
    const progress: number[] = [];
    const result = await rebuildIncidentSearch(dataSource, { batchSize: 10, onProgress: ({ projected }) => progress.push(projected) });
    expect(result.projected).toBe(live.length);
    expect(progress[0]).toBe(10);
    expect(await snapshot()).toEqual(live);
  });
});
