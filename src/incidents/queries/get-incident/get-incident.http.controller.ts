import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/auth.decorators.js';
import { GetIncidentQuery, type IncidentView } from './get-incident.query.js';

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('incidents')
export class GetIncidentHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  /** The incident, its classification with evidence, and per-partner delivery status. 404 if unknown. */
  @Get(':id')
  @Roles('regulator', 'analyst', 'admin')
  get(@Param('id', new ParseUUIDPipe({ version: '4' })) id: string): Promise<IncidentView> {
    return this.queryBus.execute(new GetIncidentQuery(id));
  }
}
