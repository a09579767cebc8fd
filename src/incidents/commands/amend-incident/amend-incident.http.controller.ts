import { uuidParam } from '../../../common/uuid-param.pipe.js';
import { Body, Controller, Param, Patch, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentPrincipal, Roles } from '../../../auth/auth.decorators.js';
import type { Principal } from '../../../auth/api-keys.service.js';
import { correlationIdOf } from '../../../common/correlation-id.js';
import { AmendIncidentCommand } from './amend-incident.command.js';
import { AmendIncidentRequestDto } from './amend-incident.request.dto.js';

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('incidents')
export class AmendIncidentHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  /**
   * Amends an incident: 200 `{ id, version }`. Partners that hold it get an `Update` alert (a `Cancel` if the new
   * TLP no longer allows them to hold it). 404 unknown, 409 retracted, 400 bad or empty body.
   */
  @Patch(':id')
  @Roles('regulator')
  amend(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: AmendIncidentRequestDto,
    @Req() request: Request,
    @CurrentPrincipal() principal: Principal,
  ): Promise<{ id: string; version: number }> {
    return this.commandBus.execute(new AmendIncidentCommand(id, body, correlationIdOf(request), principal.keyId));
  }
}
