import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { IsPlainText } from '../common/text-validators.js';

/** Bounds of an acknowledgement deadline override, in seconds (1 minute to 30 days). */
export const ACK_DEADLINE_MIN_SECONDS = 60;
export const ACK_DEADLINE_MAX_SECONDS = 30 * 24 * 3600;

/** A contact at the partner single window. */
export class PartnerContactDto {
  @ApiProperty({ maxLength: 200, example: 'Duty officer' })
  @IsString()
  @Length(1, 200)
  @IsPlainText({ visible: true })
  name!: string;

  @ApiProperty({ example: 'duty@aisw.example.sg' })
  @IsEmail()
  @Length(3, 254)
  email!: string;

  @ApiPropertyOptional({ description: 'E.164-style number, digits with optional +, spaces, dashes, parentheses', example: '+65 6000 0000' })
  @IsOptional()
  @Matches(/^\+?[0-9][0-9 ()-]{2,31}$/, { message: 'phone must be 3..32 digits with optional +, spaces, dashes or parentheses' })
  phone?: string;

  @ApiPropertyOptional({ maxLength: 100, example: '24/7 incident desk' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @IsPlainText({ visible: true })
  role?: string;
}

const Seconds = (): PropertyDecorator =>
  applyDecorators(ValidateIf((_, value) => value !== undefined && value !== null), IsInt(), Min(ACK_DEADLINE_MIN_SECONDS), Max(ACK_DEADLINE_MAX_SECONDS));

/**
 * Per-urgency acknowledgement deadlines of one partner, in seconds; each overrides ACK_DEADLINE_<URGENCY>_SECONDS for
 * alerts recorded from then on. Omitted = unchanged (on onboarding: the global value), null = back to the global value.
 */
export class AckDeadlinesDto {
  @ApiPropertyOptional({ type: Number, nullable: true, minimum: ACK_DEADLINE_MIN_SECONDS, maximum: ACK_DEADLINE_MAX_SECONDS, example: 1800 })
  @Seconds()
  flash?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: ACK_DEADLINE_MIN_SECONDS, maximum: ACK_DEADLINE_MAX_SECONDS, example: 43200 })
  @Seconds()
  priority?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: ACK_DEADLINE_MIN_SECONDS, maximum: ACK_DEADLINE_MAX_SECONDS, example: 172800 })
  @Seconds()
  routine?: number | null;
}

/** The partner columns an AckDeadlinesDto sets (only the given keys). */
export function ackDeadlineColumns(deadlines: AckDeadlinesDto | undefined): {
  ackDeadlineFlashSeconds?: number | null;
  ackDeadlinePrioritySeconds?: number | null;
  ackDeadlineRoutineSeconds?: number | null;
} {
  if (!deadlines) return {};
  return {
    ...(deadlines.flash !== undefined ? { ackDeadlineFlashSeconds: deadlines.flash } : {}),
    ...(deadlines.priority !== undefined ? { ackDeadlinePrioritySeconds: deadlines.priority } : {}),
    ...(deadlines.routine !== undefined ? { ackDeadlineRoutineSeconds: deadlines.routine } : {}),
  };
}
