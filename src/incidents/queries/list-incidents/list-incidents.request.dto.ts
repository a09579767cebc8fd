import { ApiPropertyOptional, IntersectionType, OmitType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageRequestDto } from '../../../common/page-request.dto.js';
import { IsPlainText } from '../../../common/text-validators.js';
import { IncidentFilterRequestDto, toList } from '../../../read-models/incident-filter.request.dto.js';

export const SEARCH_SORTS = ['date', 'relevance'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];
export const INCIDENT_STATUSES = ['active', 'retracted'] as const;

/**
 * Query of `GET /incidents` and `GET /incidents/export.csv`: full text `q`, the filters of IncidentFilterRequestDto,
 * `status`, `sort`, and for pages `limit` (PageRequestDto) and `after` (the previous page's `nextCursor`).
 */
export class ListIncidentsRequestDto extends IntersectionType(IncidentFilterRequestDto, PageRequestDto) {
  @ApiPropertyOptional({
    description:
      'Words to find in title and description (all must match). English words match stemmed ("drivers" finds "driver"); ' +
      'any word also matches as a substring, so Chinese needs no spaces ("人脸识别" finds "…使用人脸识别系统…"). Case-insensitive.',
    maxLength: 200,
    example: '人脸识别',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @IsPlainText({ visible: true })
  q?: string;

  @ApiPropertyOptional({ enum: INCIDENT_STATUSES, isArray: true, default: ['active'], description: 'Incident status (retracted ones only when asked)' })
  @IsOptional()
  @Transform(toList)
  @ArrayMaxSize(2)
  @IsIn(INCIDENT_STATUSES, { each: true })
  status: string[] = ['active'];

  @ApiPropertyOptional({ enum: SEARCH_SORTS, description: 'Newest occurredAt first (default), or best match first (needs `q`)' })
  @IsOptional()
  @IsIn(SEARCH_SORTS)
  sort: SearchSort = 'date';

  @ApiPropertyOptional({ description: 'Opaque cursor: `nextCursor` of the previous page of the same query' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  after?: string;
}

/**
 * Query of `GET /incidents/export.csv`: the search of ListIncidentsRequestDto without `limit` and `after`. The export
 * holds every match, so a page size or cursor is refused (400 naming it) rather than accepted and ignored.
 */
export class ExportIncidentsRequestDto extends OmitType(ListIncidentsRequestDto, ['limit', 'after'] as const) {
  @ApiPropertyOptional({
    description: 'Start the file with a UTF-8 byte order mark, so Microsoft Excel opens Chinese and other non-ASCII text as UTF-8 instead of the local code page',
    type: Boolean,
    default: false,
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  bom = false;
}
