import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  Matches,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO31661Alpha2,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { TLP_MARKINGS, type TlpMarking } from '@app/contracts';
import { PERSONAL_FIELD_NAMES, type PersonalFieldName } from '../../../redaction/redact-incident.js';
import {
  LANGUAGES,
  MAGNITUDES,
  MECHANISMS,
  RISK_SOURCES,
  SECTORS,
  UNDETERMINED,
  type Language,
  type Magnitude,
  type Mechanism,
  type RiskSource,
  type Sector,
  type Undetermined,
} from '@app/taxonomy';
import { EARLIEST_OCCURRED_AT, IsNotAfterNow, IsNotBefore } from '../../../common/date-bounds.validator.js';
import { IsCalendarDate, IsPlainText } from '../../../common/text-validators.js';
import { EachUrlOfSharableForm } from '../../../common/url-form.js';

/**
 * Labels the filer proposes on the taxonomy's axes (../shared/TAXONOMY.md), each optional. The classifier keeps them
 * beside its own labels and flags each axis where they differ (`disagreements`); a disagreement sends the incident
 * to the review queue.
 */
export class ProposedLabelsDto {
  @ApiPropertyOptional({ enum: [...MECHANISMS, UNDETERMINED] })
  @IsOptional()
  @IsIn([...MECHANISMS, UNDETERMINED])
  mechanism?: Mechanism | Undetermined;

  @ApiPropertyOptional({ enum: [...MAGNITUDES, UNDETERMINED] })
  @IsOptional()
  @IsIn([...MAGNITUDES, UNDETERMINED])
  magnitude?: Magnitude | Undetermined;

  @ApiPropertyOptional({ enum: [...RISK_SOURCES, UNDETERMINED] })
  @IsOptional()
  @IsIn([...RISK_SOURCES, UNDETERMINED])
  source?: RiskSource | Undetermined;
}

/**
 * Body of `POST /incidents`: what a regulator knows when filing. Text may be English or Chinese.
 * Field bounds are explicit; unknown fields are refused (400).
 */
export class FileIncidentRequestDto {
  @ApiProperty({ minLength: 1, maxLength: 300, example: 'Uber AV Killed Pedestrian in Arizona' })
  @IsString()
  @Length(1, 300)
  @IsPlainText({ visible: true })
  title!: string;

  @ApiProperty({ minLength: 1, maxLength: 10000 })
  @IsString()
  @Length(1, 10000)
  @IsPlainText({ visible: true })
  description!: string;

  @ApiProperty({ description: 'ISO 8601 date or date-time; not in the future, not before 1950', example: '2018-03-18' })
  @IsCalendarDate()
  @IsNotBefore(EARLIEST_OCCURRED_AT)
  @IsNotAfterNow()
  occurredAt!: string;

  @ApiProperty({ description: 'ISO 3166-1 alpha-2 country where the harm occurred', example: 'US' })
  @IsISO31661Alpha2()
  country!: string;

  @ApiProperty({ enum: LANGUAGES, description: 'Language of the text (ISO 639-1)' })
  @IsIn(LANGUAGES)
  language!: Language;

  @ApiPropertyOptional({ enum: SECTORS })
  @IsOptional()
  @IsIn(SECTORS)
  sector?: Sector;

  @ApiProperty({ maxLength: 200, example: 'State Administration for Market Regulation' })
  @IsString()
  @Length(1, 200)
  @IsPlainText({ visible: true })
  reportingOrganisation!: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @IsPlainText()
  aiSystemName?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @IsPlainText()
  developer?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @IsPlainText()
  deployer?: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  @IsPlainText()
  harmDescription?: string;

  @ApiPropertyOptional({ type: [String], maxItems: 20, description: 'http(s) URLs of reports or evidence, without credentials (user:password@) and parseable by the WHATWG URL Standard (no IPv6 zone id)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { each: true })
  @EachUrlOfSharableForm()
  @IsPlainText({}, { each: true })
  @MaxLength(2000, { each: true })
  sourceUrls?: string[];

  @ApiPropertyOptional({
    type: [String],
    maxItems: 50,
    description: 'Partner slugs named as recipients: the only partners a TLP:RED incident reaches; extra recipients otherwise',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(/^[a-z0-9][a-z0-9-]{0,59}$/, { each: true, message: 'each recipient must be a partner slug' })
  recipients?: string[];

  @ApiPropertyOptional({ enum: TLP_MARKINGS, description: 'TLP 2.0 marking; default from DEFAULT_TLP' })
  @IsOptional()
  @IsIn(TLP_MARKINGS)
  tlp?: TlpMarking;

  @ApiPropertyOptional({ type: ProposedLabelsDto, description: "The filer's own labels per axis; kept beside the classifier's" })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ProposedLabelsDto)
  proposedLabels?: ProposedLabelsDto;

  @ApiPropertyOptional({
    type: [String],
    enum: PERSONAL_FIELD_NAMES,
    description:
      'Fields holding personal data: replaced whole by the redaction token in every alert and in the public feed (sourceUrls: emptied); ' +
      'the stored incident keeps them. E-mail addresses, phone numbers and national identification numbers are redacted in any field anyway.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PERSONAL_FIELD_NAMES.length)
  @ArrayUnique()
  @IsIn(PERSONAL_FIELD_NAMES, { each: true })
  personalFields?: PersonalFieldName[];

  @ApiPropertyOptional({
    description:
      'Whether partner single windows that receive the incident may share it onward with their own partners. Honoured for TLP:CLEAR ' +
      'and TLP:GREEN only (AMBER, AMBER+STRICT and RED never travel on); default false. docs/federation.md',
  })
  @IsOptional()
  @IsBoolean()
  onwardSharing?: boolean;
}
