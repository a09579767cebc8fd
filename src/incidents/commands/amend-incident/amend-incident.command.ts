import { Command } from '@nestjs/cqrs';
import type { AmendIncidentRequestDto } from './amend-incident.request.dto.js';

/** Amend a filed incident: re-classify it and disseminate the new version (Update alerts). Returns the new version. */
export class AmendIncidentCommand extends Command<{ id: string; version: number }> {
  constructor(
    readonly incidentId: string,
    readonly changes: AmendIncidentRequestDto,
    readonly correlationId: string,
    /** The API key making the change; only the filer's key may (lock-incident.ts). */
    readonly actorKeyId: string,
  ) {
    super();
  }
}
