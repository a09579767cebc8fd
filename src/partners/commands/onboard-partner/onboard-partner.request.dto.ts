import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  MaxLength,
  Validate,
  ValidateNested,
} from 'class-validator';
import { IsPlainText } from '../../../common/text-validators.js';
import { AckDeadlinesDto, PartnerContactDto } from '../../partner-profile.dto.js';
import { MAX_SUBSCRIPTIONS_PER_PARTNER } from '../../subscription.entity.js';
import { DistinctSubscriptionsConstraint, NewSubscriptionFilterDto } from '../../subscription-filter.dto.js';
import { CheckedByApp } from '../../../common/validation.js';

/** Body of `POST /partners`: onboard a partner single window. */
export class OnboardPartnerRequestDto {
  @ApiProperty({ description: 'Unique, URL- and topic-safe name', pattern: '^[a-z0-9][a-z0-9-]{0,59}$', example: 'sg-aisw' })
  @Matches(/^[a-z0-9][a-z0-9-]{0,59}$/, { message: 'slug must be 1..60 of [a-z0-9-], starting with a letter or digit' })
  slug!: string;

  @ApiProperty({ maxLength: 200, example: 'Singapore AI Single Window' })
  @IsString()
  @Length(1, 200)
  @IsPlainText({ visible: true })
  name!: string;

  @ApiProperty({ description: 'ISO 3166-1 alpha-2', example: 'SG' })
  @IsISO31661Alpha2()
  country!: string;

  @ApiPropertyOptional({
    description:
      'HTTPS (or allow-listed http) URL receiving Standard Webhooks POSTs; omit for Kafka-only partners. A literal loopback, ' +
      'link-local or private address (or localhost) outside WEBHOOK_ALLOWED_NETWORKS, or a URL the WHATWG URL parser refuses (an IPv6 ' +
      'zone id such as [fe80::1%25eth0]) or one with credentials (user:password@), answers 400 naming webhookUrl; a hostname ' +
      'is vetted at each delivery',
  })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(2000)
  @CheckedByApp('destination')
  webhookUrl?: string;

  @ApiPropertyOptional({ type: [PartnerContactDto], maxItems: 10 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => PartnerContactDto)
  contacts?: PartnerContactDto[];

  @ApiPropertyOptional({ type: AckDeadlinesDto, description: 'Per-urgency acknowledgement deadlines (seconds); default the global ACK_DEADLINE_* settings' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AckDeadlinesDto)
  ackDeadlines?: AckDeadlinesDto;

  @ApiPropertyOptional({
    type: [NewSubscriptionFilterDto],
    description:
      'Omitted: one subscription that takes every alert (shown with all: true). A given filter that narrows nothing must say all: true. ' +
      'Each filter once: two identical filters (lists in any order) answer 400 naming subscriptions',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SUBSCRIPTIONS_PER_PARTNER)
  @Validate(DistinctSubscriptionsConstraint)
  @ValidateNested({ each: true })
  @Type(() => NewSubscriptionFilterDto)
  subscriptions?: NewSubscriptionFilterDto[];
}
