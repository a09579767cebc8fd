import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { IsPlainText } from '../../../common/text-validators.js';

/** Body of `POST /incidents/{id}/retraction`. */
export class RetractIncidentRequestDto {
  @ApiProperty({ minLength: 1, maxLength: 2000, example: 'Filed in error: duplicate of an earlier report' })
  @IsString()
  @Length(1, 2000)
  @IsPlainText({ visible: true })
  reason!: string;
}
