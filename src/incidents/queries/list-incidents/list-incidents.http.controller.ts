import { Controller, Get, Query as QueryParams, Req, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentPrincipal, Roles } from '../../../auth/auth.decorators.js';
import type { Principal } from '../../../auth/api-keys.service.js';
import { RequestValidationError } from '../../../common/problem-details.js';
import { filtersOf, inclusiveEnd } from '../../../read-models/incident-filter.request.dto.js';
import { CSV_COLUMNS } from './export-incidents-csv.handler.js';
import type { IncidentSearch } from './incident-search.sql.js';
import { ExportIncidentsCsvQuery, ListIncidentsQuery, type IncidentSearchPage } from './list-incidents.query.js';
import { ExportIncidentsRequestDto, ListIncidentsRequestDto } from './list-incidents.request.dto.js';

const PAGE_SHAPE = `{ items: [{ id, title, description, occurredAt, filedAt, country, language, sector, tlp, status, version,
reportingOrganisation, labels: { mechanism, magnitude, source }, harmTypes: [], severity, urgency, lifecycleStage,
relevance (number with q, else null) }], nextCursor (string, or null on the last page) }`;

/** The search a validated request describes. 400 when `from` > `to`. */
function searchOf(params: Omit<ExportIncidentsRequestDto, 'bom'>, principal: Principal): IncidentSearch {
  const from = params.from ? new Date(params.from) : undefined;
  const to = params.to ? inclusiveEnd(params.to) : undefined;
  if (from && to && from > to) throw new RequestValidationError([{ field: 'from', messages: ['from must not be after to'] }]);
  return { q: params.q, filters: filtersOf(params), from, to, status: [...new Set(params.status)].sort(), sort: params.sort, principal };
}

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('incidents')
export class ListIncidentsHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  /**
   * Searches the incidents the caller may see (TLP:RED only by its filer; sharing rule in incident-dimensions.ts):
   * full text `q` in English and Chinese, every taxonomy filter, sort by date or relevance, keyset pages (pass
   * `nextCursor` as `after`; each match is returned exactly once, even while incidents are filed). With
   * `Accept: text/csv` answers the whole result set as CSV, like `GET /incidents/export.csv` (the URL of a page stays
   * usable, so its `limit` and `after` are ignored there). 400 names each bad field (an `after` from another query included).
   */
  @Get()
  @Roles('analyst', 'regulator', 'admin')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ description: PAGE_SHAPE })
  async list(
    @QueryParams() params: ListIncidentsRequestDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ): Promise<IncidentSearchPage | StreamableFile> {
    const search = searchOf(params, principal);
    if (request.accepts(['application/json', 'text/csv']) === 'text/csv') return this.csv(search);
    return this.queryBus.execute(new ListIncidentsQuery(search, params.limit, params.after));
  }

  /**
   * Every match of the search (the parameters of `GET /incidents` but `limit` and `after`, refused with 400 naming
   * them, as every unknown parameter: the export has no pages) as CSV,
   * streamed from the database: header row, then one row per incident (columns: CSV_COLUMNS in
   * export-incidents-csv.handler.ts; `harmTypes` joined by `;`). Cells that a spreadsheet would evaluate as a formula
   * (starting with = + - @) are prefixed with `'`. `bom=true` starts the file with a UTF-8 byte order mark for Excel.
   */
  @Get('export.csv')
  @Roles('analyst', 'regulator', 'admin')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: `text/csv; charset=utf-8, attachment incidents.csv; columns: ${CSV_COLUMNS.join(', ')}` })
  async export(@QueryParams() params: ExportIncidentsRequestDto, @CurrentPrincipal() principal: Principal): Promise<StreamableFile> {
    return this.csv(searchOf(params, principal), params.bom);
  }

  private async csv(search: IncidentSearch, bom = false): Promise<StreamableFile> {
    const stream = await this.queryBus.execute(new ExportIncidentsCsvQuery(search, bom));
    return new StreamableFile(stream, { type: 'text/csv; charset=utf-8', disposition: 'attachment; filename="incidents.csv"' });
  }
}
