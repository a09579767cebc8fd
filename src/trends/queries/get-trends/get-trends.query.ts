import { Query } from '@nestjs/cqrs';
import type { Principal } from '../../../auth/api-keys.service.js';
import type { IncidentFilters } from '../../../read-models/incident-dimensions.js';
import type { Surge } from '../../../signals/surge-detector.js';
import type { TrendDimension, TrendInterval } from './get-trends.request.dto.js';

/** One group of a bucket: its value per grouped dimension, its count, and its share of the bucket. */
export interface TrendGroup {
  /** `{ mechanism: 'misuse' }`, or with two dimensions `{ mechanism: 'misuse', sector: 'finance' }`. */
  keys: Partial<Record<TrendDimension, string>>;
  count: number;
  /** count / (sum of the bucket's group counts), 0 for an empty bucket; the bucket's shares sum to 1. */
  share: number;
}

/**
 * One time bucket [start, end) in UTC, present (with zeros) even when no incident falls in it. `groups` has every
 * series of the view in the same order in each bucket (ready for a stacked chart: one dataset per series, one point
 * per bucket). `total` counts incidents; with `harmType` grouped an incident counts once per harm type, so
 * the group counts may sum to more than `total`. `period` (start date) and `counts` (by series label) are the
 * single-dimension shape of the first release, kept for its clients.
 */
export interface TrendBucket {
  period: string;
  /** ISO 8601 instant, bucket start (inclusive). */
  start: string;
  /** ISO 8601 instant, next bucket's start (exclusive). */
  end: string;
  total: number;
  groups: TrendGroup[];
  counts: Record<string, number>;
}

/** One series of the view: its keys, its label (`misuse`, or `misuse|finance` with two dimensions) and its total. */
export interface TrendSeries {
  keys: Partial<Record<TrendDimension, string>>;
  label: string;
  total: number;
}

/**
 * Response of `GET /trends`. `series` lists every group shown (fixed vocabularies in full, open dimensions with the
 * values found, restricted to the filter values when filtered; two dimensions give every pair); `buckets` covers
 * the whole range. `groups` (series labels) and `totals` (by label) are kept from the first release.
 */
export interface TrendsView {
  interval: TrendInterval;
  /** The grouped dimensions, in request order. */
  dimensions: TrendDimension[];
  /** The first grouped dimension (first-release field). */
  groupBy: TrendDimension;
  from: string;
  to: string;
  filters: IncidentFilters;
  /** Incidents counted in the whole range. */
  total: number;
  series: TrendSeries[];
  groups: string[];
  totals: Record<string, number>;
  buckets: TrendBucket[];
  /** Surge signals (src/signals) of the grouped surge dimensions in the range, with the trend's filters; [] when not asked. */
  surges: Surge[];
}

/** Incident counts per time bucket, grouped by one or two dimensions, filtered, as the principal may see them. */
export class GetTrendsQuery extends Query<TrendsView> {
  constructor(
    readonly interval: TrendInterval,
    readonly dimensions: TrendDimension[],
    readonly from: Date,
    readonly to: Date,
    readonly filters: IncidentFilters,
    readonly principal: Principal,
    /** Also detect surges (one more grouped scan per grouped surge dimension). */
    readonly signals = false,
  ) {
    super();
  }
}
