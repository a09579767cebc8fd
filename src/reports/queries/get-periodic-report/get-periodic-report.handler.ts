import { TLP_MARKINGS } from '@app/contracts';
import { QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '../../../audit/audit-log.service.js';
import { visibilityCondition } from '../../../read-models/incident-dimensions.js';
import { EARS_C2, earsMethodId } from '../../../signals/ears.js';
import { SURGE_DIMENSIONS, SurgeDetector, surgeSeriesStart, type SurgeDimension } from '../../../signals/surge-detector.js';
import { GetTrendsQuery, type TrendsView } from '../../../trends/queries/get-trends/get-trends.query.js';
import { previousPeriod } from '../../period.js';
import { GetPeriodicReportQuery, type NotableIncident, type PeriodComparison, type PeriodicReport, type TopCategory } from './get-periodic-report.query.js';

const TOP_CATEGORIES = 5;
const NOTABLE_INCIDENTS = 10;

/**
 * Builds the periodic report from `GET /trends`' own query (one trend per axis over the previous and the current
 * period, bucketed by the period's kind, so exactly two buckets), the surge detector (EARS C2, weeks starting in the
 * period) and one read-model query for the notable incidents. Every count comes from countTrend (trend-counts.ts):
 * one dimension and no filter is a key of the `trend_counts` read model, so only the period's partial last day is
 * counted from `incident_search`; the notable incidents are a ranked list of rows, which `incident_search` answers.
 * The report's TLP marking is the most restrictive of every incident any figure draws on (a yearly trend by TLP over
 * the same incidents, from the surge baseline's first week or the previous period's start, whichever is earlier), not
 * only of those listed: a count, share or surge that includes a TLP:RED or AMBER+STRICT incident discloses something
 * about it (six RED incidents from one country make that country's row), so it is shared no wider than that incident.
 */
@QueryHandler(GetPeriodicReportQuery)
export class GetPeriodicReportHandler implements IQueryHandler<GetPeriodicReportQuery> {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly surgeDetector: SurgeDetector,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly auditLog: AuditLog,
  ) {}

  async execute({ period, principal }: GetPeriodicReportQuery): Promise<PeriodicReport> {
    const previous = previousPeriod(period);
    const last = new Date(period.end.getTime() - 1);
    // Every incident a figure draws on: both periods' counts and the surge series from its baseline's first week.
    const countedFrom = new Date(Math.min(previous.start.getTime(), surgeSeriesStart(period.start, EARS_C2).getTime()));
    const [trends, surges, notableIncidents, markings] = await Promise.all([
      Promise.all(SURGE_DIMENSIONS.map((dimension) => this.queryBus.execute(new GetTrendsQuery(period.kind, [dimension], previous.start, last, {}, principal)))),
      this.surgeDetector.detect({ principal, from: period.start, to: last, dimensions: SURGE_DIMENSIONS, method: EARS_C2.name }),
      this.notable(period.start, period.end, principal),
      this.queryBus.execute(new GetTrendsQuery('year', ['tlp'], countedFrom, last, {}, principal)),
    ]);
    const counted = new Set(markings.series.filter((series) => series.total > 0).map((series) => series.keys.tlp));
    // The notable incidents are listed with their titles: their AMBER+STRICT and RED reads are audited like a search's.
    await this.auditLog.recordIncidentReads(notableIncidents);
    const [previousBucket, currentBucket] = trends[0].buckets;
    const total = compare(currentBucket.total, previousBucket.total);
    return {
      period: { code: period.code, kind: period.kind, start: period.start.toISOString(), end: period.end.toISOString() },
      previousPeriod: { code: previous.code, start: previous.start.toISOString(), end: previous.end.toISOString() },
      generatedAt: new Date().toISOString(),
      tlp: TLP_MARKINGS.findLast((marking) => counted.has(marking) || notableIncidents.some((incident) => incident.tlp === marking)) ?? 'CLEAR',
      total,
      axes: SURGE_DIMENSIONS.map((dimension, index) => ({ dimension, top: topCategories(dimension, trends[index], total.count) })),
      method: earsMethodId(EARS_C2),
      surges: surges.filter((surge) => new Date(surge.start) >= period.start),
      notableIncidents,
    };
  }

  private notable(start: Date, end: Date, principal: GetPeriodicReportQuery['principal']): Promise<NotableIncident[]> {
    const params: unknown[] = [start, end];
    const visible = visibilityCondition(principal, params);
    return this.dataSource.query<NotableIncident[]>(
      `SELECT s.incident_id AS id, s.title, to_char(s.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "occurredAt",
              s.country, s.mechanism, s.magnitude, s.severity, s.urgency, s.tlp
         FROM incident_search s
        WHERE s.status = 'active' AND s.occurred_at >= $1 AND s.occurred_at < $2 AND ${visible}
          AND (s.urgency = 'flash' OR s.severity IN ('critical', 'severe'))
        ORDER BY (s.urgency = 'flash') DESC, (s.severity = 'critical') DESC, s.occurred_at DESC, s.incident_id
        LIMIT ${NOTABLE_INCIDENTS}`,
      params,
    );
  }
}

function compare(count: number, previous: number): PeriodComparison {
  const change = count - previous;
  return { count, previous, change, changePercent: previous === 0 ? null : Math.round((change / previous) * 1000) / 10 };
}

/** The axis' categories with incidents in the current bucket, most first (ties in vocabulary order), at most five. */
function topCategories(dimension: SurgeDimension, trend: TrendsView, total: number): TopCategory[] {
  const [previousBucket, currentBucket] = trend.buckets;
  return currentBucket.groups
    .map((group, index) => ({
      value: group.keys[dimension]!,
      share: total === 0 ? 0 : Math.round((group.count / total) * 1000) / 1000,
      ...compare(group.count, previousBucket.groups[index].count),
    }))
    .filter((category) => category.count > 0)
    .sort((a, b) => b.count - a.count)
    .slice(0, TOP_CATEGORIES);
}
