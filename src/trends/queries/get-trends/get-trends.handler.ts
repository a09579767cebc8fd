import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RequestValidationError } from '../../../common/problem-details.js';
import { INCIDENT_DIMENSIONS, type IncidentDimension } from '../../../read-models/incident-dimensions.js';
import { countTrend, trendBuckets } from '../../../read-models/trend-counts.js';
import { SURGE_DIMENSIONS, SURGE_MAX_WEEKS, SurgeDetector, WEEK_MS, type SurgeDimension } from '../../../signals/surge-detector.js';
import { GetTrendsQuery, type TrendBucket, type TrendSeries, type TrendsView } from './get-trends.query.js';
import type { TrendDimension } from './get-trends.request.dto.js';

/** Largest response: series × buckets cells (100,000 cells ≈ 10 MB of JSON). */
const MAX_TREND_CELLS = 100_000;

/**
 * Counts incidents by `date_trunc(interval, occurred_at)` (UTC, ISO weeks start on Monday) and one or two dimensions,
 * with the labels in force; retracted incidents and incidents the principal may not see (visibilityCondition) are not
 * counted. Counts come from the `trend_counts` read model where it answers the query, else from `incident_search`,
 * with the same result (countTrend, trend-counts.ts). Buckets and series with no incidents are present with zeros
 * (trendBuckets). 400 (`groupBy`) when series × buckets exceeds 100,000. `GET /trends` runs it in the TrendsLane
 * (trends-lane.ts), which bounds how many are counted and serialised at once.
 */
@QueryHandler(GetTrendsQuery)
export class GetTrendsHandler implements IQueryHandler<GetTrendsQuery> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly surgeDetector: SurgeDetector,
  ) {}

  async execute(query: GetTrendsQuery): Promise<TrendsView> {
    const spec = { interval: query.interval, filters: query.filters, from: query.from, to: query.to, principal: query.principal };
    const surgeDimensions = query.dimensions.filter((name): name is SurgeDimension => (SURGE_DIMENSIONS as readonly string[]).includes(name));
    const periods = trendBuckets(query.interval, query.from, query.to).map(({ start, end }) => ({
      period: start.toISOString().slice(0, 10),
      start: start.toISOString(),
      end: end.toISOString(),
    }));
    const [rows, distinct, surges] = await Promise.all([
      countTrend(this.dataSource, { ...spec, groupBy: query.dimensions }),
      // A multi-valued dimension counts an incident once per value: incidents per bucket need their own count.
      query.dimensions.some((name) => (INCIDENT_DIMENSIONS[name] as IncidentDimension).multiValued) ? countTrend(this.dataSource, { ...spec, groupBy: [] }) : Promise.resolve(undefined),
      query.signals && surgeDimensions.length > 0
        ? this.surgeDetector.detect({
            principal: query.principal,
            // A long yearly trend watches its last 1000 weeks only, so the weekly series stay small.
            from: new Date(Math.max(query.from.getTime(), query.to.getTime() - SURGE_MAX_WEEKS * WEEK_MS)),
            to: query.to,
            dimensions: surgeDimensions,
            filters: query.filters,
          })
        : Promise.resolve([]),
    ]);
    const totals = new Map<string, number>();
    for (const row of distinct ?? rows) totals.set(row.period, (totals.get(row.period) ?? 0) + row.n);
    const valuesPerDimension = query.dimensions.map((name, index) =>
      groupValues(name, query.filters[name], rows.map((row) => (index === 0 ? row.k0 : row.k1!))),
    );
    const series = crossProduct(query.dimensions, valuesPerDimension);
    if (series.length * periods.length > MAX_TREND_CELLS) {
      throw new RequestValidationError([
        { field: 'groupBy', messages: [`${series.length} series × ${periods.length} buckets exceed ${MAX_TREND_CELLS} cells; narrow the range, the interval or the filters`] },
      ]);
    }
    const seriesIndex = new Map(series.map((item, index) => [item.label, index]));
    const counts = new Map(periods.map(({ period }) => [period, new Array<number>(series.length).fill(0)]));
    for (const row of rows) {
      const index = seriesIndex.get(labelOf([row.k0, row.k1].slice(0, query.dimensions.length) as string[]));
      const bucket = counts.get(row.period);
      if (index === undefined || !bucket) continue;
      bucket[index] += row.n;
      series[index].total += row.n;
    }
    const buckets: TrendBucket[] = periods.map(({ period, start, end }) => {
      const bucketCounts = counts.get(period)!;
      const sum = bucketCounts.reduce((a, b) => a + b, 0);
      return {
        period,
        start,
        end,
        total: totals.get(period) ?? 0,
        groups: series.map((item, index) => ({ keys: item.keys, count: bucketCounts[index], share: sum === 0 ? 0 : bucketCounts[index] / sum })),
        counts: Object.fromEntries(series.map((item, index) => [item.label, bucketCounts[index]])),
      };
    });
    return {
      interval: query.interval,
      dimensions: query.dimensions,
      groupBy: query.dimensions[0],
      from: query.from.toISOString(),
      to: query.to.toISOString(),
      filters: query.filters,
      total: buckets.reduce((sum, bucket) => sum + bucket.total, 0),
      series,
      groups: series.map((item) => item.label),
      totals: Object.fromEntries(series.map((item) => [item.label, item.total])),
      buckets,
      surges,
    };
  }
}

const labelOf = (values: string[]): string => values.join('|');

/** The filter values when filtered; else the vocabulary (in its order) plus any other value found, sorted. */
function groupValues(name: TrendDimension, filter: string[] | undefined, found: string[]): string[] {
  const vocabulary: readonly string[] = (INCIDENT_DIMENSIONS[name] as IncidentDimension).vocabulary ?? [];
  if (filter && filter.length > 0) return vocabulary.length > 0 ? vocabulary.filter((value) => filter.includes(value)) : [...filter].sort();
  const extra = [...new Set(found)].filter((value) => !vocabulary.includes(value)).sort();
  return [...vocabulary, ...extra];
}

function crossProduct(dimensions: TrendDimension[], values: string[][]): TrendSeries[] {
  let combinations: string[][] = [[]];
  for (const list of values) combinations = combinations.flatMap((prefix) => list.map((value) => [...prefix, value]));
  return combinations.map((combination) => ({
    keys: Object.fromEntries(dimensions.map((name, index) => [name, combination[index]])),
    label: labelOf(combination),
    total: 0,
  }));
}
