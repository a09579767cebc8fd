import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { PageRequestDto } from '../../../common/page-request.dto.js';

/** Query of `GET /public/alerts`: keyset pagination, newest change first. */
export class ListPublicAlertsRequestDto extends PageRequestDto {
  @ApiPropertyOptional({ description: '`nextCursor` of the previous page' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,200}$/, { message: 'after must be a cursor returned as `nextCursor`' })
  after?: string;
}
