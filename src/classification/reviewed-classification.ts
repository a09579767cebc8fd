import { Like, Not, type EntityManager } from 'typeorm';
import type { IncidentClassification } from '@app/taxonomy';
import { IncidentClassificationEntity } from '../incidents/incident-classification.entity.js';
import { applyReview, REVIEW_VERSION_PREFIX, reviewVersion, type AxisDecision, type ReviewedClassification } from './labels-in-force.js';

/** The incident's newest machine (classifier) result, never a review row; null if it has none. */
export function newestMachineClassification(manager: EntityManager, incidentId: string): Promise<IncidentClassificationEntity | null> {
  return manager.findOne(IncidentClassificationEntity, {
    where: { incidentId, classifierVersion: Not(Like(`${REVIEW_VERSION_PREFIX}%`)) },
    order: { classifiedAt: 'DESC' },
  });
}

/** The newest decision per axis of the incident's reviews (empty when it was never reviewed). */
export async function decisionsInForce(manager: EntityManager, incidentId: string): Promise<AxisDecision[]> {
  const rows: Array<{ axis: AxisDecision['axis']; to_label: string; review_number: number; reviewed_at: Date }> = await manager.query(
    `SELECT DISTINCT ON (axis) axis, to_label, review_number, reviewed_at
       FROM classification_overrides WHERE incident_id = $1
      ORDER BY axis, review_number DESC`,
    [incidentId],
  );
  return rows.map((row) => ({ axis: row.axis, toLabel: row.to_label, reviewNumber: row.review_number, reviewedAt: row.reviewed_at }));
}

/**
 * Keeps a reviewed incident's labels in force after a machine result is stored (filing, amendment, backfill, review):
 * writes the reviewed overlay of `machine` as row `review:<newest review number>` with `classified_at` = `at`, which
 * the caller makes later than the machine row's so "newest row wins" readers (trends, retraction, GET /incidents/{id})
 * see the reviewed labels. Returns the overlay, or null (and writes nothing) when the incident has no review.
 */
export async function storeReviewedClassification(
  manager: EntityManager,
  incidentId: string,
  machine: IncidentClassification,
  at: Date,
): Promise<ReviewedClassification | null> {
  const decisions = await decisionsInForce(manager, incidentId);
  if (decisions.length === 0) return null;
  const reviewed = applyReview(machine, decisions);
  await manager.upsert(
    IncidentClassificationEntity,
    {
      incidentId,
      classifierVersion: reviewVersion(reviewed.review!.reviewNumber),
      mechanism: reviewed.mechanism.label,
      magnitude: reviewed.magnitude.label,
      source: reviewed.source.label,
      result: reviewed,
      classifiedAt: at,
    },
    ['incidentId', 'classifierVersion'],
  );
  return reviewed;
}
