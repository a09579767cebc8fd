import { Query } from '@nestjs/cqrs';
import type { Axis } from '@app/taxonomy';
import type { PendingAxis, ReviewReason } from '../../review-rules.js';

/** One incident waiting for review, with the machine labels and why it waits. */
export interface PendingReview {
  incidentId: string;
  title: string;
  filedAt: string;
  classifierVersion: string;
  axes: Record<'mechanism' | 'magnitude' | 'source', { label: string; confidence: number }>;
  proposedLabels: Record<string, string>;
  /** Why the newest machine result needs a person, on every axis (whether reviewed since or not). */
  reasons: ReviewReason[];
  /** The axes still waiting for an analyst, with why (review-rules.ts pendingAxes); never empty on the queue. */
  pendingAxes: PendingAxis[];
  /** Axes an analyst decided: the label in force and the review that set it. */
  reviewedAxes: Array<{ axis: Axis; label: string; reviewNumber: number }>;
}

/** A page of the review queue, oldest filing first; `nextCursor` is null on the last page. */
export interface PendingReviewsPage {
  items: PendingReview[];
  nextCursor: string | null;
  threshold: number;
}

/**
 * The review queue: active incidents with at least one axis pending review (review-rules.ts pendingAxes) that the
 * asking key may view (a TLP:RED incident only by the key that filed it, src/incidents/lock-incident.ts mayView).
 */
export class ListPendingReviewsQuery extends Query<PendingReviewsPage> {
  constructor(
    readonly limit: number,
    /** API key id of the caller (auth principal). */
    readonly viewerKeyId: string,
    readonly after?: string,
  ) {
    super();
  }
}
