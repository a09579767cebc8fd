import { ConfigService } from '@nestjs/config';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError } from '../../../common/domain-error.js';
import type { Environment } from '../../../config/environment.js';
import { IncidentEntity } from '../../../incidents/incident.entity.js';
import { mayView } from '../../../incidents/lock-incident.js';
import type { LinkReason } from '../../link-score.js';
import { ListRelatedIncidentsQuery, type RelatedIncidentView, type RelatedIncidentsView } from './list-related-incidents.query.js';

/**
 * The links of one incident, best first, with the related incidents' identifying fields. Only related incidents the
 * viewer may see are listed (RED: its filer only), so a link never reveals an incident. Also used by
 * GET /incidents/{id}. Not paged: links per incident are few (scores ≥ the threshold against at most 550 candidates).
 */
export async function relatedIncidentsOf(manager: EntityManager, incidentId: string, viewerKeyId: string): Promise<RelatedIncidentView[]> {
  const rows = await manager.query<
    Array<{ id: string; title: string; occurred_at: Date; country: string; language: 'en' | 'zh'; origin_jurisdiction: string; score: number; reasons: LinkReason[]; computed_at: Date }>
  >(
    `SELECT i.id, i.title, i.occurred_at, i.country, i.language, i.origin_jurisdiction, l.score, l.reasons, l.computed_at
       FROM incident_links l JOIN incidents i ON i.id = l.related_incident_id
      WHERE l.incident_id = $1 AND i.status = 'active' AND (i.tlp <> 'RED' OR i.filed_by_key_id = $2)
      ORDER BY l.score DESC, i.id`,
    [incidentId, viewerKeyId],
  );
  return rows.map((row) => ({
    incidentId: row.id,
    title: row.title,
    occurredAt: row.occurred_at.toISOString(),
    country: row.country,
    language: row.language,
    originJurisdiction: row.origin_jurisdiction,
    score: Number(row.score),
    reasons: row.reasons,
    computedAt: row.computed_at.toISOString(),
  }));
}

/** Errors: INCIDENT.NOT_FOUND (404) for an unknown incident or a RED one the caller did not file. */
@QueryHandler(ListRelatedIncidentsQuery)
export class ListRelatedIncidentsHandler implements IQueryHandler<ListRelatedIncidentsQuery> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  async execute({ incidentId, viewerKeyId }: ListRelatedIncidentsQuery): Promise<RelatedIncidentsView> {
    const incident = await this.dataSource.manager.findOneBy(IncidentEntity, { id: incidentId });
    if (!incident || !mayView(incident, viewerKeyId)) throw new DomainError('INCIDENT.NOT_FOUND', `No incident ${incidentId}`);
    return {
      incidentId,
      threshold: this.config.get('CORRELATION_THRESHOLD', { infer: true }),
      items: await relatedIncidentsOf(this.dataSource.manager, incidentId, viewerKeyId),
    };
  }
}
