import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/api-keys.service.js';
import type { IncidentFilters } from '../read-models/incident-dimensions.js';
import { countTrend } from '../read-models/trend-counts.js';
import { SURGE_DIMENSIONS, type SurgeDimension, type SurgeFigures } from '@app/contracts';
import { EARS_METHODS, earsMethodId, earsStatistics, type EarsMethod, type EarsMethodName } from './ears.js';

/** Categories watched for surges: the three taxonomy axes, harm type, sector and country (issue 5, "Signals"). */
export { SURGE_DIMENSIONS, type SurgeDimension };

export const WEEK_MS = 7 * 86_400_000;
/** Longest range one detection covers, in weeks (about 19 years): `GET /signals` refuses more, trends watch the last ones. */
export const SURGE_MAX_WEEKS = 1000;

/**
 * One surge: the ISO week [start, end) (UTC, Monday 00:00) in which incidents of `dimension` = `value` exceeded the
 * EARS threshold. `count` incidents that week, `expected` = the baseline mean, `sd` the baseline standard deviation
 * used (floored at the method's minimum), `statistic` the C2 or C3 value, `threshold` its signal level, `method` the
 * method id with its parameters (ears.ts). Shape read by the dashboard (src/dashboard/public/api.js normalizeSurges).
 */
export interface Surge extends SurgeFigures {
  dimension: SurgeDimension;
  value: string;
  start: string;
  end: string;
}

/** What to watch: weeks overlapping [from, to], the dimensions, optional filters, the EARS method. */
export interface SurgeSearch {
  principal: Principal;
  from: Date;
  to: Date;
  dimensions: readonly SurgeDimension[];
  filters?: IncidentFilters;
  method?: EarsMethodName;
}

/** Monday 00:00 UTC of the ISO week holding `date`. */
export function isoWeekStart(date: Date): Date {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * 86_400_000);
}

/**
 * First week (Monday 00:00 UTC) of the weekly series a detection from `from` counts: the baseline's first week, 9
 * weeks before `from`'s week for C2 (7 baseline + 2 guard), 11 for C3 (which sums the C2 of the week and the two
 * before). Every incident occurred from then on can move a surge signal of `from` onwards.
 */
export function surgeSeriesStart(from: Date, method: EarsMethod): Date {
  const history = method.baseline + method.guard + (method.name === 'C3' ? 2 : 0);
  return new Date(isoWeekStart(from).getTime() - history * WEEK_MS);
}

/**
 * Detects surges on request from the `incident_search` read model (labels in force; retracted incidents and
 * incidents the principal may not see are not counted, as in `GET /trends`): counts incidents per ISO week and
 * category from the baseline's first week (9 weeks before `from`'s week for C2, 11 for C3) to `to`, fills weeks
 * without incidents with zeros, and runs EARS (ears.ts) on each category's series. A harm type counts each incident
 * once per harm type. Returns the signalling weeks that start in [week of `from`, `to`], oldest first, then by
 * dimension and value. Weekly counts come from the `trend_counts` read model when it answers (countTrend).
 */
@Injectable()
export class SurgeDetector {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async detect(search: SurgeSearch): Promise<Surge[]> {
    const method = EARS_METHODS[search.method ?? 'C2'];
    const seriesStart = surgeSeriesStart(search.from, method);
    // Signals are reported from `from`'s week on; the weeks before it are the baseline.
    const firstReported = Math.round((isoWeekStart(search.from).getTime() - seriesStart.getTime()) / WEEK_MS);
    const lastWeek = isoWeekStart(search.to);
    const weeks = Math.round((lastWeek.getTime() - seriesStart.getTime()) / WEEK_MS) + 1;
    const perDimension = await Promise.all(
      search.dimensions.map(async (name) => {
        const rows = await this.weeklyCounts(name, search, seriesStart);
        const series = new Map<string, number[]>();
        for (const row of rows) {
          const index = Math.round((new Date(row.week).getTime() - seriesStart.getTime()) / WEEK_MS);
          if (!series.has(row.value)) series.set(row.value, new Array<number>(weeks).fill(0));
          series.get(row.value)![index] += row.n;
        }
        return [...series].flatMap(([value, counts]) =>
          earsStatistics(counts, method)
            .filter((point) => point.alarm && point.index >= firstReported)
            .map((point): Surge => {
              const start = seriesStart.getTime() + point.index * WEEK_MS;
              return {
                dimension: name,
                value,
                start: new Date(start).toISOString(),
                end: new Date(start + WEEK_MS).toISOString(),
                count: point.count,
                expected: round(point.expected),
                sd: round(point.sd),
                statistic: round(point.statistic),
                threshold: method.threshold,
                method: earsMethodId(method),
              };
            }),
        );
      }),
    );
    const order = (surge: Surge) => `${surge.start} ${SURGE_DIMENSIONS.indexOf(surge.dimension)} ${surge.value}`;
    return perDimension.flat().sort((a, b) => order(a).localeCompare(order(b)));
  }

  private async weeklyCounts(name: SurgeDimension, search: SurgeSearch, seriesStart: Date): Promise<Array<{ week: string; value: string; n: number }>> {
    const rows = await countTrend(this.dataSource, {
      interval: 'week',
      groupBy: [name],
      filters: search.filters ?? {},
      from: seriesStart,
      to: search.to,
      principal: search.principal,
    });
    return rows.map((row) => ({ week: `${row.period}T00:00:00Z`, value: row.k0, n: row.n }));
  }
}

const round = (value: number): number => Math.round(value * 1000) / 1000;
