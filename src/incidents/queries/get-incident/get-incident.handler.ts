import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '../../../audit/audit-log.service.js';
import { ClassificationOverrideEntity } from '../../../classification/classification-override.entity.js';
import { classificationInForce, newestMachineClassification } from '../../../classification/classification-history.js';
import { withEvidenceHighlights } from '../../../classification/evidence-highlights.js';
import { DomainError } from '../../../common/domain-error.js';
import { relatedIncidentsOf } from '../../../correlation/queries/list-related-incidents/list-related-incidents.handler.js';
import { ForeignIncidentEntity } from '../../../federation/foreign-incident.entity.js';
import { IncidentEntity } from '../../incident.entity.js';
import { mayView, mayViewSql } from '../../lock-incident.js';
import { toIncidentSnapshot } from '../../incident-snapshot.js';
import { FOLLOW_UP_COLUMNS, toFollowUpView, type FollowUpRow } from '../list-follow-ups/list-follow-ups.query.js';
import { GetIncidentQuery, type IncidentView, type PartnerDeliveryView, type ReviewView } from './get-incident.query.js';

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

/** Records reads of AMBER+STRICT and RED incidents in the audit log (src/audit). Errors: INCIDENT.NOT_FOUND (404). */
@QueryHandler(GetIncidentQuery)
export class GetIncidentHandler implements IQueryHandler<GetIncidentQuery> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly auditLog: AuditLog,
  ) {}

  async execute({ incidentId, viewerKeyId }: GetIncidentQuery): Promise<IncidentView> {
    const incident = await this.dataSource.manager.findOneBy(IncidentEntity, { id: incidentId });
    if (!incident || !mayView(incident, viewerKeyId)) throw new DomainError('INCIDENT.NOT_FOUND', `No incident ${incidentId}`);
    await this.auditLog.recordIncidentRead(incident.id, incident.tlp); // AMBER+STRICT and RED reads only (issue 6)
    const classification = await classificationInForce(this.dataSource.manager, incidentId);
    const machine = classification?.kind === 'review'
      ? await newestMachineClassification(this.dataSource.manager, incidentId)
      : null;
    const reviews = await this.reviewsOf(incidentId);
    const rows: Array<{
      partner_id: string;
      partner_name: string;
      alert_id: string;
      version: number;
      msg_type: string;
      status: string;
      attempts: number;
      last_status_code: number | null;
      last_error: string | null;
      delivered_at: Date | null;
      acknowledged_at: Date | null;
      acknowledgement_note: string | null;
      ack_due_at: Date | null;
      overdue_at: Date | null;
      escalations: number;
    }> = await this.dataSource.query(
      `SELECT d.partner_id, p.name AS partner_name, d.alert_id, d.version, d.event->'data'->>'msgType' AS msg_type, d.status, d.attempts, d.last_status_code,
              d.last_error, d.delivered_at, d.acknowledged_at, d.acknowledgement_note, d.ack_due_at, d.overdue_at, d.escalations
         FROM deliveries d JOIN partners p ON p.id = d.partner_id
        WHERE d.incident_id = $1 AND ${mayViewSql(`(d.event #>> '{data,incident,tlp}')`, '$2::uuid', '$3')}
        ORDER BY p.name, d.version`,
      // Deliveries of a version whose own marking the viewer may not view (a RED version of an incident widened since)
      // are left out with their acknowledgement notes and follow-ups, which may quote that version.
      [incidentId, incident.filedByKeyId, viewerKeyId],
    );
    const followUps = (await this.dataSource.query<FollowUpRow[]>(
      `SELECT ${FOLLOW_UP_COLUMNS} FROM follow_ups f LEFT JOIN partners p ON p.id = f.partner_id
        WHERE f.incident_id = $1 AND f.origin = 'partner' ORDER BY f.created_at, f.id`,
      [incidentId],
    )).map(toFollowUpView);
    const deliveries: PartnerDeliveryView[] = rows.map((row) => ({
      partnerId: row.partner_id,
      partnerName: row.partner_name,
      alertId: row.alert_id,
      version: row.version,
      msgType: row.msg_type,
      status: row.status,
      attempts: row.attempts,
      lastStatusCode: row.last_status_code,
      lastError: row.last_error,
      deliveredAt: iso(row.delivered_at),
      acknowledgedAt: iso(row.acknowledged_at),
      acknowledgementNote: row.acknowledgement_note,
      ackDueAt: iso(row.ack_due_at),
      overdueAt: iso(row.overdue_at),
      escalations: row.escalations,
      followUps: followUps.filter((followUp) => followUp.alertId === row.alert_id),
    }));
    return {
      incident: toIncidentSnapshot(incident),
      // Rows stored before evidence carried highlights get them from the text they were classified on (the current one).
      classification: classification ? withEvidenceHighlights(classification.result, incident) : null,
      ...(machine ? { machineClassification: withEvidenceHighlights(machine.result, incident) } : {}),
      reviews,
      deliveries,
      related: (await relatedIncidentsOf(this.dataSource.manager, incidentId, viewerKeyId)).map((link) => ({
        incidentId: link.incidentId,
        originJurisdiction: link.originJurisdiction,
        score: link.score,
        signals: link.reasons.map((reason) => reason.signal),
      })),
      ...(await this.foreignOriginOf(incidentId)),
    };
  }

  private async foreignOriginOf(incidentId: string): Promise<Pick<IncidentView, 'foreignOrigin'>> {
    const link = await this.dataSource.manager.findOneBy(ForeignIncidentEntity, { incidentId });
    if (!link) return {};
    const { peerId, originJurisdiction, originIncidentId, originAlertId, originVersion } = link;
    return { foreignOrigin: { peerId, originJurisdiction, originIncidentId, originAlertId, originVersion } };
  }

  private async reviewsOf(incidentId: string): Promise<ReviewView[]> {
    const overrides = await this.dataSource.manager.find(ClassificationOverrideEntity, {
      where: { incidentId },
      order: { reviewNumber: 'ASC', axis: 'ASC' },
    });
    const reviews = new Map<number, ReviewView>();
    for (const override of overrides) {
      const review = reviews.get(override.reviewNumber) ?? {
        reviewNumber: override.reviewNumber,
        reviewedAt: override.reviewedAt.toISOString(),
        reviewedBy: { keyId: override.reviewedByKeyId, name: override.reviewedByName },
        axes: [],
      };
      review.axes.push({
        axis: override.axis,
        fromLabel: override.fromLabel,
        toLabel: override.toLabel,
        reason: override.reason,
        machineClassifierVersion: override.machineClassifierVersion,
      });
      reviews.set(override.reviewNumber, review);
    }
    return [...reviews.values()];
  }
}
