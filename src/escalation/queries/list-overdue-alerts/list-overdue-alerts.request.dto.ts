import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

/** Query of `GET /alerts/overdue`: a page size and the cursor (`nextCursor` of the previous page). */
export class ListOverdueAlertsRequestDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^\d{1,4}$/.test(value) ? Number(value) : value))
  @IsInt()
  @Min(1)
  @Max(100)
  limit = 20;

  @ApiPropertyOptional({ description: '`nextCursor` of the previous page (the last alert id it listed)' })
  @IsOptional()
  @IsUUID()
  after?: string;
}
