import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsPlainText } from '../../../common/text-validators.js';
import { MAGNITUDES, MECHANISMS, RISK_SOURCES, SECTORS, UNDETERMINED } from '@app/taxonomy';

/** A subscription filter; an omitted or empty list matches every value. */
export class SubscriptionFilterDto {
  @ApiPropertyOptional({ enum: [...MECHANISMS, UNDETERMINED], isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(3)
  @IsIn([...MECHANISMS, UNDETERMINED], { each: true })
  mechanisms?: string[];

  @ApiPropertyOptional({ enum: [...MAGNITUDES, UNDETERMINED], isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(3)
  @IsIn([...MAGNITUDES, UNDETERMINED], { each: true })
  magnitudes?: string[];

  @ApiPropertyOptional({ enum: [...RISK_SOURCES, UNDETERMINED], isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(3)
  @IsIn([...RISK_SOURCES, UNDETERMINED], { each: true })
  sources?: string[];

  @ApiPropertyOptional({ type: [String], description: 'ISO 3166-1 alpha-2 codes', maxItems: 250 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(250)
  @IsISO31661Alpha2({ each: true })
  countries?: string[];

  @ApiPropertyOptional({ enum: SECTORS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(SECTORS.length)
  @IsIn(SECTORS, { each: true })
  sectors?: string[];
}

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

  @ApiPropertyOptional({ description: 'HTTPS (or allow-listed http) URL receiving Standard Webhooks POSTs; omit for Kafka-only partners' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(2000)
  webhookUrl?: string;

  @ApiPropertyOptional({ type: [SubscriptionFilterDto], description: 'Default: one subscription matching everything' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => SubscriptionFilterDto)
  subscriptions?: SubscriptionFilterDto[];
}
