import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsIn, IsISO31661Alpha2, IsObject, IsOptional, IsString, Length, MaxLength, ValidateIf } from 'class-validator';
import { TLP_MARKINGS, type TlpMarking } from '@app/contracts';
import { IsPlainText } from '../../../common/text-validators.js';
import { IMPORT_FORMATS, type ImportFormat } from './incident-record-formats.js';

/**
 * Body of `POST /incidents:batch`: records in one source format, and the values the source lacks. `csv` carries an
 * AIID `incidents.csv` document (with its header line) for `aiid-csv`; `records` the JSON records otherwise. At most
 * MAX_BATCH_ROWS rows (else 413) and the app's 256 KiB body limit (else 413).
 */
export class ImportIncidentsRequestDto {
  @ApiProperty({ enum: IMPORT_FORMATS })
  @IsIn(IMPORT_FORMATS)
  format!: ImportFormat;

  @ApiPropertyOptional({ description: 'aiid-csv: the CSV document, header line first' })
  @ValidateIf((body: ImportIncidentsRequestDto) => body.format === 'aiid-csv')
  @IsString()
  @Length(1, 262_144)
  csv?: string;

  @ApiPropertyOptional({ type: [Object], description: 'aiid-json / oecd-json: the records' })
  @ValidateIf((body: ImportIncidentsRequestDto) => body.format !== 'aiid-csv')
  @IsArray()
  @IsObject({ each: true })
  records?: Array<Record<string, unknown>>;

  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2 for records that name no country (AIID records never do)' })
  @IsOptional()
  @IsISO31661Alpha2()
  country?: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'reportingOrganisation of every filing; default names the source database' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @IsPlainText({ visible: true })
  reportingOrganisation?: string;

  @ApiPropertyOptional({ enum: TLP_MARKINGS, description: 'TLP 2.0 marking of every filing; default DEFAULT_TLP' })
  @IsOptional()
  @IsIn(TLP_MARKINGS)
  tlp?: TlpMarking;
}
