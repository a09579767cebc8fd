import { Query } from '@nestjs/cqrs';
import type { Axis, IncidentClassification } from '@app/taxonomy';
import type { ClassificationCause, ClassificationKind } from '../../incident-classification.entity.js';

/** Who set an axis's label in a stored row: the classifier, with its confidence. */
export interface MachineAxisBasis {
  label: string;
  decidedBy: 'machine';
  confidence: number;
}

/** Who set an axis's label in a stored row: an analyst's review, with who, when and why, and what the machine said. */
export interface AnalystAxisBasis {
  label: string;
  decidedBy: 'analyst';
  reviewNumber: number;
  reviewedAt: string;
  reviewedBy: { keyId: string; name: string };
  reason: string;
  machineLabel: string;
}

/** One row of the classification history (table `incident_classifications`). */
export interface StoredClassificationView {
  /** Position in the history (a JSON number; the bigint column stays far below 2^53); higher is newer. */
  seq: number;
  kind: ClassificationKind;
  cause: ClassificationCause;
  /** The incident version the row was written for. */
  incidentVersion: number;
  /** The classifier version of the machine result (for review rows: the one overlaid). */
  classifierVersion: string;
  /** For review rows: the newest review applied. */
  reviewNumber: number | null;
  /** True for the newest row: the labels routing and trends use. */
  inForce: boolean;
  classifiedAt: string;
  labels: Record<Axis, string>;
  /** Per axis, why the row carries its label. */
  basis: Record<Axis, MachineAxisBasis | AnalystAxisBasis>;
  result: IncidentClassification;
}

/** The incident's classification history, newest first, with the seq of the row in force (null if none). */
export interface ClassificationHistoryView {
  incidentId: string;
  /** `seq` of the row in force (the item whose `inForce` is true), or null when the incident has no classification. */
  inForceSeq: number | null;
  /**
   * Incident versions whose rows are left out because the viewer may not view that version's own marking (a RED
   * version of an incident widened since; lock-incident.ts mayView), ascending; empty when nothing is withheld.
   */
  withheldVersions: number[];
  items: StoredClassificationView[];
}

/** Every stored classification of one incident, newest first (old classifier versions stay queryable). */
export class ListClassificationsQuery extends Query<ClassificationHistoryView> {
  constructor(readonly incidentId: string,
    /** Who asks: a TLP:RED incident is only shown to the key that filed it (lock-incident.ts mayView). */
    readonly viewerKeyId: string,
  ) {
    super();
  }
}
