import { Controller, Get, Header } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../../../auth/auth.decorators.js';
import { EU_AI_ACT_ART73_REPORT_SCHEMA, OECD_CRF_RECORD_SCHEMA } from '../../reporting-export.schemas.js';

@ApiTags('reporting exports')
@Public()
@Controller('schemas/reports')
export class GetReportingExportSchemaHttpController {
  /** JSON Schema (draft 2020-12) of GET /incidents/{id}/reports/eu-ai-act-art73; public like the alert schema. */
  @Get('eu-ai-act-art73/v1.json')
  @Header('Cache-Control', 'public, max-age=86400')
  @Header('Content-Type', 'application/schema+json')
  euAiActArt73V1(): typeof EU_AI_ACT_ART73_REPORT_SCHEMA {
    return EU_AI_ACT_ART73_REPORT_SCHEMA;
  }

  /** JSON Schema (draft 2020-12) of GET /incidents/{id}/reports/oecd-crf. */
  @Get('oecd-crf/v1.json')
  @Header('Cache-Control', 'public, max-age=86400')
  @Header('Content-Type', 'application/schema+json')
  oecdCrfV1(): typeof OECD_CRF_RECORD_SCHEMA {
    return OECD_CRF_RECORD_SCHEMA;
  }
}
