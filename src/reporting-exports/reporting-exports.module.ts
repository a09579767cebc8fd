import { Module } from '@nestjs/common';
import { GetReportingExportHandler } from './queries/get-reporting-export/get-reporting-export.handler.js';
import { GetReportingExportHttpController } from './queries/get-reporting-export/get-reporting-export.http.controller.js';
import { GetReportingExportSchemaHttpController } from './queries/get-reporting-export-schema/get-reporting-export-schema.http.controller.js';

/** Exports for reporting obligations: EU AI Act Art. 73 report drafts and OECD reporting-framework records (docs/reporting-exports.md). */
@Module({ controllers: [GetReportingExportHttpController, GetReportingExportSchemaHttpController], providers: [GetReportingExportHandler] })
export class ReportingExportsModule {}
