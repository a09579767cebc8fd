import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '../../../common/domain-error.js';
import { RequestValidationError } from '../../../common/problem-details.js';
import { createValidationPipe } from '../../../common/validation.js';
import { FileIncidentCommand } from '../file-incident/file-incident.command.js';
import { FileIncidentRequestDto } from '../file-incident/file-incident.request.dto.js';
import { ImportIncidentsCommand, type ImportReport, type ImportRowResult } from './import-incidents.command.js';
import type { MappedRecord } from './incident-record-formats.js';

/**
 * Validates each record with the very rules of `POST /incidents` (FileIncidentRequestDto and the app's validation
 * pipe), then files it with FileIncidentCommand under the Idempotency-Key `<source id>`. Rows run one after another,
 * each in its own transaction: a failure leaves no trace of that row and does not stop the batch. A domain refusal
 * (e.g. the source id was imported before with different content: INCIDENT.IDEMPOTENCY_KEY_REUSED) is reported on
 * the row; unexpected errors (database down) abort the batch, and rows already filed stay filed and are reported
 * as duplicates on a retry.
 */
@CommandHandler(ImportIncidentsCommand)
export class ImportIncidentsHandler implements ICommandHandler<ImportIncidentsCommand> {
  private readonly validation = createValidationPipe();

  constructor(private readonly commandBus: CommandBus) {}

  async execute(command: ImportIncidentsCommand): Promise<ImportReport> {
    const rows: ImportRowResult[] = [];
    for (const record of command.records) rows.push(await this.importRow(record, command));
    const count = (status: ImportRowResult['status']) => rows.filter((row) => row.status === status).length;
    return { total: rows.length, accepted: count('accepted'), duplicates: count('duplicate'), rejected: count('rejected'), rows };
  }

  private async importRow(record: MappedRecord, command: ImportIncidentsCommand): Promise<ImportRowResult> {
    const { row, sourceId } = record;
    if (!sourceId) return { row, sourceId, status: 'rejected', errors: [{ field: 'id', messages: ['the record has no usable source id'] }] };
    let filing: FileIncidentRequestDto;
    try {
      filing = (await this.validation.transform(record.filing, { type: 'body', metatype: FileIncidentRequestDto })) as FileIncidentRequestDto;
    } catch (error) {
      if (error instanceof RequestValidationError) return { row, sourceId, status: 'rejected', errors: error.violations };
      throw error;
    }
    try {
      const result = await this.commandBus.execute(new FileIncidentCommand(filing, command.filer, command.correlationId, sourceId));
      return { row, sourceId, status: result.replayed ? 'duplicate' : 'accepted', incidentId: result.id };
    } catch (error) {
      if (error instanceof RequestValidationError) return { row, sourceId, status: 'rejected', errors: error.violations };
      if (error instanceof DomainError) return { row, sourceId, status: 'rejected', errors: [{ field: 'id', messages: [`${error.code}: ${error.message}`] }] };
      throw error;
    }
  }
}
