import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsISO31661Alpha2, IsString, IsUrl, Length, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { IsPlainText } from '../../../common/text-validators.js';
import { AckDeadlinesDto, PartnerContactDto } from '../../partner-profile.dto.js';
import { CheckedByApp } from '../../../common/validation.js';

const IfGiven = (): PropertyDecorator => ValidateIf((_, value) => value !== undefined);
const IfGivenNotNull = (): PropertyDecorator => ValidateIf((_, value) => value !== undefined && value !== null);

/**
 * Body of `PATCH /partners/{id}`: only the given fields change. `webhookUrl: null` ends webhook delivery (the partner
 * reads its Kafka topic; pending webhook deliveries become `available`); a URL on a partner without one starts it and
 * the response carries a new signing secret once. `slug` and the Kafka topic never change.
 */
export class UpdatePartnerRequestDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IfGiven()
  @IsString()
  @Length(1, 200)
  @IsPlainText({ visible: true })
  name?: string;

  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2' })
  @IfGiven()
  @IsISO31661Alpha2()
  country?: string;

  @ApiPropertyOptional({ type: [PartnerContactDto], maxItems: 10, description: 'Replaces the whole list' })
  @IfGiven()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => PartnerContactDto)
  contacts?: PartnerContactDto[];

  @ApiPropertyOptional({ type: String, nullable: true, description: 'HTTPS (or allow-listed http) URL; null = Kafka topic only; refused as on POST /partners (SSRF guard)' })
  @IfGivenNotNull()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(2000)
  @CheckedByApp('destination')
  webhookUrl?: string | null;

  @ApiPropertyOptional({ type: AckDeadlinesDto, description: 'Per-urgency overrides in seconds; a null entry returns to the global setting' })
  @IfGiven()
  @ValidateNested()
  @Type(() => AckDeadlinesDto)
  ackDeadlines?: AckDeadlinesDto;
}
