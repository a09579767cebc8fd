import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MAGNITUDES, MECHANISMS, RISK_SOURCES, UNDETERMINED } from '@app/taxonomy';
import { GetTrendsQuery, type TrendBucket, type TrendsView } from './get-trends.query.js';
import { TREND_DIMENSIONS } from './get-trends.request.dto.js';

/** PostgreSQL interval between bucket starts (date_trunc knows 'quarter'; interval input does not). */
const BUCKET_STEP: Record<GetTrendsQuery['interval'], string> = {
  day: '1 day',
  week: '1 week',
  month: '1 month',
  quarter: '3 months',
  year: '1 year',
};

/** Groups that always appear (with zeros) for the three axes of TAXONOMY.md. */
const FIXED_GROUPS: Partial<Record<string, readonly string[]>> = {
  mechanism: [...MECHANISMS, UNDETERMINED],
  magnitude: [...MAGNITUDES, UNDETERMINED],
  source: [...RISK_SOURCES, UNDETERMINED],
};

/**
 * Counts incidents by `date_trunc(interval, occurred_at)` (UTC) and the group expression, using each incident's
 * newest classification (retracted incidents are not counted); buckets with no incidents are present with zero counts (generate_series).
 */
@QueryHandler(GetTrendsQuery)
export class GetTrendsHandler implements IQueryHandler<GetTrendsQuery> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(query: GetTrendsQuery): Promise<TrendsView> {
    const groupExpression = TREND_DIMENSIONS[query.groupBy];
    const rows: Array<{ period: string; grp: string; n: string }> = await this.dataSource.query(
      `SELECT to_char(date_trunc($1, i.occurred_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS period,
              ${groupExpression} AS grp, count(*) AS n
         FROM incidents i
         JOIN LATERAL (SELECT mechanism, magnitude, source FROM incident_classifications
                        WHERE incident_id = i.id ORDER BY classified_at DESC LIMIT 1) c ON true
        WHERE i.occurred_at >= $2 AND i.occurred_at <= $3 AND i.status = 'active'
        GROUP BY 1, 2`,
      [query.interval, query.from, query.to],
    );
    const periods: Array<{ period: string }> = await this.dataSource.query(
      `SELECT to_char(p, 'YYYY-MM-DD') AS period
         FROM generate_series(date_trunc($1, $2::timestamptz AT TIME ZONE 'UTC'),
                              date_trunc($1, $3::timestamptz AT TIME ZONE 'UTC'), $4::interval) AS p`,
      [query.interval, query.from, query.to, BUCKET_STEP[query.interval]],
    );
    const groups = [...new Set([...(FIXED_GROUPS[query.groupBy] ?? []), ...rows.map((row) => row.grp)])];
    if (!FIXED_GROUPS[query.groupBy]) groups.sort();
    const zero = (): Record<string, number> => Object.fromEntries(groups.map((group) => [group, 0]));
    const byPeriod = new Map<string, TrendBucket>(
      periods.map(({ period }) => [period, { period, total: 0, counts: zero() }]),
    );
    const totals = zero();
    for (const row of rows) {
      const bucket = byPeriod.get(row.period);
      if (!bucket) continue;
      const n = Number(row.n);
      bucket.counts[row.grp] += n;
      bucket.total += n;
      totals[row.grp] += n;
    }
    return {
      interval: query.interval,
      groupBy: query.groupBy,
      from: query.from.toISOString(),
      to: query.to.toISOString(),
      groups,
      totals,
      buckets: [...byPeriod.values()],
    };
  }
}
