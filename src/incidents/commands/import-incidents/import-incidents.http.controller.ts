import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Principal } from '../../../auth/api-keys.service.js';
import { CurrentPrincipal, Roles } from '../../../auth/auth.decorators.js';
import { correlationIdOf } from '../../../common/correlation-id.js';
import { DomainError } from '../../../common/domain-error.js';
import { RequestValidationError } from '../../../common/problem-details.js';
import { ImportIncidentsCommand, MAX_BATCH_ROWS, type ImportReport } from './import-incidents.command.js';
import { ImportIncidentsRequestDto } from './import-incidents.request.dto.js';
import { mapRecords, MalformedImportError } from './incident-record-formats.js';

@ApiTags('incidents')
@ApiBearerAuth()
@Controller()
export class ImportIncidentsHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  /**
   * `POST /incidents:batch`: files AIID CSV/JSON or OECD-style records, each row independently. 200 with a report:
   * per row `accepted` (incidentId), `duplicate` (imported before by this key: the same incidentId) or `rejected`
   * (`errors` name each bad field). 400 for an unparseable CSV (`field: csv`), 413 IMPORT.TOO_MANY_ROWS above
   * 1,000 rows or for a body above 256 KiB.
   */
  @Post('incidents\\:batch')
  @HttpCode(200)
  @Roles('regulator')
  async import(@Body() body: ImportIncidentsRequestDto, @CurrentPrincipal() principal: Principal, @Req() request: Request): Promise<ImportReport> {
    let records;
    try {
      records = mapRecords(body.format, body, body);
    } catch (error) {
      if (error instanceof MalformedImportError) throw new RequestValidationError([{ field: 'csv', messages: [error.message] }]);
      throw error;
    }
    if (records.length > MAX_BATCH_ROWS) {
      throw new DomainError('IMPORT.TOO_MANY_ROWS', `A batch holds at most ${MAX_BATCH_ROWS} rows; this one has ${records.length}. Split it.`);
    }
    return this.commandBus.execute(new ImportIncidentsCommand(records, principal, correlationIdOf(request)));
  }
}
