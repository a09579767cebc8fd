import type { EntityManager } from 'typeorm';
import { classifyIncident, type IncidentClassification } from '@app/taxonomy';
import { IncidentClassificationEntity } from './incident-classification.entity.js';
import type { IncidentEntity } from './incident.entity.js';

/**
 * Classifies the incident with libs/taxonomy and stores the result for the current classifier version within the
 * caller's transaction (replacing that version's earlier result, e.g. after an amendment).
 */
export async function classifyAndStore(manager: EntityManager, incident: IncidentEntity): Promise<IncidentClassification> {
  const classification = classifyIncident({
    title: incident.title,
    description: incident.description,
    harmDescription: incident.harmDescription ?? undefined,
    language: incident.language,
    sector: (incident.sector ?? undefined) as Parameters<typeof classifyIncident>[0]['sector'],
    aiSystemName: incident.aiSystemName ?? undefined,
  });
  await manager.upsert(
    IncidentClassificationEntity,
    {
      incidentId: incident.id,
      classifierVersion: classification.classifierVersion,
      mechanism: classification.mechanism.label,
      magnitude: classification.magnitude.label,
      source: classification.source.label,
      result: classification,
      classifiedAt: new Date(),
    },
    ['incidentId', 'classifierVersion'],
  );
  return classification;
}
