import { Module } from '@nestjs/common';
import { ExportCapAlertHandler } from './queries/export-cap-alert/export-cap-alert.handler.js';
import { ExportCapAlertHttpController } from './queries/export-cap-alert/export-cap-alert.http.controller.js';

/** OASIS CAP 1.2 export of alert versions (src/cap/cap-message.ts has the mapping tables). */
@Module({ controllers: [ExportCapAlertHttpController], providers: [ExportCapAlertHandler] })
export class CapModule {}
