import type { EntityManager } from 'typeorm';
import { classifyIncident, type IncidentClassification } from '@app/taxonomy';
import { appendClassification, storeReviewedClassification } from '../classification/classification-history.js';
import { withEvidenceHighlights } from '../classification/evidence-highlights.js';
import { projectIncidentSearch } from '../read-models/incident-search.projection.js';
import type { ClassificationCause } from './incident-classification.entity.js';
import type { IncidentEntity } from './incident.entity.js';

/**
 * Classifies the incident with libs/taxonomy (with the filer's proposed labels) and adds a highlighted snippet to each
 * phrase evidence item of the three axes (evidence-highlights.ts). Pure: stores nothing.
 */
export function classifyStoredIncident(
  incident: Pick<IncidentEntity, 'title' | 'description' | 'harmDescription' | 'language' | 'sector' | 'aiSystemName' | 'proposedLabels'>,
): IncidentClassification {
  const machine = classifyIncident({
    title: incident.title,
    description: incident.description,
    harmDescription: incident.harmDescription ?? undefined,
    language: incident.language,
    sector: (incident.sector ?? undefined) as Parameters<typeof classifyIncident>[0]['sector'],
    aiSystemName: incident.aiSystemName ?? undefined,
    proposedLabels: incident.proposedLabels ?? undefined,
  });
  return withEvidenceHighlights(machine, {
    title: incident.title,
    description: incident.description,
    harmDescription: incident.harmDescription,
  });
}

/**
 * Classifies an existing incident (classifyStoredIncident) and appends the machine result for the incident's current
 * version to the classification history within the caller's transaction (earlier results stay). A reviewed incident
 * keeps its reviewed labels in force: a `review` row overlaying them on the new result follows
 * (classification-history.ts). `cause`: what asked for the classification (a new filing is stored by
 * file-incident.handler.ts in one statement).
 * Returns the classification in force: the reviewed overlay when there is a review, else the machine result.
 * A backfill re-projects the incident's search read model here (it records no incident event); an amendment's is
 * projected by the event it queues (incident-events.ts).
 */
export async function classifyAndStore(
  manager: EntityManager,
  incident: IncidentEntity,
  cause: Extract<ClassificationCause, 'amendment' | 'backfill'>,
): Promise<IncidentClassification> {
  const classification = classifyStoredIncident(incident);
  await appendClassification(manager, { incidentId: incident.id, incidentVersion: incident.version, tlp: incident.tlp, kind: 'machine', cause, classification });
  const reviewed = await storeReviewedClassification(manager, incident.id, incident.version, classification, cause, incident.tlp);
  if (cause === 'backfill') await projectIncidentSearch(manager, incident.id);
  return reviewed ?? classification;
}
