import { Command } from '@nestjs/cqrs';

/** Retract an incident: every partner that was sent any version gets a `Cancel` alert. Returns the final version. */
export class RetractIncidentCommand extends Command<{ id: string; version: number }> {
  constructor(
    readonly incidentId: string,
    readonly reason: string,
    readonly correlationId: string,
    /** The API key making the change; only the filer's key may (lock-incident.ts). */
    readonly actorKeyId: string,
  ) {
    super();
  }
}
