import { Query } from '@nestjs/cqrs';
import type { Principal } from '../../../auth/api-keys.service.js';
import type { Surge, SurgeDimension } from '../../../signals/surge-detector.js';
import type { ReportPeriod } from '../../period.js';

/** A count beside the previous period's: `change` = count − previous; `changePercent` = change / previous × 100 (1 decimal), null when previous is 0. */
export interface PeriodComparison {
  count: number;
  previous: number;
  change: number;
  changePercent: number | null;
}

/** One category among the top of its axis: its value, counts, and its share of the period's incidents (0–1). */
export interface TopCategory extends PeriodComparison {
  value: string;
  share: number;
}

/** An incident worth a reader's attention: flash urgency (a red-line flag or existential magnitude) or severe/critical severity. */
export interface NotableIncident {
  id: string;
  title: string;
  occurredAt: string;
  country: string;
  mechanism: string;
  magnitude: string;
  severity: string;
  urgency: string;
  tlp: string;
}

/**
 * Response of `GET /reports/periodic`. Periods are [start, end) in UTC; counts are those of `GET /trends` over the
 * same range (labels in force, retracted and invisible incidents excluded). `axes` lists per dimension the top five
 * categories with at least one incident (a harm type counts an incident once per harm type, so shares may sum above 1).
 * `tlp` is the most restrictive marking of every incident the report draws on (CLEAR when none): both periods'
 * counts, the surge baselines (from 9 weeks before the period's first week) and the notable incidents; a regulator's
 * own TLP:RED incident in any of them makes the report RED. Share the printed report accordingly.
 */
export interface PeriodicReport {
  period: { code: string; kind: ReportPeriod['kind']; start: string; end: string };
  previousPeriod: { code: string; start: string; end: string };
  generatedAt: string;
  tlp: string;
  total: PeriodComparison;
  axes: Array<{ dimension: SurgeDimension; top: TopCategory[] }>;
  method: string;
  surges: Surge[];
  notableIncidents: NotableIncident[];
}

/** The periodic assessment of one period for what the principal may see. */
export class GetPeriodicReportQuery extends Query<PeriodicReport> {
  constructor(
    readonly period: ReportPeriod,
    readonly principal: Principal,
  ) {
    super();
  }
}
