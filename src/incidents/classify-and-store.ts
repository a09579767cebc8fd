import type { EntityManager } from 'typeorm';
import { classifyIncident, type IncidentClassification } from '@app/taxonomy';
import { storeReviewedClassification } from '../classification/reviewed-classification.js';
import { projectIncidentSearch } from '../read-models/incident-search.projection.js';
import { IncidentClassificationEntity } from './incident-classification.entity.js';
import type { IncidentEntity } from './incident.entity.js';

/**
 * Classifies the incident with libs/taxonomy (with the filer's proposed labels) and stores the machine result for the
 * current classifier version within the caller's transaction (replacing that version's earlier result, e.g. after
 * an amendment). A reviewed incident keeps its reviewed labels in force: its `review:<n>` row is rewritten over the
 * new machine result, one millisecond later (reviewed-classification.ts).
 * Returns the classification in force: the reviewed overlay when there is a review, else the machine result.
 * Re-projects the incident's search read model (a backfill records no incident event).
 */
export async function classifyAndStore(manager: EntityManager, incident: IncidentEntity): Promise<IncidentClassification> {
  const classification = classifyIncident({
    title: incident.title,
    description: incident.description,
    harmDescription: incident.harmDescription ?? undefined,
    language: incident.language,
    sector: (incident.sector ?? undefined) as Parameters<typeof classifyIncident>[0]['sector'],
    aiSystemName: incident.aiSystemName ?? undefined,
    proposedLabels: incident.proposedLabels ?? undefined,
  });
  const classifiedAt = new Date();
  await manager.upsert(
    IncidentClassificationEntity,
    {
      incidentId: incident.id,
      classifierVersion: classification.classifierVersion,
      mechanism: classification.mechanism.label,
      magnitude: classification.magnitude.label,
      source: classification.source.label,
      result: classification,
      classifiedAt,
    },
    ['incidentId', 'classifierVersion'],
  );
  const reviewed = await storeReviewedClassification(manager, incident.id, classification, new Date(classifiedAt.getTime() + 1));
  // The incident row must exist: filing inserts it before classifying.
  await projectIncidentSearch(manager, incident.id);
  return reviewed ?? classification;
}
