import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { PERIOD_PATTERN } from '../../period.js';

/** Query of `GET /reports/periodic`: the period and, optionally, the format (else chosen by `Accept`). */
export class GetPeriodicReportRequestDto {
  @ApiProperty({ description: 'A year `YYYY`, a quarter `YYYY-Qn` or a month `YYYY-MM` (UTC; years 1950–2100)', example: '2026-Q3' })
  @IsString()
  @Matches(PERIOD_PATTERN, { message: 'period must be a year YYYY, a quarter YYYY-Qn (n 1-4) or a month YYYY-MM' })
  period!: string;

  @ApiPropertyOptional({ description: 'json or html; without it `Accept: text/html` chooses HTML', enum: ['json', 'html'] })
  @IsOptional()
  @IsIn(['json', 'html'])
  format?: 'json' | 'html';
}
