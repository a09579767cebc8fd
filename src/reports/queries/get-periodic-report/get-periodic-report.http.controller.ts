import { Controller, Get, Query as QueryParams, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentPrincipal, Roles } from '../../../auth/auth.decorators.js';
import type { Principal } from '../../../auth/api-keys.service.js';
import { RequestValidationError } from '../../../common/problem-details.js';
import { parsePeriod } from '../../period.js';
import { renderPeriodicReportHtml } from '../../periodic-report.html.js';
import { GetPeriodicReportQuery, type PeriodicReport } from './get-periodic-report.query.js';
import { GetPeriodicReportRequestDto } from './get-periodic-report.request.dto.js';

/** The printable page runs no script and loads nothing: only its own inline style. */
const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const REPORT_SHAPE = `{ period: { code, kind, start, end (exclusive) }, previousPeriod: { code, start, end }, generatedAt, tlp,
total: { count, previous, change, changePercent (null when previous is 0) },
axes: [{ dimension, top: [{ value, count, share, previous, change, changePercent }] }]  (mechanism, magnitude, source, harmType, sector, country; top 5),
method, surges: [as GET /signals], notableIncidents: [{ id, title, occurredAt, country, mechanism, magnitude, severity, urgency, tlp }] }`;

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class GetPeriodicReportHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  /**
   * Periodic assessment of a year, quarter or month: incident counts and their change against the previous period
   * (absolute and %), the top categories per axis, the surges (EARS C2) of weeks starting in the period and the
   * notable incidents, over the incidents the caller may see. JSON by default; printable HTML with `format=html` or
   * `Accept: text/html`. 400 names `period` when it is not `YYYY`, `YYYY-Qn` or `YYYY-MM` in 1950–2100.
   */
  @Get('periodic')
  @Roles('analyst', 'regulator', 'admin')
  @ApiProduces('application/json', 'text/html')
  @ApiOkResponse({ description: REPORT_SHAPE })
  async periodic(
    @QueryParams() params: GetPeriodicReportRequestDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PeriodicReport | string> {
    const period = parsePeriod(params.period);
    if (!period) throw new RequestValidationError([{ field: 'period', messages: ['period must be a year between 1950 and 2100'] }]);
    const html = (params.format ?? (request.accepts(['application/json', 'text/html']) === 'text/html' ? 'html' : 'json')) === 'html';
    response.vary('Accept');
    const report = await this.queryBus.execute(new GetPeriodicReportQuery(period, principal));
    if (!html) return report;
    response.type('text/html; charset=utf-8');
    response.setHeader('Content-Security-Policy', REPORT_CSP);
    return renderPeriodicReportHtml(report);
  }
}
