import { Command } from '@nestjs/cqrs';
import type { Principal } from '../../../auth/api-keys.service.js';
import type { PendingAxis } from '../../review-rules.js';
import type { ReviewAxesDto } from './review-classification.request.dto.js';

/** What a review answers: the incident's new version and the labels in force from now on. */
export interface ReviewClassificationResult {
  incidentId: string;
  version: number;
  reviewNumber: number;
  labels: { mechanism: string; magnitude: string; source: string };
  /** Axes still waiting for a review after this one (empty: the incident has left the queue). */
  pendingAxes: PendingAxis[];
}

/** Confirm or override an incident's classification, axis by axis, as an analyst. */
export class ReviewClassificationCommand extends Command<ReviewClassificationResult> {
  constructor(
    readonly incidentId: string,
    readonly axes: ReviewAxesDto,
    readonly reviewer: Principal,
    readonly correlationId: string,
  ) {
    super();
  }
}
