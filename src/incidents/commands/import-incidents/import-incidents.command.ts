import { Command } from '@nestjs/cqrs';
import type { Principal } from '../../../auth/api-keys.service.js';
import type { FieldViolation } from '../../../common/problem-details.js';
import type { MappedRecord } from './incident-record-formats.js';

/** Most rows one batch may carry (`POST /incidents:batch`; the CLI splits larger files into batches of this size). */
export const MAX_BATCH_ROWS = 1000;

/** The outcome of one row: filed (`accepted`), filed by an earlier import (`duplicate`), or refused with reasons. */
export interface ImportRowResult {
  row: number;
  sourceId: string | null;
  status: 'accepted' | 'duplicate' | 'rejected';
  incidentId?: string;
  /** For `rejected`: each bad field of the filing (as `POST /incidents` names it) with messages. */
  errors?: FieldViolation[];
}

export interface ImportReport {
  total: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  rows: ImportRowResult[];
}

/**
 * File each mapped record as an incident through FileIncidentCommand (classification, outbox), each row on its own:
 * a bad row is reported and the others are filed. The idempotency key is the record's source id, so re-importing
 * the same records with the same filer key files nothing twice.
 */
export class ImportIncidentsCommand extends Command<ImportReport> {
  constructor(
    readonly records: MappedRecord[],
    readonly filer: Principal,
    readonly correlationId: string,
  ) {
    super();
  }
}
