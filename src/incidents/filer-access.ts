import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/api-keys.service.js';
import { DomainError } from '../common/domain-error.js';
import { IncidentEntity } from './incident.entity.js';
import { mayView } from './lock-incident.js';

/**
 * Loads the incident and checks the caller may act on its follow-ups: an admin, or the regulator whose API key filed
 * it (`filed_by_key_id`). An incident the caller may not view (TLP:RED, lock-incident.ts mayView) answers 404 as an
 * unknown id does, so its existence does not leak. Errors: INCIDENT.NOT_FOUND (404), AUTH.FORBIDDEN (403) for another
 * regulator.
 */
export async function incidentOfFilerOrAdmin(manager: EntityManager, incidentId: string, principal: Principal): Promise<IncidentEntity> {
  const incident = await manager.findOneBy(IncidentEntity, { id: incidentId });
  if (!incident || !mayView(incident, principal.keyId)) throw new DomainError('INCIDENT.NOT_FOUND', `No incident ${incidentId}`);
  if (principal.role !== 'admin' && incident.filedByKeyId !== principal.keyId)
    throw new DomainError('AUTH.FORBIDDEN', 'Only the filing regulator or an admin may do this');
  return incident;
}
