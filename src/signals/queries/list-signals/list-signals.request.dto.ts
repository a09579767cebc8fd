import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMinSize, ArrayUnique, IsIn, IsOptional } from 'class-validator';
import { IsCalendarDate } from '../../../common/text-validators.js';
import { toList } from '../../../read-models/incident-filter.request.dto.js';
import type { EarsMethodName } from '../../ears.js';
import { SURGE_DIMENSIONS, type SurgeDimension } from '../../surge-detector.js';

/** Query of `GET /signals`: the weeks overlapping [from, to] (RFC 3339, inclusive), the dimensions, the EARS method. */
export class ListSignalsRequestDto {
  @ApiPropertyOptional({ description: 'occurredAt from (inclusive, RFC 3339); default 12 weeks before `to`', example: '2026-01-01' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ description: 'occurredAt to (inclusive, RFC 3339); default now', example: '2026-12-31' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ description: 'Dimensions to watch (comma-separated or repeated); default all', enum: SURGE_DIMENSIONS, isArray: true, example: 'mechanism,country' })
  @IsOptional()
  @Transform(toList)
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(SURGE_DIMENSIONS, { each: true })
  dimension: SurgeDimension[] = [...SURGE_DIMENSIONS];

  @ApiPropertyOptional({ description: 'EARS C2 (default) or C3 (docs/signals.md)', enum: ['C2', 'C3'], default: 'C2' })
  @IsOptional()
  @IsIn(['C2', 'C3'])
  method: EarsMethodName = 'C2';
}
