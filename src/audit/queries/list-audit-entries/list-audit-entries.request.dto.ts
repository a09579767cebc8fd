import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumberString, IsOptional, Length } from 'class-validator';
import { PageRequestDto } from '../../../common/page-request.dto.js';

/** Query of `GET /audit`: a page size and the cursor (`nextCursor` of the previous page, a seq). */
export class ListAuditEntriesRequestDto extends PageRequestDto {
  @ApiPropertyOptional({ description: '`nextCursor` of the previous page (the last seq it listed)', example: '1042' })
  @IsOptional()
  @IsNumberString({ no_symbols: true })
  @Length(1, 18)
  after?: string;
}
