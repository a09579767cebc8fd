import { Module } from '@nestjs/common';
import { ReviewClassificationHandler } from './commands/review-classification/review-classification.handler.js';
import { ReviewClassificationHttpController } from './commands/review-classification/review-classification.http.controller.js';
import { GetTaxonomyHttpController } from './queries/get-taxonomy/get-taxonomy.http.controller.js';
import { ListPendingReviewsHandler } from './queries/list-pending-reviews/list-pending-reviews.handler.js';
import { ListPendingReviewsHttpController } from './queries/list-pending-reviews/list-pending-reviews.http.controller.js';

/** The taxonomy (GET /taxonomy) and the review of classifications (GET /reviews, POST /reviews/{id}). */
@Module({
  controllers: [GetTaxonomyHttpController, ListPendingReviewsHttpController, ReviewClassificationHttpController],
  providers: [ListPendingReviewsHandler, ReviewClassificationHandler],
})
export class ClassificationModule {}
