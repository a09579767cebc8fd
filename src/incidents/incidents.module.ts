import { Module } from '@nestjs/common';
import { AmendIncidentHandler } from './commands/amend-incident/amend-incident.handler.js';
import { AmendIncidentHttpController } from './commands/amend-incident/amend-incident.http.controller.js';
import { RetractIncidentHandler } from './commands/retract-incident/retract-incident.handler.js';
import { RetractIncidentHttpController } from './commands/retract-incident/retract-incident.http.controller.js';
import { FileIncidentHandler } from './commands/file-incident/file-incident.handler.js';
import { FileIncidentHttpController } from './commands/file-incident/file-incident.http.controller.js';
import { GetIncidentHandler } from './queries/get-incident/get-incident.handler.js';
import { GetIncidentHttpController } from './queries/get-incident/get-incident.http.controller.js';
import { ExportIncidentsCsvHandler } from './queries/list-incidents/export-incidents-csv.handler.js';
import { ListIncidentsHandler } from './queries/list-incidents/list-incidents.handler.js';
import { ListIncidentsHttpController } from './queries/list-incidents/list-incidents.http.controller.js';
import { ListClassificationsHandler } from './queries/list-classifications/list-classifications.handler.js';
import { ListClassificationsHttpController } from './queries/list-classifications/list-classifications.http.controller.js';
import { AnswerFollowUpHandler } from './commands/answer-follow-up/answer-follow-up.handler.js';
import { AnswerFollowUpHttpController } from './commands/answer-follow-up/answer-follow-up.http.controller.js';
import { FollowUpIncidentHandler } from './commands/follow-up-incident/follow-up-incident.handler.js';
import { FollowUpIncidentHttpController } from './commands/follow-up-incident/follow-up-incident.http.controller.js';
import { ListFollowUpsHandler } from './queries/list-follow-ups/list-follow-ups.handler.js';
import { ListFollowUpsHttpController } from './queries/list-follow-ups/list-follow-ups.http.controller.js';

@Module({
  controllers: [
    // Before GetIncidentHttpController: `GET /incidents/export.csv` must not be taken for `GET /incidents/:id`.
    ListIncidentsHttpController,
    FileIncidentHttpController,
    GetIncidentHttpController,
    ListClassificationsHttpController,
    AmendIncidentHttpController,
    RetractIncidentHttpController,
    FollowUpIncidentHttpController,
    ListFollowUpsHttpController,
    AnswerFollowUpHttpController,
  ],
  providers: [
    FileIncidentHandler,
    GetIncidentHandler,
    ListClassificationsHandler,
    AmendIncidentHandler,
    RetractIncidentHandler,
    ListIncidentsHandler,
    ExportIncidentsCsvHandler,
    FollowUpIncidentHandler,
    ListFollowUpsHandler,
    AnswerFollowUpHandler,
  ],
})
export class IncidentsModule {}
