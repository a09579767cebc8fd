import { uuidParam } from '../../../common/uuid-param.pipe.js';
import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../../auth/auth.decorators.js';
import type { Principal } from '../../../auth/api-keys.service.js';
import { ListClassificationsQuery, type ClassificationHistoryView } from './list-classifications.query.js';

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('incidents')
export class ListClassificationsHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  /**
   * The incident's classification history, newest first: `{ incidentId, inForceSeq (number: seq of the row in force, or null),
   * withheldVersions (numbers: versions whose rows are left out, their own marking being RED and the caller not its filer), items: [{
   * seq (number), kind (machine | review), cause (filing | amendment | backfill | review | migrated), incidentVersion,
   * classifierVersion, reviewNumber, inForce (boolean), classifiedAt, labels, basis: { axis: { label, decidedBy: 'machine',
   * confidence } | { label, decidedBy: 'analyst', reviewNumber, reviewedAt, reviewedBy: { keyId, name }, reason,
   * machineLabel } }, result }] }`. One machine row per incident version and classifier version, plus review rows;
   * results of earlier incident and classifier versions stay here after amendments and backfills. 404 if unknown.
   */
  @Get(':id/classifications')
  @Roles('regulator', 'analyst', 'admin')
  list(@Param('id', uuidParam('id')) id: string, @CurrentPrincipal() principal: Principal): Promise<ClassificationHistoryView> {
    return this.queryBus.execute(new ListClassificationsQuery(id, principal.keyId));
  }
}
