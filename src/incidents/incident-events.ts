import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { incidentEventsTopic, type EventType, type IncidentEventData } from '@app/contracts';
import { OutboxMessageEntity } from '../outbox/outbox-message.entity.js';

/**
 * Queues an incident event in the outbox within the caller's transaction (the relay publishes it to the incident
 * events topic, keyed by incident id).
 */
export async function queueIncidentEvent(
  manager: EntityManager,
  topicPrefix: string,
  eventType: EventType,
  data: IncidentEventData,
  correlationId: string,
): Promise<void> {
  await manager.insert(OutboxMessageEntity, {
    eventId: randomUUID(),
    eventType,
    aggregateId: data.incident.id,
    topic: incidentEventsTopic(topicPrefix),
    payload: data,
    correlationId,
  });
}
