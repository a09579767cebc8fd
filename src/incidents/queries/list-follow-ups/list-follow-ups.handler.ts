import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RequestValidationError } from '../../../common/problem-details.js';
import { rowsOf } from '../../../database/rows-of.js';
import { incidentOfFilerOrAdmin } from '../../filer-access.js';
import { mayViewFollowUpSql } from '../../lock-incident.js';
import { FOLLOW_UP_COLUMNS, ListFollowUpsQuery, toFollowUpView, type FollowUpRow, type FollowUpsPage } from './list-follow-ups.query.js';

/**
 * Keyset pages on (created_at, id) over index `ix_follow_ups_incident_keyset`: the cursor is the last follow-up id of
 * a page, so follow-ups arriving between pages neither repeat nor shift the others.
 * Errors: INCIDENT.NOT_FOUND (404), AUTH.FORBIDDEN (403, a regulator that did not file it), 400 for a cursor that
 * names no follow-up of this incident the caller may see (a withheld one answers as an unknown one).
 */
@QueryHandler(ListFollowUpsQuery)
export class ListFollowUpsHandler implements IQueryHandler<ListFollowUpsQuery> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute({ incidentId, principal, limit, after }: ListFollowUpsQuery): Promise<FollowUpsPage> {
    const incident = await incidentOfFilerOrAdmin(this.dataSource.manager, incidentId, principal);
    if (after !== undefined) {
      const known: unknown[] = await this.dataSource.query(
        `SELECT 1 FROM follow_ups f WHERE f.id = $1 AND f.incident_id = $2 AND ${mayViewFollowUpSql('f', '$3::uuid', '$4')}`,
        [after, incidentId, incident.filedByKeyId, principal.keyId],
      );
      if (known.length === 0) throw new RequestValidationError([{ field: 'after', messages: ['after must be a nextCursor from this list'] }]);
    }
    const rows = rowsOf<FollowUpRow>(await this.dataSource.query(
      `SELECT ${FOLLOW_UP_COLUMNS}
         FROM follow_ups f LEFT JOIN partners p ON p.id = f.partner_id
        WHERE f.incident_id = $1
          AND ($2::uuid IS NULL OR (f.created_at, f.id) > (SELECT created_at, id FROM follow_ups WHERE id = $2::uuid))
          AND ${mayViewFollowUpSql('f', '$4::uuid', '$5')}
        ORDER BY f.created_at, f.id
        LIMIT $3`,
      // Follow-ups about a version whose own marking the viewer may not view (a RED version of an incident widened
      // since; an admin), a partner's or the filer's, are left out: they may quote it.
      [incidentId, after ?? null, limit + 1, incident.filedByKeyId, principal.keyId],
    ));
    const page = rows.slice(0, limit);
    return { items: page.map(toFollowUpView), nextCursor: rows.length > limit ? page[page.length - 1].id : null };
  }
}
