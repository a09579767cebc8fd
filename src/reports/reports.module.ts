import { Module } from '@nestjs/common';
import { SignalsModule } from '../signals/signals.module.js';
import { GetPeriodicReportHandler } from './queries/get-periodic-report/get-periodic-report.handler.js';
import { GetPeriodicReportHttpController } from './queries/get-periodic-report/get-periodic-report.http.controller.js';

/** Periodic assessments (`GET /reports/periodic`), built on the trends query and the surge detector. */
@Module({ imports: [SignalsModule], controllers: [GetPeriodicReportHttpController], providers: [GetPeriodicReportHandler] })
export class ReportsModule {}
