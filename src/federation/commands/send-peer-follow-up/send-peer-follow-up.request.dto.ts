import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { AssistanceRequestDto, FollowUpInformationDto } from '../../../dissemination/commands/acknowledge-alert/acknowledge-alert.request.dto.js';

/** Body of `POST /federation/incidents/{id}/follow-ups`: follow-up information and/or a request for assistance (one at least). */
export class SendPeerFollowUpRequestDto {
  @ApiPropertyOptional({ type: FollowUpInformationDto, description: 'Follow-up information for the originating single window' })
  @IsOptional()
  @ValidateNested()
  @Type(() => FollowUpInformationDto)
  followUp?: FollowUpInformationDto;

  @ApiPropertyOptional({ type: AssistanceRequestDto, description: 'A request for assistance to the originating single window' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AssistanceRequestDto)
  assistanceRequest?: AssistanceRequestDto;
}
