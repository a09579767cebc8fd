import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { IsPlainText } from '../../../common/text-validators.js';
import { FollowUpInformationDto } from '../../../dissemination/commands/acknowledge-alert/acknowledge-alert.request.dto.js';
import { FILER_FOLLOW_UP_MAX_LENGTH } from './follow-up-incident.handler.js';

/**
 * Body of `POST /incidents/{id}/follow-ups`: text (1..1970, it travels as the Update alert's `note`, at most 2000
 * with its prefix) and optional structured fields (stored and listed; not carried in the alert).
 */
export class FollowUpIncidentRequestDto extends FollowUpInformationDto {
  @ApiProperty({ minLength: 1, maxLength: FILER_FOLLOW_UP_MAX_LENGTH, example: 'The deployer withdrew the model on 2026-03-20.' })
  @IsString()
  @MaxLength(FILER_FOLLOW_UP_MAX_LENGTH)
  @IsPlainText({ visible: true })
  declare text: string;
}
