import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RequestValidationError } from '../../../common/problem-details.js';
import { rowsOf } from '../../../database/rows-of.js';
import { mayViewAlertSql } from '../../../incidents/lock-incident.js';
import { urgencyOf } from '../../ack-deadlines.js';
import { ListOverdueAlertsQuery, type OverdueAlertsPage } from './list-overdue-alerts.query.js';

interface OverdueRow {
  alert_id: string;
  partner_id: string;
  partner_name: string;
  incident_id: string;
  incident_title: string | null;
  version: number;
  msg_type: string;
  urgency: unknown;
  status: string;
  last_error: string | null;
  ack_due_at: Date | null;
  overdue_at: Date;
  escalations: number;
}

/**
 * Keyset pages on (overdue_at, alert_id) over index `ix_deliveries_overdue`: the cursor is the last alert id of a page,
 * so alerts acknowledged or newly overdue between pages neither repeat nor shift the others. 400 for a cursor that
 * names no overdue alert.
 */
@QueryHandler(ListOverdueAlertsQuery)
export class ListOverdueAlertsHandler implements IQueryHandler<ListOverdueAlertsQuery> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute({ limit, after, viewerKeyId }: ListOverdueAlertsQuery): Promise<OverdueAlertsPage> {
    if (after !== undefined) {
      const known: unknown[] = await this.dataSource.query('SELECT 1 FROM deliveries WHERE alert_id = $1 AND overdue_at IS NOT NULL', [after]);
      if (known.length === 0) throw new RequestValidationError([{ field: 'after', messages: ['after must be a nextCursor from GET /alerts/overdue'] }]);
    }
    const rows = rowsOf<OverdueRow>(await this.dataSource.query(
      `SELECT d.alert_id, d.partner_id, p.name AS partner_name, d.incident_id,
              CASE WHEN ${mayViewAlertSql('i', 'd', '$3')} THEN i.title END AS incident_title, d.version,
              d.event->'data'->>'msgType' AS msg_type, d.event->'data'->'classification'->'urgency' AS urgency,
              d.status, d.last_error, d.ack_due_at, d.overdue_at, d.escalations
         FROM deliveries d JOIN partners p ON p.id = d.partner_id JOIN incidents i ON i.id = d.incident_id
        WHERE d.acknowledged_at IS NULL AND d.overdue_at IS NOT NULL
          AND ($1::uuid IS NULL OR (d.overdue_at, d.alert_id) > (SELECT overdue_at, alert_id FROM deliveries WHERE alert_id = $1::uuid))
        ORDER BY d.overdue_at, d.alert_id
        LIMIT $2`,
      [after ?? null, limit + 1, viewerKeyId],
    ));
    const page = rows.slice(0, limit);
    return {
      items: page.map((row) => ({
        alertId: row.alert_id,
        partnerId: row.partner_id,
        partnerName: row.partner_name,
        incidentId: row.incident_id,
        incidentTitle: row.incident_title,
        version: row.version,
        msgType: row.msg_type,
        urgency: urgencyOf({ urgency: row.urgency }),
        status: row.status,
        lastError: row.last_error,
        ackDueAt: row.ack_due_at?.toISOString() ?? null,
        overdueAt: row.overdue_at.toISOString(),
        escalations: row.escalations,
      })),
      nextCursor: rows.length > limit ? page[page.length - 1].alert_id : null,
    };
  }
}
