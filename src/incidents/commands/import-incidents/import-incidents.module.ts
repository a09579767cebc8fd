import { Module } from '@nestjs/common';
import { ImportIncidentsHandler } from './import-incidents.handler.js';
import { ImportIncidentsHttpController } from './import-incidents.http.controller.js';

/** Batch import of AIID and OECD records (`POST /incidents:batch`, CLI `incidents:import`); files through FileIncidentCommand. */
@Module({ controllers: [ImportIncidentsHttpController], providers: [ImportIncidentsHandler] })
export class ImportIncidentsModule {}
