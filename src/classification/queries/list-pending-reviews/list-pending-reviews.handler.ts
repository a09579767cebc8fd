import { ConfigService } from '@nestjs/config';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AXES, type Axis, type IncidentClassification } from '@app/taxonomy';
import { AuditLog } from '../../../audit/audit-log.service.js';
import { RequestValidationError } from '../../../common/problem-details.js';
import type { Environment } from '../../../config/environment.js';
import { pendingAxes, reviewReasons } from '../../review-rules.js';
import { ListPendingReviewsQuery, type PendingReviewsPage } from './list-pending-reviews.query.js';

interface AxisDecisionRow {
  axis: Axis;
  toLabel: string;
  machineLabel: string;
  reviewNumber: number;
}

/**
 * Keyset-paginated queue on (filed_at, id): the cursor is the last incident id of a page, so an incident filed or
 * reviewed between pages neither repeats nor shifts the others. An active incident is listed while any axis is
 * pending by pendingAxes() (review-rules.ts), which the WHERE clause mirrors in SQL on the newest machine row and the
 * newest decision per axis. Foreign incidents (src/federation) are never listed: their originator reviews them; a
 * TLP:RED incident only to the key that filed it (src/incidents/lock-incident.ts mayView). 400 for an unknown cursor
 * (or one naming an incident the caller may not view). Each AMBER+STRICT or RED incident listed is recorded as read in
 * the audit log before the page is sent.
 */
@QueryHandler(ListPendingReviewsQuery)
export class ListPendingReviewsHandler implements IQueryHandler<ListPendingReviewsQuery> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService<Environment, true>,
    private readonly auditLog: AuditLog,
  ) {}

  async execute({ limit, viewerKeyId, after }: ListPendingReviewsQuery): Promise<PendingReviewsPage> {
    if (after !== undefined) {
      const known: unknown[] = await this.dataSource.query(
        `SELECT 1 FROM incidents WHERE id = $1 AND (tlp <> 'RED' OR filed_by_key_id = $2::uuid)`,
        [after, viewerKeyId],
      );
      if (known.length === 0) throw new RequestValidationError([{ field: 'after', messages: ['after must be a nextCursor from GET /reviews'] }]);
    }
    const threshold = this.config.get('REVIEW_CONFIDENCE_THRESHOLD', { infer: true });
    const rows: Array<{ id: string; title: string; tlp: string; filed_at: Date; result: IncidentClassification; decisions: AxisDecisionRow[] | null }> =
      await this.dataSource.query(
        `SELECT i.id, i.title, i.tlp, i.filed_at, m.result, d.decisions
           FROM incidents i
           JOIN LATERAL (SELECT result FROM incident_classifications
                          WHERE incident_id = i.id AND kind = 'machine' ORDER BY seq DESC LIMIT 1) m ON true
           LEFT JOIN LATERAL (SELECT jsonb_agg(jsonb_build_object('axis', axis, 'toLabel', to_label, 'machineLabel', machine_label,
                                                                  'reviewNumber', review_number)) AS decisions
                                FROM (SELECT DISTINCT ON (axis) axis, to_label, machine_label, review_number
                                        FROM classification_overrides WHERE incident_id = i.id
                                       ORDER BY axis, review_number DESC) newest) d ON true
          WHERE i.status = 'active'
            -- a foreign incident's labels are its originator's (src/federation): reviewed there, not here
            AND NOT EXISTS (SELECT 1 FROM foreign_incidents f WHERE f.incident_id = i.id)
            -- TLP:RED only to the key that filed it (src/incidents/lock-incident.ts mayView)
            AND (i.tlp <> 'RED' OR i.filed_by_key_id = $4::uuid)
            AND EXISTS (
              SELECT 1 FROM unnest(ARRAY['mechanism', 'magnitude', 'source']) AS a(axis)
               LEFT JOIN LATERAL (SELECT x FROM jsonb_array_elements(COALESCE(d.decisions, '[]'::jsonb)) AS x
                                   WHERE x->>'axis' = a.axis) decided ON true
               WHERE CASE WHEN decided.x IS NOT NULL
                          THEN m.result->a.axis->>'label' NOT IN (decided.x->>'machineLabel', decided.x->>'toLabel')
                          ELSE m.result->a.axis->>'label' = 'undetermined'
                               OR (m.result->a.axis->>'confidence')::float8 < $1
                               OR COALESCE(m.result->'disagreements', '[]'::jsonb) ? a.axis
                     END)
            AND ($2::uuid IS NULL OR (i.filed_at, i.id) > (SELECT filed_at, id FROM incidents WHERE id = $2::uuid))
          ORDER BY i.filed_at, i.id
          LIMIT $3`,
        [threshold, after ?? null, limit + 1, viewerKeyId],
      );
    const page = rows.slice(0, limit);
    // Titles and labels of AMBER+STRICT and RED incidents are reads: audited as a search page's are.
    await this.auditLog.recordIncidentReads(page);
    return {
      items: page.map((row) => {
        const decisions = row.decisions ?? [];
        return {
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
          pendingAxes: pendingAxes(row.result, decisions, threshold),
          reviewedAxes: AXES.flatMap((axis) => {
            const decision = decisions.find((candidate) => candidate.axis === axis);
            return decision ? [{ axis, label: decision.toLabel, reviewNumber: decision.reviewNumber }] : [];
          }),
        };
      }),
      nextCursor: rows.length > limit ? page[page.length - 1].id : null,
      threshold,
    };
  }
}
