import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { IsPlainText } from '../../../common/text-validators.js';
import { ROLES, type Role } from '../../api-key.entity.js';

/** Body of `POST /api-keys`; partner keys are issued at partner onboarding instead. */
export class IssueApiKeyRequestDto {
  @ApiProperty({ maxLength: 200, example: 'analyst desk (jane.doe)' })
  @IsString()
  @Length(1, 200)
  @IsPlainText({ visible: true })
  name!: string;

  @ApiProperty({ enum: ['regulator', 'analyst', 'admin'] })
  @IsIn(ROLES.filter((role) => role !== 'partner'))
  role!: Exclude<Role, 'partner'>;
}
