import { Query } from '@nestjs/cqrs';
import type { TrendDimension, TrendInterval } from './get-trends.request.dto.js';

/** One time bucket: `period` is the bucket start (YYYY-MM-DD, UTC); `counts` has every group, zeros included. */
export interface TrendBucket {
  period: string;
  total: number;
  counts: Record<string, number>;
}

export interface TrendsView {
  interval: TrendInterval;
  groupBy: TrendDimension;
  from: string;
  to: string;
  groups: string[];
  totals: Record<string, number>;
  buckets: TrendBucket[];
}

/** Incident counts per time bucket, grouped by one dimension. */
export class GetTrendsQuery extends Query<TrendsView> {
  constructor(
    readonly interval: TrendInterval,
    readonly groupBy: TrendDimension,
    readonly from: Date,
    readonly to: Date,
  ) {
    super();
  }
}
