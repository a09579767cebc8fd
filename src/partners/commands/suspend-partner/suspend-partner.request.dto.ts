import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { IsPlainText } from '../../../common/text-validators.js';

/** Body of `POST /partners/{id}/suspension`. */
export class SuspendPartnerRequestDto {
  @ApiProperty({ maxLength: 500, example: 'endpoint migration announced by the partner for this weekend' })
  @IsString()
  @Length(1, 500)
  @IsPlainText({ visible: true })
  reason!: string;
}
