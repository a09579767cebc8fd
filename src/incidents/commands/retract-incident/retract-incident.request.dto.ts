import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

/** Body of `POST /incidents/{id}/retraction`. */
export class RetractIncidentRequestDto {
  @ApiProperty({ minLength: 1, maxLength: 2000, example: 'Filed in error: duplicate of an earlier report' })
  @IsString()
  @Length(1, 2000)
  reason!: string;
}
