import { uuidParam } from '../../../common/uuid-param.pipe.js';
import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentPrincipal, Roles } from '../../../auth/auth.decorators.js';
import type { Principal } from '../../../auth/api-keys.service.js';
import { correlationIdOf } from '../../../common/correlation-id.js';
import { RetractIncidentCommand } from './retract-incident.command.js';
import { RetractIncidentRequestDto } from './retract-incident.request.dto.js';

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('incidents')
export class RetractIncidentHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  /**
   * Retracts an incident: 200 `{ id, version }`; every partner that was sent any earlier version gets a `Cancel`
   * alert. The incident stays stored, marked retracted, and leaves trend counts. 404 unknown, 409 already retracted.
   */
  @Post(':id/retraction')
  @HttpCode(200)
  @Roles('regulator')
  retract(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: RetractIncidentRequestDto,
    @Req() request: Request,
    @CurrentPrincipal() principal: Principal,
  ): Promise<{ id: string; version: number }> {
    return this.commandBus.execute(new RetractIncidentCommand(id, body.reason, correlationIdOf(request), principal.keyId));
  }
}
