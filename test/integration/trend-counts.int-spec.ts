import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getDataSourceToken } from '@nestjs/typeorm';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import type { DataSource } from 'typeorm';
import { seedIncidents } from '../../scripts/seed/seed-incidents.js';
import type { Principal } from '../../src/auth/api-keys.service.js';
import { INCIDENT_DIMENSIONS, INCIDENT_DIMENSION_NAMES, type IncidentDimension, type IncidentDimensionName, type IncidentFilters } from '../../src/read-models/incident-dimensions.js';
import { countTrend, foldTrendDeltas, rebuildTrendCounts, trendBuckets, trendKeyFor, type TrendCountRow, type TrendCountSpec, type TrendInterval } from '../../src/read-models/trend-counts.js';
import { request } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const INTERVALS: TrendInterval[] = ['day', 'week', 'month', 'quarter', 'year'];
/** Longest random range per interval, in days (the API allows up to 1000 buckets). */
const MAX_DAYS: Record<TrendInterval, number> = { day: 400, week: 3000, month: 9000, quarter: 16000, year: 16000 };
const DAY_MS = 86_400_000;

/**
 * The straightforward answer: every incident row of incident_search the principal may see, counted per bucket and
 * group, the way GET /trends counted before the trend_counts read model (and still does when no key answers).
 */
async function reference(dataSource: DataSource, spec: TrendCountSpec): Promise<TrendCountRow[]> {
  const params: unknown[] = [spec.interval, spec.principal.keyId, spec.from, spec.to];
  const conditions = [`s.status = 'active'`, `(s.tlp <> 'RED' OR s.filed_by_key_id = $2::uuid)`, `s.occurred_at >= $3`, `s.occurred_at <= $4`];
  for (const name of INCIDENT_DIMENSION_NAMES) {
    const values = spec.filters[name];
    if (!values) continue;
    params.push(values);
    const dimension: IncidentDimension = INCIDENT_DIMENSIONS[name];
    conditions.push(dimension.multiValued ? `${dimension.column} && $${params.length}::text[]` : `${dimension.column}::text = ANY($${params.length}::text[])`);
  }
  const keys = spec.groupBy.map((name, index) => ((INCIDENT_DIMENSIONS[name] as IncidentDimension).multiValued ? `u${index}.v` : `${INCIDENT_DIMENSIONS[name].column}::text`));
  const joins = spec.groupBy.map((name, index) => ((INCIDENT_DIMENSIONS[name] as IncidentDimension).multiValued ? `CROSS JOIN unnest(${INCIDENT_DIMENSIONS[name].column}) u${index}(v)` : ''));
  return dataSource.query<TrendCountRow[]>(
    `SELECT to_char(date_trunc($1, s.occurred_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS period, ${keys[0] ?? `''`} AS k0, ${keys[1] ?? 'NULL'} AS k1, count(*)::int AS n
       FROM incident_search s ${joins.join(' ')} WHERE ${conditions.join(' AND ')} GROUP BY 1, 2, 3`,
    params,
  );
}

const sorted = (rows: TrendCountRow[]) =>
  rows.map((row) => ({ period: row.period, k0: row.k0, k1: row.k1 ?? null, n: row.n })).sort((a, b) => `${a.period}|${a.k0}|${a.k1}`.localeCompare(`${b.period}|${b.k0}|${b.k1}`));

/**
 * The trend_counts read model (src/read-models/trend-counts.ts) against the real PostgreSQL: for random parameter
 * sets (interval, an unaligned range, one or two group-bys, filters, an analyst or the filer of TLP:RED incidents)
 * its counts equal the straightforward count over incident_search, before the changes are folded, after folding and
 * after a rebuild; GET /trends shows a filing at once.
 */
describe('trend counts read model (GET /trends, surges)', () => {
  let sut: TestApp;
  let dataSource: DataSource;
  let regulatorKey: string;
  let analystKey: string;
  let filer: Principal;
  const analyst: Principal = { keyId: '3f1d1c1e-0000-4000-8000-000000000001', name: 'test analyst', role: 'analyst', partnerId: null };
  const values = new Map<IncidentDimensionName, string[]>();
  const rng: RandomGenerator = xoroshiro128plus(20261129);
  const int = (min: number, max: number): number => uniformInt(rng, min, max);
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)];

  const randomSpec = (): TrendCountSpec => {
    const interval = pick(INTERVALS);
    const from = new Date(Date.UTC(1982, 0, 1) + int(0, 45 * 365) * DAY_MS + (int(0, 3) === 0 ? 0 : int(0, DAY_MS - 1)));
    const to = new Date(from.getTime() + int(0, MAX_DAYS[interval]) * DAY_MS + (int(0, 3) === 0 ? 0 : int(0, DAY_MS - 1)));
    const groupBy: IncidentDimensionName[] = [pick(INCIDENT_DIMENSION_NAMES)];
    if (int(0, 1) === 1) {
      const second = pick(INCIDENT_DIMENSION_NAMES);
      if (second !== groupBy[0]) groupBy.push(second);
    }
    const filters: IncidentFilters = {};
    for (let i = int(0, 2); i > 0; i -= 1) {
      // Mostly on a grouped dimension or one more, so that a stored key often answers.
      const name = int(0, 2) > 0 ? pick(groupBy) : pick(INCIDENT_DIMENSION_NAMES);
      const known = values.get(name)!;
      filters[name] = [...new Set(Array.from({ length: int(1, 3) }, () => (int(0, 9) === 0 ? (name === 'country' ? 'ZZ' : 'undetermined') : pick(known))))];
    }
    return { interval, groupBy, filters, from, to, principal: int(0, 2) === 0 ? filer : analyst };
  };

  /** Compares `count` random specs; returns how many a stored key answered. */
  const compareRandom = async (count: number): Promise<number> => {
    let stored = 0;
    for (let i = 0; i < count; i += 1) {
      const spec = randomSpec();
      if (trendKeyFor(spec)) stored += 1;
      const label = JSON.stringify({ ...spec, principal: spec.principal.name });
      expect({ spec: label, rows: sorted(await countTrend(dataSource, spec)) }).toEqual({ spec: label, rows: sorted(await reference(dataSource, spec)) });
      // The buckets, computed in TypeScript, are PostgreSQL's date_trunc series.
      const buckets = await dataSource.query<Array<{ start: string; end: string }>>(
        `SELECT to_char(p, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS start, to_char(p + $4::interval, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "end"
           FROM generate_series(date_trunc($1, $2::timestamptz AT TIME ZONE 'UTC'), date_trunc($1, $3::timestamptz AT TIME ZONE 'UTC'), $4::interval) AS p`,
        [spec.interval, spec.from, spec.to, { day: '1 day', week: '1 week', month: '1 month', quarter: '3 months', year: '1 year' }[spec.interval]],
      );
      expect(trendBuckets(spec.interval, spec.from, spec.to).map(({ start, end }) => ({ start: start.toISOString(), end: end.toISOString() }))).toEqual(buckets);
    }
    return stored;
  };

  beforeAll(async () => {
    // No fold job: the test folds itself, so queries also meet deltas not folded yet.
    sut = await startTestApp('trend-counts', { TREND_COUNTS_FOLD_INTERVAL_MS: '0' });
    dataSource = sut.app.get<DataSource>(getDataSourceToken());
    regulatorKey = await sut.issueKey('regulator');
    analystKey = await sut.issueKey('analyst');
    await seedIncidents({ databaseUrl: (dataSource.options as { url: string }).url, count: 4000, seed: 11 });
    const [{ id }] = await dataSource.query<Array<{ id: string }>>(`SELECT id FROM api_keys WHERE role = 'regulator' LIMIT 1`);
    filer = { keyId: id, name: 'test regulator', role: 'regulator', partnerId: null };
    for (const name of INCIDENT_DIMENSION_NAMES) {
      const dimension: IncidentDimension = INCIDENT_DIMENSIONS[name];
      const expression = dimension.multiValued ? `unnest(${dimension.column})` : `${dimension.column}::text`;
      values.set(name, (await dataSource.query<Array<{ v: string }>>(`SELECT DISTINCT ${expression} AS v FROM incident_search s ORDER BY 1`)).map((row) => row.v));
    }
  }, 300_000);

  afterAll(async () => {
    await sut?.close();
  });

  it('is filled by the seed: no deltas left, and the counts match incident_search', async () => {
    expect((await dataSource.query<Array<{ n: number }>>('SELECT count(*)::int AS n FROM trend_count_deltas'))[0].n).toBe(0);
    const [{ n }] = await dataSource.query<Array<{ n: number }>>(`SELECT sum(n)::int AS n FROM trend_counts WHERE grain = 'm' AND dims = 0`);
    const [{ visible }] = await dataSource.query<Array<{ visible: number }>>(`SELECT count(*)::int AS visible FROM incident_search WHERE status = 'active' AND tlp <> 'RED'`);
    expect(n).toBe(visible);
    expect(await compareRandom(60)).toBeGreaterThan(20);
  }, 300_000);

  it('counts what changed since, before and after the fold, and after a rebuild, as the straightforward SQL does', async () => {
    // Filings through the API (TLP:RED ones by this regulator) and changes of the read model as events make them:
    // a retraction, a new label, a new date, a TLP change both ways, a removal.
    const dates = ['2019-03-04T10:00:00Z', '2019-03-31T23:59:59.999Z', '2020-02-29T00:00:00Z', '2024-12-30T12:00:00Z'];
    for (const [index, occurredAt] of dates.entries()) {
      for (const tlp of ['GREEN', 'RED']) {
        const filed = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, {
          key: regulatorKey,
          body: {
            title: `Trend check ${index} ${tlp}`,
            description: 'A recommender system amplified a deepfake video of a politician; the bank lost money to fraud.',
            occurredAt,
            country: index % 2 === 0 ? 'FR' : 'BR',
            language: 'en',
            reportingOrganisation: 'Test regulator',
            tlp,
          },
        });
        expect(filed.status).toBe(201);
      }
    }
    const change = async (set: string, count: number): Promise<void> => {
      await dataSource.query(`UPDATE incident_search SET ${set} WHERE incident_id IN (SELECT incident_id FROM incident_search WHERE status = 'active' ORDER BY md5(incident_id::text || $1) LIMIT ${count})`, [set]);
    };
    await change(`status = 'retracted'`, 40);
    await change(`mechanism = 'misuse', harm_types = '{deepfake,privacy_infringement}'`, 40);
    await change(`occurred_at = occurred_at + interval '17 days 3 hours'`, 40);
    await change(`tlp = 'RED', filed_by_key_id = '${filer.keyId}'`, 40);
    await change(`tlp = 'GREEN'`, 30);
    await dataSource.query(`DELETE FROM incident_search WHERE incident_id IN (SELECT incident_id FROM incident_search ORDER BY md5(incident_id::text) LIMIT 20)`);
    expect((await dataSource.query<Array<{ n: number }>>('SELECT count(*)::int AS n FROM trend_count_deltas'))[0].n).toBeGreaterThan(100);

    expect(await compareRandom(80)).toBeGreaterThan(25);
    expect(await foldTrendDeltas(dataSource, 37)).toBeGreaterThan(100);
    expect((await dataSource.query<Array<{ n: number }>>('SELECT count(*)::int AS n FROM trend_count_deltas'))[0].n).toBe(0);
    expect(await compareRandom(80)).toBeGreaterThan(25);

    await change(`sector = 'finance', country = 'DE'`, 30);
    const progress: number[] = [];
    const rebuilt = await rebuildTrendCounts(dataSource, ({ keys }) => progress.push(keys));
    expect(progress).toEqual(Array.from({ length: rebuilt.totalKeys }, (_, index) => index + 1));
    expect((await dataSource.query<Array<{ n: number }>>('SELECT count(*)::int AS n FROM trend_count_deltas'))[0].n).toBe(0);
    expect(await compareRandom(60)).toBeGreaterThan(20);
  }, 600_000);

  it('shows a filing in GET /trends as soon as it is filed, with no fold in between', async () => {
    const query = `${sut.baseUrl}/trends?interval=month&groupBy=sector,harmType&from=2011-05-01&to=2011-05-31T12:00:00Z&signals=false`;
    const before = await request<{ total: number }>('GET', query, { key: analystKey });
    expect(before.status).toBe(200);
    const filed = await request('POST', `${sut.baseUrl}/incidents`, {
      key: regulatorKey,
      body: {
        title: 'Trend check after filing',
        description: 'A chatbot leaked personal data of customers.',
        occurredAt: '2011-05-20T08:00:00Z',
        country: 'GB',
        language: 'en',
        reportingOrganisation: 'Test regulator',
        tlp: 'GREEN',
      },
    });
    expect(filed.status).toBe(201);
    const after = await request<{ total: number }>('GET', query, { key: analystKey });
    expect(after.body.total).toBe(before.body.total + 1);
  });
});
