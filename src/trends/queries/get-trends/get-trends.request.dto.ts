import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsBoolean, IsIn, IsOptional } from 'class-validator';
import { INCIDENT_DIMENSION_NAMES, type IncidentDimensionName } from '../../../read-models/incident-dimensions.js';
import { IncidentFilterRequestDto, toList } from '../../../read-models/incident-filter.request.dto.js';

export const TREND_INTERVALS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type TrendInterval = (typeof TREND_INTERVALS)[number];

/** Dimensions a trend can be grouped by (one or two): every dimension of the read model. */
export type TrendDimension = IncidentDimensionName;

/**
 * Query of `GET /trends`: `interval`, `groupBy` (one or two dimensions, `groupBy=mechanism,sector` or repeated) and
 * the filters of IncidentFilterRequestDto. The range is [from, to] on the incident's `occurredAt` (UTC).
 */
export class GetTrendsRequestDto extends IncidentFilterRequestDto {
  @ApiPropertyOptional({ enum: TREND_INTERVALS, default: 'month' })
  @IsOptional()
  @IsIn(TREND_INTERVALS)
  interval: TrendInterval = 'month';

  @ApiPropertyOptional({
    description: 'One or two dimensions (comma-separated or repeated); two give one series per pair of values',
    enum: INCIDENT_DIMENSION_NAMES,
    isArray: true,
    default: ['mechanism'],
    example: 'mechanism,sector',
  })
  @IsOptional()
  @Transform(toList)
  @ArrayMinSize(1)
  @ArrayMaxSize(2)
  @ArrayUnique()
  @IsIn(INCIDENT_DIMENSION_NAMES, { each: true })
  groupBy: TrendDimension[] = ['mechanism'];

  @ApiPropertyOptional({
    description: 'Attach `surges` (EARS C2 signals per ISO week, docs/signals.md) for the grouped dimensions among mechanism, magnitude, source, harmType, sector and country; `false` skips the extra scan',
    type: Boolean,
    default: true,
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  signals = true;
}
