import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '../../../audit/audit-log.service.js';
import { classificationInForce } from '../../../classification/classification-history.js';
import { DomainError } from '../../../common/domain-error.js';
import { IncidentEntity } from '../../../incidents/incident.entity.js';
import { toIncidentSnapshot } from '../../../incidents/incident-snapshot.js';
import { mayView } from '../../../incidents/lock-incident.js';
import { buildEuAiActArt73Report } from '../../eu-ai-act-art73-report.js';
import { buildOecdCrfRecord } from '../../oecd-crf-record.js';
import { GetReportingExportQuery, type ReportingExport } from './get-reporting-export.query.js';

/**
 * Builds the export from the stored incident (its newest version) and the classification in force (reviewed labels
 * win). Reads of AMBER+STRICT and RED incidents are audited as GET /incidents/{id} is. Errors: INCIDENT.NOT_FOUND (404),
 * also for a RED incident the caller did not file.
 */
@QueryHandler(GetReportingExportQuery)
export class GetReportingExportHandler implements IQueryHandler<GetReportingExportQuery> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly auditLog: AuditLog,
  ) {}

  async execute({ incidentId, kind, viewerKeyId }: GetReportingExportQuery): Promise<ReportingExport> {
    const incident = await this.dataSource.manager.findOneBy(IncidentEntity, { id: incidentId });
    if (!incident || !mayView(incident, viewerKeyId)) throw new DomainError('INCIDENT.NOT_FOUND', `No incident ${incidentId}`);
    await this.auditLog.recordIncidentRead(incident.id, incident.tlp);
    const classification = (await classificationInForce(this.dataSource.manager, incidentId))?.result ?? null;
    const snapshot = toIncidentSnapshot(incident);
    const now = new Date();
    return kind === 'eu-ai-act-art73' ? buildEuAiActArt73Report(snapshot, classification, now) : buildOecdCrfRecord(snapshot, classification, now);
  }
}
