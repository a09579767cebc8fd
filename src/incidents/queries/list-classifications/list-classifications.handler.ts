import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '../../../audit/audit-log.service.js';
import { AXES, type Axis } from '@app/taxonomy';
import { ClassificationOverrideEntity } from '../../../classification/classification-override.entity.js';
import { DomainError } from '../../../common/domain-error.js';
import { IncidentClassificationEntity } from '../../incident-classification.entity.js';
import { IncidentEntity } from '../../incident.entity.js';
import { mayView } from '../../lock-incident.js';
import {
  ListClassificationsQuery,
  type AnalystAxisBasis,
  type ClassificationHistoryView,
  type MachineAxisBasis,
  type StoredClassificationView,
} from './list-classifications.query.js';

/**
 * Reads the incident's whole history and its review decisions, and explains each row per axis: a review row's axis
 * carries the newest decision on it up to the row's review number (who, when, reason), every other axis the machine's
 * label and confidence. Rows of a version whose own marking the viewer may not view (`mayView` with the row's
 * `incident_tlp`; unknown = RED), e.g. a RED version 1 of an incident widened since to GREEN, are left out and their
 * versions listed in `withheldVersions`: their evidence quotes that version's text. Reads of AMBER+STRICT and RED
 * incidents are audited (src/audit). Errors: INCIDENT.NOT_FOUND (404).
 */
@QueryHandler(ListClassificationsQuery)
export class ListClassificationsHandler implements IQueryHandler<ListClassificationsQuery> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly auditLog: AuditLog,
  ) {}

  async execute({ incidentId, viewerKeyId }: ListClassificationsQuery): Promise<ClassificationHistoryView> {
    const incident = await this.dataSource.manager.findOne(IncidentEntity, { where: { id: incidentId }, select: { id: true, tlp: true, filedByKeyId: true } });
    if (!incident || !mayView(incident, viewerKeyId)) throw new DomainError('INCIDENT.NOT_FOUND', `No incident ${incidentId}`);
    await this.auditLog.recordIncidentRead(incident.id, incident.tlp); // the evidence quotes the text: audited like GET /incidents/{id}
    const [rows, decisions] = await Promise.all([
      this.dataSource.manager.find(IncidentClassificationEntity, { where: { incidentId }, order: { seq: 'DESC' } }),
      this.dataSource.manager.find(ClassificationOverrideEntity, { where: { incidentId }, order: { reviewNumber: 'DESC' } }),
    ]);
    const basisOf = (row: IncidentClassificationEntity, axis: Axis): MachineAxisBasis | AnalystAxisBasis => {
      const decision =
        row.kind === 'review' ? decisions.find((candidate) => candidate.axis === axis && candidate.reviewNumber <= (row.reviewNumber ?? 0)) : undefined;
      if (!decision) return { label: row.result[axis].label, decidedBy: 'machine', confidence: row.result[axis].confidence };
      return {
        label: decision.toLabel,
        decidedBy: 'analyst',
        reviewNumber: decision.reviewNumber,
        reviewedAt: decision.reviewedAt.toISOString(),
        reviewedBy: { keyId: decision.reviewedByKeyId, name: decision.reviewedByName },
        reason: decision.reason,
        machineLabel: decision.machineLabel,
      };
    };
    const items = rows.map(
      (row, index): StoredClassificationView => ({
        seq: Number(row.seq),
        kind: row.kind,
        cause: row.cause,
        incidentVersion: row.incidentVersion,
        classifierVersion: row.classifierVersion,
        reviewNumber: row.reviewNumber,
        inForce: index === 0,
        classifiedAt: row.classifiedAt.toISOString(),
        labels: { mechanism: row.mechanism, magnitude: row.magnitude, source: row.source },
        basis: Object.fromEntries(AXES.map((axis) => [axis, basisOf(row, axis)])) as StoredClassificationView['basis'],
        result: row.result,
      }),
    );
    const visible = (row: IncidentClassificationEntity): boolean =>
      mayView({ tlp: (row.incidentTlp ?? 'RED') as IncidentEntity['tlp'], filedByKeyId: incident.filedByKeyId }, viewerKeyId);
    const withheldVersions = [...new Set(rows.filter((row) => !visible(row)).map((row) => row.incidentVersion))].sort((a, b) => a - b);
    return { incidentId, inForceSeq: items[0]?.seq ?? null, withheldVersions, items: items.filter((_, index) => visible(rows[index])) };
  }
}
