import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsCalendarDate } from '../../../common/text-validators.js';

export const TREND_INTERVALS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type TrendInterval = (typeof TREND_INTERVALS)[number];

/** Dimensions a trend can be grouped by, and the SQL expression of each (whitelisted; never user text). */
export const TREND_DIMENSIONS = {
  mechanism: 'c.mechanism',
  magnitude: 'c.magnitude',
  source: 'c.source',
  country: 'i.country',
  sector: "COALESCE(i.sector, 'unspecified')",
  tlp: 'i.tlp',
} as const;
export type TrendDimension = keyof typeof TREND_DIMENSIONS;

/** Query of `GET /trends`. Dates are ISO 8601; the range is [from, to] on the incident's `occurredAt`. */
export class GetTrendsRequestDto {
  @ApiPropertyOptional({ enum: TREND_INTERVALS, default: 'month' })
  @IsOptional()
  @IsIn(TREND_INTERVALS)
  interval: TrendInterval = 'month';

  @ApiPropertyOptional({ enum: Object.keys(TREND_DIMENSIONS), default: 'mechanism' })
  @IsOptional()
  @IsIn(Object.keys(TREND_DIMENSIONS))
  groupBy: TrendDimension = 'mechanism';

  @ApiPropertyOptional({ description: 'Start (inclusive); default: five years before `to`', example: '2020-01-01' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ description: 'End (inclusive); default: now', example: '2026-12-31' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}
