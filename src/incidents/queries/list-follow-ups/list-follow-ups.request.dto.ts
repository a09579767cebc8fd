import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { PageRequestDto } from '../../../common/page-request.dto.js';

/** Query of `GET /incidents/{id}/follow-ups`: a page size and the cursor (`nextCursor` of the previous page). */
export class ListFollowUpsRequestDto extends PageRequestDto {
  @ApiPropertyOptional({ description: '`nextCursor` of the previous page (the last follow-up id it listed)' })
  @IsOptional()
  @IsUUID()
  after?: string;
}
