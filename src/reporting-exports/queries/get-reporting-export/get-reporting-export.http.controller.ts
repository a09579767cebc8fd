import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../../auth/auth.decorators.js';
import type { Principal } from '../../../auth/api-keys.service.js';
import { uuidParam } from '../../../common/uuid-param.pipe.js';
import type { EuAiActArt73ReportDraft } from '../../eu-ai-act-art73-report.js';
import type { OecdCrfRecord } from '../../oecd-crf-record.js';
import { GetReportingExportQuery } from './get-reporting-export.query.js';

@ApiTags('reporting exports')
@ApiBearerAuth()
@Controller('incidents')
export class GetReportingExportHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  /**
   * Draft serious-incident report under Regulation (EU) 2024/1689 Art. 73 (schema: GET
   * /schemas/reports/eu-ai-act-art73/v1.json), with `missingFields` naming what the provider must still supply and
   * the article asking for it. 404 if unknown or not visible to the caller (TLP:RED).
   */
  @Get(':id/reports/eu-ai-act-art73')
  @Roles('regulator', 'analyst', 'admin')
  async euAiActArt73(@Param('id', uuidParam('id')) id: string, @CurrentPrincipal() principal: Principal): Promise<EuAiActArt73ReportDraft> {
    return (await this.queryBus.execute(new GetReportingExportQuery(id, 'eu-ai-act-art73', principal.keyId))) as EuAiActArt73ReportDraft;
  }

  /**
   * Record of the OECD common reporting framework for AI incidents (2025) (schema: GET /schemas/reports/oecd-crf/v1.json),
   * with `missingFields` (mandatory criteria flagged). 404 if unknown or not visible to the caller (TLP:RED).
   */
  @Get(':id/reports/oecd-crf')
  @Roles('regulator', 'analyst', 'admin')
  async oecdCrf(@Param('id', uuidParam('id')) id: string, @CurrentPrincipal() principal: Principal): Promise<OecdCrfRecord> {
    return (await this.queryBus.execute(new GetReportingExportQuery(id, 'oecd-crf', principal.keyId))) as OecdCrfRecord;
  }
}
