import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsPlainText } from '../../../common/text-validators.js';

/** Body of `POST /alerts/{id}/ack`. */
export class AcknowledgeAlertRequestDto {
  @ApiPropertyOptional({ maxLength: 2000, description: 'Free-text note from the receiving single window' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @IsPlainText({ visible: true })
  note?: string;
}
