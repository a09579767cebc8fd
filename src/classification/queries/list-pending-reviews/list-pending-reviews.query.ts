import { Query } from '@nestjs/cqrs';
import type { ReviewReason } from '../../review-rules.js';

/** One incident waiting for review, with the machine labels and why it waits. */
export interface PendingReview {
  incidentId: string;
  title: string;
  filedAt: string;
  classifierVersion: string;
  axes: Record<'mechanism' | 'magnitude' | 'source', { label: string; confidence: number }>;
  proposedLabels: Record<string, string>;
  reasons: ReviewReason[];
}

/** A page of the review queue, oldest filing first; `nextCursor` is null on the last page. */
export interface PendingReviewsPage {
  items: PendingReview[];
  nextCursor: string | null;
  threshold: number;
}

/** The review queue: active, never-reviewed incidents whose newest machine classification needs a person. */
export class ListPendingReviewsQuery extends Query<PendingReviewsPage> {
  constructor(
    readonly limit: number,
    readonly after?: string,
  ) {
    super();
  }
}
