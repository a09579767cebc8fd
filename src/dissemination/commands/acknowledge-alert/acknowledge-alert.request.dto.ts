import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, MaxLength, ValidateNested, registerDecorator, type ValidationOptions } from 'class-validator';
import { ACKNOWLEDGEMENT_LIMITS, type AssistanceUrgency, type FollowUpFields } from '@app/contracts';
import { IsPlainText } from '../../../common/text-validators.js';

const FIELD_NAME = new RegExp(ACKNOWLEDGEMENT_LIMITS.fieldNamePattern);
const PLAIN_TEXT = /^(?:[\t\n\r]|[^\p{Cc}\p{Cs}])*$/u;

/** At most 20 members named `^[A-Za-z][A-Za-z0-9_]{0,63}$`, each a finite number, a boolean or plain text ≤ 500. */
function IsFollowUpFields(validationOptions?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isFollowUpFields',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: `$property must be an object of at most ${ACKNOWLEDGEMENT_LIMITS.fieldCount} members named ${ACKNOWLEDGEMENT_LIMITS.fieldNamePattern}, ` +
          `each a number, a boolean or plain text of at most ${ACKNOWLEDGEMENT_LIMITS.fieldValueLength} characters`,
        ...validationOptions,
      },
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
          const entries = Object.entries(value);
          return entries.length <= ACKNOWLEDGEMENT_LIMITS.fieldCount && entries.every(([name, member]) =>
            FIELD_NAME.test(name) && (
              typeof member === 'boolean' ||
              (typeof member === 'number' && Number.isFinite(member)) ||
              (typeof member === 'string' && member.length <= ACKNOWLEDGEMENT_LIMITS.fieldValueLength && PLAIN_TEXT.test(member))));
        },
      },
    });
}

/** Follow-up information: text and optional structured fields (libs/contracts FollowUpInformation). */
export class FollowUpInformationDto {
  @ApiProperty({ minLength: 1, maxLength: ACKNOWLEDGEMENT_LIMITS.textLength })
  @IsString()
  @MaxLength(ACKNOWLEDGEMENT_LIMITS.textLength)
  @IsPlainText({ visible: true })
  text!: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] },
    description: 'Structured values, e.g. { "affectedUsers": 1200, "systemWithdrawn": true }',
  })
  @IsOptional()
  @IsObject()
  @IsFollowUpFields()
  fields?: FollowUpFields;
}

/** A request for assistance: what is asked and how urgently (libs/contracts AssistanceRequest). */
export class AssistanceRequestDto {
  @ApiProperty({ minLength: 1, maxLength: ACKNOWLEDGEMENT_LIMITS.textLength, description: 'What is asked' })
  @IsString()
  @MaxLength(ACKNOWLEDGEMENT_LIMITS.textLength)
  @IsPlainText({ visible: true })
  request!: string;

  @ApiProperty({ enum: ['flash', 'priority', 'routine'] })
  @IsIn(['flash', 'priority', 'routine'])
  urgency!: AssistanceUrgency;
}

/** Body of `POST /alerts/{id}/ack` (the `data` of an `org.aisw.alert.acknowledgement.v1` event without `alertId`). */
export class AcknowledgeAlertRequestDto {
  @ApiPropertyOptional({ maxLength: ACKNOWLEDGEMENT_LIMITS.noteLength, description: 'Free-text note from the receiving single window' })
  @IsOptional()
  @IsString()
  @MaxLength(ACKNOWLEDGEMENT_LIMITS.noteLength)
  @IsPlainText({ visible: true })
  note?: string;

  @ApiPropertyOptional({ type: FollowUpInformationDto, description: 'Follow-up information for the filer' })
  @IsOptional()
  @ValidateNested()
  @Type(() => FollowUpInformationDto)
  followUp?: FollowUpInformationDto;

  @ApiPropertyOptional({ type: AssistanceRequestDto, description: 'A request for assistance to the filer' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AssistanceRequestDto)
  assistanceRequest?: AssistanceRequestDto;
}
