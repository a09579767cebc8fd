import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { incidentEventsTopic, type EventType, type IncidentEventData } from '@app/contracts';
import { OutboxMessageEntity } from '../outbox/outbox-message.entity.js';
import { projectIncidentSearch } from '../read-models/incident-search.projection.js';

/**
 * Queues an incident event in the outbox within the caller's transaction (the relay publishes it to the incident
 * events topic, keyed by incident id). Adds the incident's named recipients (partner slugs) as the router needs
 * them for TLP:RED; they travel in the internal event only, never in the alert a partner receives.
 * Projects the incident into the `incident_search` read model in the same transaction (src/read-models).
 */
export async function queueIncidentEvent(
  manager: EntityManager,
  topicPrefix: string,
  eventType: EventType,
  data: IncidentEventData,
  correlationId: string,
): Promise<void> {
  const [stored] = await manager.query<Array<{ recipients: string[] }>>('SELECT recipients FROM incidents WHERE id = $1', [data.incident.id]);
  const payload: IncidentEventData = { ...data, recipients: stored?.recipients ?? [] };
  await manager.insert(OutboxMessageEntity, {
    eventId: randomUUID(),
    eventType,
    aggregateId: data.incident.id,
    topic: incidentEventsTopic(topicPrefix),
    payload,
    correlationId,
  });
  await projectIncidentSearch(manager, data.incident.id);
}
