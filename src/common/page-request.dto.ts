import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, ValidateBy } from 'class-validator';

/** Most items one page may hold (`limit`). */
export const MAX_PAGE_SIZE = 100;

/**
 * class-validator decorator: the value is an integer from `min` to `max` inclusive. One message naming the property
 * and the range (`limit must be an integer from 1 to 100`), whatever is wrong, instead of IsInt/Min/Max each adding a
 * message (for `limit=abc` that read "must not be greater than 100" and "must not be less than 1" at once).
 */
export function IsIntegerInRange(min: number, max: number): PropertyDecorator {
  return ValidateBy({
    name: 'isIntegerInRange',
    constraints: [min, max],
    validator: {
      validate: (value: unknown) => typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max,
      defaultMessage: (args) => `${args?.property ?? 'value'} must be an integer from ${min} to ${max}`,
    },
  });
}

/**
 * Page size of a keyset-paginated list: `limit` 1..100, default 20 (anything else: 400 naming `limit`). Lists answer
 * `{ items, nextCursor }`; pass `nextCursor` back as `after` (each list's DTO declares `after`, since its cursor
 * format differs).
 */
export class PageRequestDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^\d{1,4}$/.test(value) ? Number(value) : value))
  @IsIntegerInRange(1, MAX_PAGE_SIZE)
  limit = 20;
}
