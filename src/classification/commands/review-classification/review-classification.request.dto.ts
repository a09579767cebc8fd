import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { MAGNITUDES, MECHANISMS, RISK_SOURCES, UNDETERMINED, type Magnitude, type Mechanism, type RiskSource, type Undetermined } from '@app/taxonomy';
import { IsPlainText } from '../../../common/text-validators.js';

/** Why the analyst confirms or overrides an axis; shown with the decision in GET /incidents/{id}. */
abstract class AxisDecisionDto {
  @ApiProperty({ minLength: 1, maxLength: 2000, example: 'The operator used the model to draft phishing e-mails.' })
  @IsString()
  @Length(1, 2000)
  @IsPlainText({ visible: true })
  reason!: string;
}

export class MechanismDecisionDto extends AxisDecisionDto {
  @ApiProperty({ enum: [...MECHANISMS, UNDETERMINED] })
  @IsIn([...MECHANISMS, UNDETERMINED])
  label!: Mechanism | Undetermined;
}

export class MagnitudeDecisionDto extends AxisDecisionDto {
  @ApiProperty({ enum: [...MAGNITUDES, UNDETERMINED] })
  @IsIn([...MAGNITUDES, UNDETERMINED])
  label!: Magnitude | Undetermined;
}

export class SourceDecisionDto extends AxisDecisionDto {
  @ApiProperty({ enum: [...RISK_SOURCES, UNDETERMINED] })
  @IsIn([...RISK_SOURCES, UNDETERMINED])
  label!: RiskSource | Undetermined;
}

/** The axes the analyst decides; at least one (checked by the handler). */
export class ReviewAxesDto {
  @ApiPropertyOptional({ type: MechanismDecisionDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MechanismDecisionDto)
  mechanism?: MechanismDecisionDto;

  @ApiPropertyOptional({ type: MagnitudeDecisionDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MagnitudeDecisionDto)
  magnitude?: MagnitudeDecisionDto;

  @ApiPropertyOptional({ type: SourceDecisionDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SourceDecisionDto)
  source?: SourceDecisionDto;
}

/**
 * Body of `POST /reviews/{id}`: per axis, the label the analyst holds right (the machine's to confirm it,
 * another to override it) and why. Axes left out keep their current label.
 */
export class ReviewClassificationRequestDto {
  @ApiProperty({ type: ReviewAxesDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ReviewAxesDto)
  axes!: ReviewAxesDto;
}
