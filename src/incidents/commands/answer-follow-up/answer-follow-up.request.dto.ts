import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { ACKNOWLEDGEMENT_LIMITS } from '@app/contracts';
import { IsPlainText } from '../../../common/text-validators.js';

/** Body of `POST /incidents/{id}/follow-ups/{followUpId}/answer`. */
export class AnswerFollowUpRequestDto {
  @ApiProperty({ minLength: 1, maxLength: ACKNOWLEDGEMENT_LIMITS.textLength, example: 'Our CERT will contact yours within the hour.' })
  @IsString()
  @MaxLength(ACKNOWLEDGEMENT_LIMITS.textLength)
  @IsPlainText({ visible: true })
  answer!: string;
}
