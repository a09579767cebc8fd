import { Query } from '@nestjs/cqrs';
import type { IncidentClassification } from '@app/taxonomy';

/** One stored classification row: a classifier version's result, or a review's labels (`review:<n>`). */
export interface StoredClassificationView {
  classifierVersion: string;
  kind: 'machine' | 'review';
  /** True for the newest row: the labels trends and routing use. */
  inForce: boolean;
  classifiedAt: string;
  labels: { mechanism: string; magnitude: string; source: string };
  result: IncidentClassification;
}

/** Every stored classification of one incident, newest first (old classifier versions stay queryable). */
export class ListClassificationsQuery extends Query<{ incidentId: string; items: StoredClassificationView[] }> {
  constructor(readonly incidentId: string) {
    super();
  }
}
