import { Command } from '@nestjs/cqrs';
import type { Principal } from '../../../auth/api-keys.service.js';
import type { FileIncidentRequestDto } from './file-incident.request.dto.js';

/** Result of filing: the incident id, and whether an earlier filing with the same Idempotency-Key was returned. */
export interface FileIncidentResult {
  id: string;
  replayed: boolean;
}

/** File an incident with this single window: classify, store, and queue its event for dissemination. */
export class FileIncidentCommand extends Command<FileIncidentResult> {
  constructor(
    readonly filing: FileIncidentRequestDto,
    readonly filer: Principal,
    readonly correlationId: string,
    readonly idempotencyKey?: string,
  ) {
    super();
  }
}
