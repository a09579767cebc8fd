import type { EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error.js';
import { IncidentEntity } from './incident.entity.js';

/**
 * Loads the incident with a row lock (SELECT ... FOR UPDATE) inside the caller's transaction, so concurrent
 * amendments and retractions get consecutive versions. Errors: INCIDENT.NOT_FOUND (404), INCIDENT.RETRACTED (409).
 */
export async function lockIncidentForChange(manager: EntityManager, incidentId: string): Promise<IncidentEntity> {
  const incident = await manager.findOne(IncidentEntity, { where: { id: incidentId }, lock: { mode: 'pessimistic_write' } });
  if (!incident) throw new DomainError('INCIDENT.NOT_FOUND', `No incident ${incidentId}`);
  if (incident.status === 'retracted') {
    throw new DomainError('INCIDENT.RETRACTED', `Incident ${incidentId} was retracted at version ${incident.version}`);
  }
  return incident;
}
