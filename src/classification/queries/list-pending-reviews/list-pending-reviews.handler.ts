import { ConfigService } from '@nestjs/config';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { IncidentClassification } from '@app/taxonomy';
import { RequestValidationError } from '../../../common/problem-details.js';
import type { Environment } from '../../../config/environment.js';
import { REVIEW_VERSION_PREFIX } from '../../labels-in-force.js';
import { reviewReasons } from '../../review-rules.js';
import { ListPendingReviewsQuery, type PendingReviewsPage } from './list-pending-reviews.query.js';

/**
 * Keyset-paginated queue on (filed_at, id): the cursor is the last incident id of a page, so an incident filed or
 * reviewed between pages neither repeats nor shifts the others. The WHERE clause is reviewReasons() (review-rules.ts)
 * in SQL: any axis undetermined or below REVIEW_CONFIDENCE_THRESHOLD, or a filer disagreement. 400 for an unknown cursor.
 */
@QueryHandler(ListPendingReviewsQuery)
export class ListPendingReviewsHandler implements IQueryHandler<ListPendingReviewsQuery> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  async execute({ limit, after }: ListPendingReviewsQuery): Promise<PendingReviewsPage> {
    if (after !== undefined) {
      const known: unknown[] = await this.dataSource.query('SELECT 1 FROM incidents WHERE id = $1', [after]);
      if (known.length === 0) throw new RequestValidationError([{ field: 'after', messages: ['after must be a nextCursor from GET /reviews'] }]);
    }
    const threshold = this.config.get('REVIEW_CONFIDENCE_THRESHOLD', { infer: true });
    const rows: Array<{ id: string; title: string; filed_at: Date; result: IncidentClassification }> = await this.dataSource.query(
      `SELECT i.id, i.title, i.filed_at, m.result
         FROM incidents i
         JOIN LATERAL (SELECT result, mechanism, magnitude, source FROM incident_classifications
                        WHERE incident_id = i.id AND classifier_version NOT LIKE $1
                        ORDER BY classified_at DESC LIMIT 1) m ON true
        WHERE i.status = 'active'
          AND NOT EXISTS (SELECT 1 FROM classification_overrides o WHERE o.incident_id = i.id)
          AND ('undetermined' IN (m.mechanism, m.magnitude, m.source)
               OR (m.result->'mechanism'->>'confidence')::float8 < $2
               OR (m.result->'magnitude'->>'confidence')::float8 < $2
               OR (m.result->'source'->>'confidence')::float8 < $2
               OR jsonb_array_length(COALESCE(m.result->'disagreements', '[]'::jsonb)) > 0)
          AND ($3::uuid IS NULL OR (i.filed_at, i.id) > (SELECT filed_at, id FROM incidents WHERE id = $3::uuid))
        ORDER BY i.filed_at, i.id
        LIMIT $4`,
      [`${REVIEW_VERSION_PREFIX}%`, threshold, after ?? null, limit + 1],
    );
    const page = rows.slice(0, limit);
    return {
      items: page.map((row) => ({
        incidentId: row.id,
        title: row.title,
        filedAt: row.filed_at.toISOString(),
        classifierVersion: row.result.classifierVersion,
        axes: {
          mechanism: { label: row.result.mechanism.label, confidence: row.result.mechanism.confidence },
          magnitude: { label: row.result.magnitude.label, confidence: row.result.magnitude.confidence },
          source: { label: row.result.source.label, confidence: row.result.source.confidence },
        },
        proposedLabels: row.result.proposedLabels ?? {},
        reasons: reviewReasons(row.result, threshold),
      })),
      nextCursor: rows.length > limit ? page[page.length - 1].id : null,
      threshold,
    };
  }
}
