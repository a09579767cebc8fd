import { uuidParam } from '../../../common/uuid-param.pipe.js';
import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/auth.decorators.js';
import { ListClassificationsQuery, type StoredClassificationView } from './list-classifications.query.js';

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('incidents')
export class ListClassificationsHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  /**
   * Every stored classification of the incident, newest first: `{ incidentId, items: [{ classifierVersion, kind
   * (machine | review), inForce, classifiedAt, labels, result }] }`. Results of earlier classifier versions stay
   * here after a backfill. 404 if unknown.
   */
  @Get(':id/classifications')
  @Roles('regulator', 'analyst', 'admin')
  list(@Param('id', uuidParam('id')) id: string): Promise<{ incidentId: string; items: StoredClassificationView[] }> {
    return this.queryBus.execute(new ListClassificationsQuery(id));
  }
}
