import { Query } from '@nestjs/cqrs';
import type { EuAiActArt73ReportDraft } from '../../eu-ai-act-art73-report.js';
import type { OecdCrfRecord } from '../../oecd-crf-record.js';

/** The reporting exports by path name: `eu-ai-act-art73` (Regulation (EU) 2024/1689 Art. 73) and `oecd-crf` (OECD 2025). */
export const REPORTING_EXPORT_KINDS = ['eu-ai-act-art73', 'oecd-crf'] as const;
export type ReportingExportKind = (typeof REPORTING_EXPORT_KINDS)[number];
export type ReportingExport = EuAiActArt73ReportDraft | OecdCrfRecord;

/** One incident's reporting export, for a caller who may see the incident (TLP:RED: only the filing key). */
export class GetReportingExportQuery extends Query<ReportingExport> {
  constructor(
    readonly incidentId: string,
    readonly kind: ReportingExportKind,
    /** Who asks: same visibility rule as GET /incidents/{id} (src/incidents/lock-incident.ts mayView). */
    readonly viewerKeyId: string,
  ) {
    super();
  }
}
