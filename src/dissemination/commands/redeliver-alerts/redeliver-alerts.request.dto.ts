import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsCalendarDate } from '../../../common/text-validators.js';

/** Body of `POST /partners/{id}/redeliveries`: which of the partner's alerts to send again. */
export class RedeliverAlertsRequestDto {
  @ApiPropertyOptional({ description: 'Alerts recorded at or after this time (RFC 3339)' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ description: 'Alerts recorded at or before this time (RFC 3339)' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ enum: ['dead', 'delivered', 'any'], default: 'dead', description: 'Which delivery states to re-send' })
  @IsOptional()
  @IsIn(['dead', 'delivered', 'any'])
  status: 'dead' | 'delivered' | 'any' = 'dead';
}
