import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsUrl, MaxLength, ValidateNested } from 'class-validator';
import { OnboardPartnerRequestDto } from '../../../partners/commands/onboard-partner/onboard-partner.request.dto.js';
import { PeerCredentialsRequestDto } from '../set-peer-credentials/set-peer-credentials.request.dto.js';

/**
 * Body of `POST /peers`: the partner profile of `POST /partners` (slug, name, country = the peer's jurisdiction,
 * contacts, ack deadlines, subscriptions) without `webhookUrl` (it is `<baseUrl>/federation/alerts`), plus where the
 * peer lives and how its alerts are verified. Exactly one of `jwks` and `jwksUrl`.
 */
export class RegisterPeerRequestDto extends OmitType(OnboardPartnerRequestDto, ['webhookUrl'] as const) {
  @ApiProperty({ description: "The peer single window's API base URL (http(s); SSRF rules of webhook URLs)", example: 'https://aisw.example.fr' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(1900)
  baseUrl!: string;

  @ApiPropertyOptional({ description: "The peer's alert-signing public keys as a JWK set (Ed25519), given inline" })
  @IsOptional()
  @IsObject()
  jwks?: Record<string, unknown>;

  @ApiPropertyOptional({ description: "URL of the peer's JWK set, usually <baseUrl>/.well-known/jwks.json: fetched now and again on an unknown kid" })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(2000)
  jwksUrl?: string;

  @ApiPropertyOptional({ type: PeerCredentialsRequestDto, description: 'What the peer issued to this window, when it registered this window first' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PeerCredentialsRequestDto)
  credentials?: PeerCredentialsRequestDto;
}
