import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { IsPlainText } from '../../../common/text-validators.js';

/** Query of `DELETE /partners/{id}`. */
export class RemovePartnerRequestDto {
  @ApiPropertyOptional({ maxLength: 400, description: 'Why; recorded on the partner and in each cancelled delivery', example: 'exchange agreement ended' })
  @IsOptional()
  @IsString()
  @Length(1, 400)
  @IsPlainText({ visible: true })
  reason?: string;
}
