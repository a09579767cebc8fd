import { Module } from '@nestjs/common';
import { FileIncidentHandler } from './commands/file-incident/file-incident.handler.js';
import { FileIncidentHttpController } from './commands/file-incident/file-incident.http.controller.js';
import { GetIncidentHandler } from './queries/get-incident/get-incident.handler.js';
import { GetIncidentHttpController } from './queries/get-incident/get-incident.http.controller.js';

@Module({
  controllers: [FileIncidentHttpController, GetIncidentHttpController],
  providers: [FileIncidentHandler, GetIncidentHandler],
})
export class IncidentsModule {}
