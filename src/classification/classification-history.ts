import type { EntityManager } from 'typeorm';
import type { IncidentClassification } from '@app/taxonomy';
import {
  IncidentClassificationEntity,
  type ClassificationCause,
  type ClassificationKind,
} from '../incidents/incident-classification.entity.js';
import { applyReview, type AxisDecision, type ReviewedClassification } from './labels-in-force.js';

/** The incident's newest machine (classifier) result, never a review row; null if it has none. */
export function newestMachineClassification(manager: EntityManager, incidentId: string): Promise<IncidentClassificationEntity | null> {
  return manager.findOne(IncidentClassificationEntity, { where: { incidentId, kind: 'machine' }, order: { seq: 'DESC' } });
}

/** The incident's classification in force (its newest row, machine or review); null if it has none. */
export function classificationInForce(manager: EntityManager, incidentId: string): Promise<IncidentClassificationEntity | null> {
  return manager.findOne(IncidentClassificationEntity, { where: { incidentId }, order: { seq: 'DESC' } });
}

/** The newest decision per axis of the incident's reviews (empty when it was never reviewed). */
export async function decisionsInForce(manager: EntityManager, incidentId: string): Promise<AxisDecision[]> {
  const rows: Array<{ axis: AxisDecision['axis']; to_label: string; machine_label: string; review_number: number; reviewed_at: Date }> =
    await manager.query(
      `SELECT DISTINCT ON (axis) axis, to_label, machine_label, review_number, reviewed_at
         FROM classification_overrides WHERE incident_id = $1
        ORDER BY axis, review_number DESC`,
      [incidentId],
    );
  return rows.map((row) => ({
    axis: row.axis,
    toLabel: row.to_label,
    machineLabel: row.machine_label,
    reviewNumber: row.review_number,
    reviewedAt: row.reviewed_at,
  }));
}

/** One row to append to the history. */
export interface ClassificationRecord {
  incidentId: string;
  incidentVersion: number;
  /** The incident's TLP marking at `incidentVersion`. */
  tlp: string;
  kind: ClassificationKind;
  cause: ClassificationCause;
  reviewNumber?: number;
  classification: IncidentClassification;
  /** The machine result's classifier version for a review row (default: `classification.classifierVersion`). */
  classifierVersion?: string;
}

/** Columns of an `incident_classifications` row as `classificationRowValues` lists them (the entity's, but `seq`). */
export const CLASSIFICATION_COLUMNS =
  'incident_id, incident_version, kind, cause, classifier_version, review_number, mechanism, magnitude, source, result, classified_at, incident_tlp';

/** The values of `record` for CLASSIFICATION_COLUMNS, in that order, as query parameters (`result` as JSON text). */
export function classificationRowValues(record: ClassificationRecord, classifiedAt: Date): unknown[] {
  return [
    record.incidentId,
    record.incidentVersion,
    record.kind,
    record.cause,
    record.classifierVersion ?? record.classification.classifierVersion,
    record.reviewNumber ?? null,
    record.classification.mechanism.label,
    record.classification.magnitude.label,
    record.classification.source.label,
    JSON.stringify(record.classification),
    classifiedAt,
    record.tlp,
  ];
}

/**
 * Appends a row to the incident's classification history; it is in force from now on. `classified_at` is now, or
 * one millisecond after the incident's newest row when that is not earlier, so readers that order by time (trends,
 * public feed, retraction) agree with `seq`. The caller holds the incident's row lock (lock-incident.ts, or the
 * filing's own insert), so two writers never interleave on one incident. Returns the stored row's `seq` and time.
 */
export async function appendClassification(manager: EntityManager, record: ClassificationRecord): Promise<{ seq: string; classifiedAt: Date }> {
  const [{ newest }]: Array<{ newest: Date | null }> = await manager.query(
    'SELECT max(classified_at) AS newest FROM incident_classifications WHERE incident_id = $1',
    [record.incidentId],
  );
  const now = Date.now();
  const classifiedAt = new Date(newest && newest.getTime() >= now ? newest.getTime() + 1 : now);
  const params = classificationRowValues(record, classifiedAt);
  const [{ seq }]: Array<{ seq: string }> = await manager.query(
    `INSERT INTO incident_classifications (${CLASSIFICATION_COLUMNS}) VALUES (${params.map((_, n) => `$${n + 1}`).join(', ')}) RETURNING seq`,
    params,
  );
  return { seq, classifiedAt };
}

/**
 * Keeps a reviewed incident's labels in force after a new machine result (amendment, backfill) or a review: appends
 * the overlay of the decisions in force on `machine` as a `review` row (review number = the newest review). Returns
 * the overlay, or null (and writes nothing) when the incident has no review.
 */
export async function storeReviewedClassification(
  manager: EntityManager,
  incidentId: string,
  incidentVersion: number,
  machine: IncidentClassification,
  cause: ClassificationCause,
  tlp: string,
): Promise<ReviewedClassification | null> {
  const decisions = await decisionsInForce(manager, incidentId);
  if (decisions.length === 0) return null;
  const reviewed = applyReview(machine, decisions);
  await appendClassification(manager, {
    incidentId,
    incidentVersion,
    tlp,
    kind: 'review',
    cause,
    reviewNumber: reviewed.review!.reviewNumber,
    classification: reviewed,
    classifierVersion: machine.classifierVersion,
  });
  return reviewed;
}
