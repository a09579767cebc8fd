import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { incidentEventsTopic, type EventType, type IncidentEventData } from '@app/contracts';
import { markOutboxWritten } from '../outbox/outbox-wake.js';
import { projectIncidentSearch } from '../read-models/incident-search.projection.js';

/** Columns of an `outbox_messages` row as `incidentEventRowValues` lists them (outbox-message.entity.ts). */
export const OUTBOX_COLUMNS = 'event_id, event_type, aggregate_id, topic, payload, correlation_id';

/** The values of an incident event's outbox row for OUTBOX_COLUMNS, in that order, as query parameters. */
export function incidentEventRowValues(
  topicPrefix: string,
  eventType: EventType,
  data: IncidentEventData,
  correlationId: string,
  recipients: string[],
): unknown[] {
  const payload: IncidentEventData = { ...data, recipients };
  return [randomUUID(), eventType, data.incident.id, incidentEventsTopic(topicPrefix), JSON.stringify(payload), correlationId];
}

/**
 * Queues an incident event in the outbox within the caller's transaction (the relay publishes it to the incident
 * events topic, keyed by incident id, and is woken once the transaction commits: outbox-wake.ts). Adds the incident's
 * named recipients (partner slugs) as the router needs them for TLP:RED; they travel in the internal event only, never
 * in the alert a partner receives. `recipients`: the stored recipients when the caller has them at hand (a filing),
 * else they are read from the incident row.
 * Projects the incident into the `incident_search` read model in the same transaction (src/read-models).
 */
export async function queueIncidentEvent(
  manager: EntityManager,
  topicPrefix: string,
  eventType: EventType,
  data: IncidentEventData,
  correlationId: string,
  recipients?: string[],
): Promise<void> {
  const named =
    recipients ??
    (await manager.query<Array<{ recipients: string[] }>>('SELECT recipients FROM incidents WHERE id = $1', [data.incident.id]))[0]
      ?.recipients ??
    [];
  await manager.query(
    `INSERT INTO outbox_messages (${OUTBOX_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)`,
    incidentEventRowValues(topicPrefix, eventType, data, correlationId, named),
  );
  markOutboxWritten(manager);
  await projectIncidentSearch(manager, data.incident.id);
}
