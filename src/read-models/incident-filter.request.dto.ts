import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsISO31661Alpha2, IsOptional } from 'class-validator';
import { IsCalendarDate } from '../common/text-validators.js';
import { INCIDENT_DIMENSIONS, INCIDENT_DIMENSION_NAMES, type IncidentFilters } from './incident-dimensions.js';

/** class-transformer `@Transform` for list parameters: accepts `a,b` and repeated `?x=a&x=b` alike; trims, drops empties. */
export const toList = ({ value }: { value: unknown }): unknown[] => {
  const items: unknown[] = Array.isArray(value) ? (value as unknown[]) : [value];
  return items
    .flatMap((item): unknown[] => (typeof item === 'string' ? item.split(',').map((part) => part.trim()) : [item]))
    .filter((item) => item !== '');
};
const toUpperList = (input: { value: unknown }): unknown[] => toList(input).map((item) => (typeof item === 'string' ? item.toUpperCase() : item));

const listDoc = (values: readonly string[] | undefined, example: string) => ({
  description: `Keep only these values (comma-separated or repeated; OR within the field, AND across fields)${values ? '' : '; ISO 3166-1 alpha-2'}`,
  isArray: true,
  type: String,
  ...(values ? { enum: [...values] } : {}),
  example,
});

/**
 * Filters shared by `GET /trends`, `GET /incidents` and its CSV export: one multi-valued field per taxonomy dimension
 * (incident-dimensions.ts; labels in force) and the `occurredAt` range `from`..`to` (RFC 3339, inclusive).
 * 400 names each field with an unknown value.
 */
export class IncidentFilterRequestDto {
  @ApiPropertyOptional(listDoc(INCIDENT_DIMENSIONS.mechanism.vocabulary, 'misuse'))
  @IsOptional() @Transform(toList) @ArrayMaxSize(20) @IsIn(INCIDENT_DIMENSIONS.mechanism.vocabulary, { each: true })
  mechanism?: string[];

  @ApiPropertyOptional(listDoc(INCIDENT_DIMENSIONS.magnitude.vocabulary, 'general'))
  @IsOptional() @Transform(toList) @ArrayMaxSize(20) @IsIn(INCIDENT_DIMENSIONS.magnitude.vocabulary, { each: true })
  magnitude?: string[];

  @ApiPropertyOptional(listDoc(INCIDENT_DIMENSIONS.source.vocabulary, 'enabled'))
  @IsOptional() @Transform(toList) @ArrayMaxSize(20) @IsIn(INCIDENT_DIMENSIONS.source.vocabulary, { each: true })
  source?: string[];

  @ApiPropertyOptional(listDoc(INCIDENT_DIMENSIONS.harmType.vocabulary, 'deepfake,privacy_infringement'))
  @IsOptional() @Transform(toList) @ArrayMaxSize(20) @IsIn(INCIDENT_DIMENSIONS.harmType.vocabulary, { each: true })
  harmType?: string[];

  @ApiPropertyOptional(listDoc(INCIDENT_DIMENSIONS.sector.vocabulary, 'biometrics'))
  @IsOptional() @Transform(toList) @ArrayMaxSize(20) @IsIn(INCIDENT_DIMENSIONS.sector.vocabulary, { each: true })
  sector?: string[];

  @ApiPropertyOptional(listDoc(undefined, 'CN,US'))
  // The filing's rule (IsISO31661Alpha2, file-incident.request.dto.ts): `zz` is refused here as `XX` is there.
  @IsOptional() @Transform(toUpperList) @ArrayMaxSize(50) @IsISO31661Alpha2({ each: true, message: 'each value in country must be an ISO 3166-1 alpha-2 code' })
  country?: string[];

  @ApiPropertyOptional(listDoc(INCIDENT_DIMENSIONS.severity.vocabulary, 'severe,critical'))
  @IsOptional() @Transform(toList) @ArrayMaxSize(20) @IsIn(INCIDENT_DIMENSIONS.severity.vocabulary, { each: true })
  severity?: string[];

  @ApiPropertyOptional(listDoc(INCIDENT_DIMENSIONS.urgency.vocabulary, 'flash'))
  @IsOptional() @Transform(toList) @ArrayMaxSize(20) @IsIn(INCIDENT_DIMENSIONS.urgency.vocabulary, { each: true })
  urgency?: string[];

  @ApiPropertyOptional(listDoc(INCIDENT_DIMENSIONS.lifecycleStage.vocabulary, 'content_generation'))
  @IsOptional() @Transform(toList) @ArrayMaxSize(20) @IsIn(INCIDENT_DIMENSIONS.lifecycleStage.vocabulary, { each: true })
  lifecycleStage?: string[];

  @ApiPropertyOptional(listDoc(INCIDENT_DIMENSIONS.tlp.vocabulary, 'CLEAR,GREEN'))
  @IsOptional() @Transform(toList) @ArrayMaxSize(20) @IsIn(INCIDENT_DIMENSIONS.tlp.vocabulary, { each: true })
  tlp?: string[];

  @ApiPropertyOptional({ description: 'occurredAt from (inclusive, RFC 3339)', example: '2020-01-01' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ description: 'occurredAt to (inclusive, RFC 3339; a date alone covers that whole UTC day)', example: '2026-12-31' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

/**
 * The instant a validated inclusive `to` ends at: a calendar date alone (`2020-12-31`) covers that whole UTC day, so
 * it ends at its last millisecond (2020-12-31T23:59:59.999Z); a date-time ends where it says.
 */
export const inclusiveEnd = (to: string): Date =>
  /^\d{4}-\d{2}-\d{2}$/.test(to) ? new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000 - 1) : new Date(to);

/** The dimension filters of a validated request, without empty lists. */
export function filtersOf(request: IncidentFilterRequestDto): IncidentFilters {
  const filters: IncidentFilters = {};
  for (const name of INCIDENT_DIMENSION_NAMES) {
    const values = request[name];
    if (values && values.length > 0) filters[name] = [...new Set(values)];
  }
  return filters;
}
