import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/**
 * Page size of a keyset-paginated list: `limit` 1..100, default 20. Lists answer `{ items, nextCursor }`; pass
 * `nextCursor` back as `after` (each list's DTO declares `after`, since its cursor format differs).
 */
export class PageRequestDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^\d{1,4}$/.test(value) ? Number(value) : value))
  @IsInt()
  @Min(1)
  @Max(100)
  limit = 20;
}
