import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsString, Matches } from 'class-validator';

/**
 * What a peer single window issued to this window when it registered it (its `POST /peers` or `POST /partners`
 * answer): the webhook secrets that sign its deliveries here, and the partner API key that acknowledges its alerts.
 */
export class PeerCredentialsRequestDto {
  @ApiProperty({ type: [String], minItems: 1, maxItems: 5, description: 'Standard Webhooks secrets `whsec_<base64>`; during a rotation at the peer, the old and the new one' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @ArrayUnique()
  @Matches(/^whsec_[A-Za-z0-9+/]{16,200}={0,2}$/, { each: true, message: 'each webhook secret must be whsec_ followed by base64' })
  webhookSecrets!: string[];

  @ApiProperty({ description: 'The partner API key the peer issued to this window (aisw_…)' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{16,200}$/, { message: 'apiKey must be the API key the peer issued (16..200 of [A-Za-z0-9_-])' })
  apiKey!: string;
}
