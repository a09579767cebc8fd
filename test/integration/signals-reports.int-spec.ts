import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { INCIDENT_DIMENSIONS, type IncidentDimension } from '../../src/read-models/incident-dimensions.js';
import type { Surge } from '../../src/signals/surge-detector.js';
import { SurgeSignalRecorder } from '../../src/signals/surge-signal.recorder.js';
import { loadDemoIncidents } from '../support/demo-incidents.js';
import { request } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

interface Trends {
  total: number;
  buckets: Array<{ start: string; total: number; groups: Array<{ keys: Record<string, string>; count: number }> }>;
  surges: Surge[];
}
interface Comparison {
  count: number;
  previous: number;
  change: number;
  changePercent: number | null;
}
interface Report {
  period: { code: string; start: string; end: string };
  previousPeriod: { code: string };
  tlp: string;
  total: Comparison;
  axes: Array<{ dimension: string; top: Array<Comparison & { value: string; share: number }> }>;
  method: string;
  surges: Surge[];
  notableIncidents: Array<{ id: string; title: string; urgency: string; severity: string; tlp: string }>;
}
interface Problem {
  status: number;
  errors?: Array<{ field: string; messages: string[] }>;
}

const C2 = 'EARS-C2(baseline=7,guard=2,threshold=3,minSd=1)';
const DAY_MS = 86_400_000;
/** Monday of the first week of the series (ISO week 23 of 2026). */
const FIRST_MONDAY = Date.UTC(2026, 5, 1);
const WEEKS = 12;
const SURGE_WEEK = 10; // Monday 2026-08-10
const BACKGROUND = ['FR', 'IT', 'ES', 'NL'];
const SCRIPT_TITLE = 'Agent escapes its sandbox <script>alert("x")</script> & runs malware';

/**
 * Surge signals, trends with surges and the periodic report against the real PostgreSQL (and Kafka for the app):
 * 12 weeks of four incidents a week, one per background country, except week 10 where all four come from DE, so the
 * only category that changes is country (DE: 0 → 4, a C2 of 4 over a zero baseline with the minimum sd of 1).
 */
describe('surge signals and periodic reports (GET /signals, GET /trends surges, GET /reports/periodic)', () => {
  let sut: TestApp;
  let regulatorKey: string;
  let analystKey: string;
  let scriptIncidentId: string;

  const weekday = (week: number): string => new Date(FIRST_MONDAY + (week * 7 + 2) * DAY_MS).toISOString().slice(0, 10);
  const file = async (body: Record<string, unknown>): Promise<string> => {
    const filed = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, { key: regulatorKey, body });
    expect(filed.status).toBe(201);
    return filed.body.id;
  };
  const get = <T>(path: string, key = analystKey) => request<T>('GET', `${sut.baseUrl}${path}`, { key });

  beforeAll(async () => {
    sut = await startTestApp('signals-reports');
    regulatorKey = await sut.issueKey('regulator');
    analystKey = await sut.issueKey('analyst');
    for (let week = 0; week < WEEKS; week += 1) {
      const countries = week === SURGE_WEEK ? BACKGROUND.map(() => 'DE') : BACKGROUND;
      await Promise.all(
        countries.map((country) =>
          file({
            title: 'Chatbot gave wrong refund advice',
            description: 'A customer service chatbot invented a refund policy and customers lost money.',
            occurredAt: weekday(week),
            country,
            language: 'en',
            sector: 'finance',
            reportingOrganisation: 'Test regulator',
            tlp: 'GREEN',
          }),
        ),
      );
    }
    // A red-line incident (sandbox escape: flash) whose title is markup, one week after the surge, also from DE.
    const escape = loadDemoIncidents().find((entry) => entry.filing.title === 'Snowflake Cortex AI escapes sandbox and executes malware')!.filing;
    scriptIncidentId = await file({
      title: SCRIPT_TITLE,
      description: escape.description,
      occurredAt: weekday(WEEKS - 1),
      country: 'DE',
      language: 'en',
      reportingOrganisation: 'Test regulator',
      tlp: 'AMBER',
    });
  });

  afterAll(() => sut?.close());

  it('lists the one surge, named with its method, in GET /signals', async () => {
    // From week 4 on every category has a seven-week baseline of its own incidents (see the onset test below).
    const signals = await get<{ method: string; surges: Surge[] }>('/signals?from=2026-06-29&to=2026-09-30');

    expect(signals.status).toBe(200);
    expect(signals.body.method).toBe(C2);
    expect(signals.body.surges).toEqual([
      { dimension: 'country', value: 'DE', start: '2026-08-10T00:00:00.000Z', end: '2026-08-17T00:00:00.000Z', count: 4, expected: 0, sd: 1, statistic: 4, threshold: 3, method: C2 },
    ]);
    // Outside the surge's week, or another dimension: nothing.
    expect((await get<{ surges: Surge[] }>('/signals?from=2026-08-17&to=2026-09-30')).body.surges).toEqual([]);
    expect((await get<{ surges: Surge[] }>('/signals?from=2026-06-29&to=2026-09-30&dimension=mechanism,sector')).body.surges).toEqual([]);
    // C3 sums the C2 excesses (C2 − 1) of a week and the two before: the surge week's 3 keeps C3 at 3 > 2 for three weeks.
    // (C3 looks back two weeks more, so it starts at week 5 to leave the onset out.)
    const c3 = await get<{ method: string; surges: Surge[] }>('/signals?from=2026-07-06&to=2026-09-30&method=C3');
    expect(c3.body.method).toBe('EARS-C3(baseline=7,guard=2,threshold=2,minSd=1)');
    expect(c3.body.surges.map((surge) => [surge.value, surge.start.slice(0, 10), surge.statistic])).toEqual([
      ['DE', '2026-08-10', 3],
      ['DE', '2026-08-17', 3],
      ['DE', '2026-08-24', 3],
    ]);
  });

  it('signals the onset of categories that appear after nine empty weeks (a zero baseline)', async () => {
    const onset = await get<{ surges: Surge[] }>('/signals?from=2026-06-01&to=2026-06-28&dimension=mechanism,country');

    // Weeks 0-2: four incidents of one mechanism over a zero baseline (C2 = 4); one per country is only C2 = 1.
    expect(onset.body.surges.map((surge) => `${surge.dimension}@${surge.start.slice(0, 10)}:${surge.count}/${surge.expected}`)).toEqual([
      'mechanism@2026-06-01:4/0',
      'mechanism@2026-06-08:4/0',
      'mechanism@2026-06-15:4/0',
    ]);
  });

  it('attaches the surge to GET /trends grouped by country, and not when signals=false', async () => {
    const trends = await get<Trends>('/trends?interval=week&groupBy=country&from=2026-06-29&to=2026-08-30');

    expect(trends.status).toBe(200);
    expect(trends.body.surges.map(({ dimension, value, start, count, method }) => ({ dimension, value, start, count, method }))).toEqual([
      { dimension: 'country', value: 'DE', start: '2026-08-10T00:00:00.000Z', count: 4, method: C2 },
    ]);
    const surgeBucket = trends.body.buckets.find((bucket) => bucket.start === '2026-08-10T00:00:00.000Z')!;
    expect(surgeBucket.groups.find((group) => group.keys.country === 'DE')!.count).toBe(4);
    expect((await get<Trends>('/trends?interval=week&groupBy=mechanism&from=2026-06-29&to=2026-08-30')).body.surges).toEqual([]);
    expect((await get<Trends>('/trends?interval=week&groupBy=country&from=2026-06-29&to=2026-08-30&signals=false')).body.surges).toEqual([]);
    expect((await get<Problem>('/trends?signals=maybe')).body.errors?.map((error) => error.field)).toEqual(['signals']);
  });

  it('reports 2026-Q3 with the counts of GET /trends, the change against Q2, the surge and the notable incident', async () => {
    const report = await get<Report>('/reports/periodic?period=2026-Q3');

    expect(report.status).toBe(200);
    expect(report.body.period).toEqual({ code: '2026-Q3', kind: 'quarter', start: '2026-07-01T00:00:00.000Z', end: '2026-10-01T00:00:00.000Z' });
    expect(report.body.previousPeriod.code).toBe('2026-Q2');
    // Q2: weeks 0–3 (June 3–24), Q3: weeks 4–11 plus the red-line incident.
    expect(report.body.total).toEqual({ count: 33, previous: 16, change: 17, changePercent: 106.3 });
    for (const axis of report.body.axes) {
      const trend = await get<Trends>(`/trends?interval=quarter&groupBy=${axis.dimension}&from=2026-07-01&to=2026-09-30T23:59:59.999Z`);
      expect(trend.body.buckets).toHaveLength(1);
      expect(trend.body.buckets[0].total).toBe(report.body.total.count);
      const counts = Object.fromEntries(trend.body.buckets[0].groups.filter((group) => group.count > 0).map((group) => [group.keys[axis.dimension], group.count]));
      expect(Object.fromEntries(axis.top.map((category) => [category.value, category.count]))).toEqual(
        Object.fromEntries(Object.entries(counts).sort(([, a], [, b]) => b - a).slice(0, 5)),
      );
    }
    const countries = report.body.axes.find((axis) => axis.dimension === 'country')!.top;
    expect(countries.find((category) => category.value === 'FR')).toEqual({ value: 'FR', count: 7, previous: 4, change: 3, changePercent: 75, share: 0.212 });
    expect(countries.find((category) => category.value === 'DE')).toEqual({ value: 'DE', count: 5, previous: 0, change: 5, changePercent: null, share: 0.152 });
    expect(report.body.method).toBe(C2);
    expect(report.body.surges.map((surge) => `${surge.dimension}=${surge.value}@${surge.start.slice(0, 10)}`)).toEqual(['country=DE@2026-08-10']);
    expect(report.body.notableIncidents).toEqual([expect.objectContaining({ id: scriptIncidentId, title: SCRIPT_TITLE, urgency: 'flash', tlp: 'AMBER' })]);
    expect(report.body.tlp).toBe('AMBER');
  });

  it('counts what a plain aggregate over incident_search counts, once the trend read model has folded every change', async () => {
    const dataSource = sut.app.get<DataSource>(getDataSourceToken());
    await waitFor(
      () => dataSource.query<Array<{ n: number }>>('SELECT count(*)::int AS n FROM trend_count_deltas'),
      (rows) => rows[0].n === 0,
      { description: 'trend_count_deltas folded into trend_counts', timeoutMs: 30_000 },
    );
    const report = (await get<Report>('/reports/periodic?period=2026-Q3')).body;
    // The straightforward SQL: visible (no RED in this data), active, occurred in the period; a harm type counts once per incident.
    const plain = async (column: string | null, multiValued: boolean, from: string, to: string) =>
      dataSource.query<Array<{ value: string; n: number }>>(
        `SELECT ${column === null ? `''` : multiValued ? 'v' : `${column}::text`} AS value, count(*)::int AS n
           FROM incident_search s ${multiValued ? `CROSS JOIN LATERAL unnest(${column}) AS u(v)` : ''}
          WHERE s.status = 'active' AND s.tlp <> 'RED' AND s.occurred_at >= $1 AND s.occurred_at < $2 GROUP BY 1`,
        [from, to],
      );
    const [[current], [previous]] = await Promise.all([plain(null, false, '2026-07-01', '2026-10-01'), plain(null, false, '2026-04-01', '2026-07-01')]);
    expect(report.total).toEqual(expect.objectContaining({ count: current.n, previous: previous.n }));
    for (const axis of report.axes) {
      const dimension = INCIDENT_DIMENSIONS[axis.dimension as keyof typeof INCIDENT_DIMENSIONS] as IncidentDimension;
      const multiValued = dimension.multiValued ?? false;
      const rows = await plain(dimension.column, multiValued, '2026-07-01', '2026-10-01');
      const before = new Map((await plain(dimension.column, multiValued, '2026-04-01', '2026-07-01')).map((row) => [row.value, row.n]));
      const counts = new Map(rows.map((row) => [row.value, row.n]));
      expect(axis.top.map((category) => [category.value, category.count, category.previous])).toEqual(
        axis.top.map((category) => [category.value, counts.get(category.value), before.get(category.value) ?? 0]),
      );
      expect(axis.top.map((category) => category.count)).toEqual([...counts.values()].sort((a, b) => b - a).slice(0, 5));
    }
  });

  it('prints the report as HTML with the markup in a title escaped', async () => {
    for (const [path, headers] of [
      ['/reports/periodic?period=2026-Q3', { accept: 'text/html,application/xhtml+xml;q=0.9' }],
      ['/reports/periodic?period=2026-Q3&format=html', {}],
    ] as const) {
      const response = await fetch(`${sut.baseUrl}${path}`, { headers: { ...headers, authorization: `Bearer ${analystKey}` } });
      const html = await response.text();

      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(html).not.toContain('<script>');
      expect(html).toContain('Agent escapes its sandbox &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; runs malware');
      expect(html).toContain('<h1>Periodic assessment 2026-Q3</h1>');
      expect(html).toContain('<td class="n">33</td><td class="n">16</td><td class="n">+17</td><td class="n">+106.3%</td>');
    }
  });

  it('reports months and years, and refuses a bad period with a problem naming the field', async () => {
    const august = await get<Report>('/reports/periodic?period=2026-08');
    // August: the Wednesdays of weeks 9–11 and the red-line incident; July: weeks 4–8.
    expect(august.body.total).toEqual({ count: 13, previous: 20, change: -7, changePercent: -35 });
    const year = await get<Report>('/reports/periodic?period=2026');
    expect(year.body.total).toEqual({ count: 49, previous: 0, change: 49, changePercent: null });

    for (const period of ['2026-Q5', '2026-13', 'last-quarter', '1949']) {
      const bad = await get<Problem>(`/reports/periodic?period=${period}`);
      expect(bad.status).toBe(400);
      expect(bad.headers.get('content-type')).toContain('application/problem+json');
      expect(bad.body.errors?.map((error) => error.field)).toEqual(['period']);
    }
    expect((await get<Problem>('/reports/periodic')).body.errors?.map((error) => error.field)).toEqual(['period']);
    expect((await get<Problem>('/reports/periodic?period=2026&format=pdf')).body.errors?.map((error) => error.field)).toEqual(['format']);
  });

  it('stores a surge in the signal store once, refreshing it when detected again', async () => {
    const recorder = sut.app.get(SurgeSignalRecorder);
    const from = new Date('2026-06-29T00:00:00Z');
    const to = new Date('2026-09-30T00:00:00Z');

    expect((await recorder.record(from, to)).map((surge) => `${surge.dimension}=${surge.value}@${surge.start.slice(0, 10)}`)).toEqual(['country=DE@2026-08-10']);
    expect(await recorder.record(from, to)).toEqual([]);
    // SURGE_ALERTS_ENABLED is off by default: storing a signal queues no partner alert.
    const queued = await sut.app
      .get<DataSource>(getDataSourceToken())
      .query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM outbox_messages WHERE event_type = 'org.aisw.surge.detected.v1'`);
    expect(queued).toEqual([{ n: 0 }]);
    const stored = await sut.app
      .get<DataSource>(getDataSourceToken())
      .query<Array<Record<string, unknown>>>(`SELECT dimension, value, week_start, method, count, expected, statistic, first_detected_at <= last_detected_at AS ordered FROM surge_signals`);
    expect(stored).toEqual([
      { dimension: 'country', value: 'DE', week_start: new Date('2026-08-10T00:00:00Z'), method: C2, count: 4, expected: 0, statistic: 4, ordered: true },
    ]);
  });

  it('lets analysts, regulators and admins read signals and reports, not partners', async () => {
    const adminKey = await sut.issueKey('admin');
    expect((await get('/signals', regulatorKey)).status).toBe(200);
    expect((await get('/reports/periodic?period=2026-08', adminKey)).status).toBe(200);
    expect((await request('GET', `${sut.baseUrl}/signals`)).status).toBe(401);
  });
  it('marks the report with the most restrictive TLP of every incident its figures count, not only of those listed', async () => {
    const routine = {
      title: 'Chatbot gave wrong refund advice',
      description: 'A customer service chatbot invented a refund policy and customers lost money.',
      country: 'PT',
      language: 'en',
      sector: 'finance',
      reportingOrganisation: 'Test regulator',
    };
    await file({ ...routine, occurredAt: '2024-03-12', tlp: 'AMBER+STRICT' });
    const march = await get<Report>('/reports/periodic?period=2024-03');
    // Counted (PT 1 of 1) but not notable: the marking still covers it.
    expect([march.body.total.count, march.body.notableIncidents, march.body.tlp]).toEqual([1, [], 'AMBER+STRICT']);

    // A regulator's own RED incident in June 2024 lies in August's surge baseline (from 9 weeks before its first
    // week), not in August or July: the regulator's August report draws on it, the analyst's does not see it.
    await file({ ...routine, occurredAt: '2024-06-10', tlp: 'RED', recipients: [] });
    const august = await get<Report>('/reports/periodic?period=2024-08', regulatorKey);
    expect([august.body.total.count, august.body.total.previous, august.body.tlp]).toEqual([0, 0, 'RED']);
    const june = await get<Report>('/reports/periodic?period=2024-06', regulatorKey);
    expect([june.body.total.count, june.body.tlp]).toEqual([1, 'RED']);
    expect((await get<Report>('/reports/periodic?period=2024-06')).body).toEqual(expect.objectContaining({ total: expect.objectContaining({ count: 0 }), tlp: 'CLEAR' }));
    expect((await get<Report>('/reports/periodic?period=2024-08')).body.tlp).toBe('CLEAR');

    // A notable AMBER+STRICT incident is listed with its title: each report read is audited, as a search's is.
    const escape = loadDemoIncidents().find((entry) => entry.filing.title === 'Snowflake Cortex AI escapes sandbox and executes malware')!.filing;
    const strictId = await file({ ...routine, title: 'Sandbox escape, strict', description: escape.description, occurredAt: '2024-09-10', tlp: 'AMBER+STRICT' });
    const september = await get<Report>('/reports/periodic?period=2024-09');
    expect([september.body.notableIncidents.map((incident) => incident.id), september.body.tlp]).toEqual([[strictId], 'AMBER+STRICT']);
    const audited = await sut.app
      .get<DataSource>(getDataSourceToken())
      .query<Array<{ action: string; actor_role: string }>>(`SELECT action, actor_role FROM audit_log WHERE resource_id = $1 AND action LIKE 'GET %'`, [strictId]);
    expect(audited).toEqual([{ action: 'GET /reports/periodic', actor_role: 'analyst' }]);
  });
});
