import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { PageRequestDto } from '../../../common/page-request.dto.js';

/** Query of `GET /alerts/overdue`: a page size and the cursor (`nextCursor` of the previous page). */
export class ListOverdueAlertsRequestDto extends PageRequestDto {
  @ApiPropertyOptional({ description: '`nextCursor` of the previous page (the last alert id it listed)' })
  @IsOptional()
  @IsUUID()
  after?: string;
}
