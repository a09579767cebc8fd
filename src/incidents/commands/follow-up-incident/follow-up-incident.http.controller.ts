import { Body, Controller, Headers, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Principal } from '../../../auth/api-keys.service.js';
import { CurrentPrincipal, Roles } from '../../../auth/auth.decorators.js';
import { correlationIdOf } from '../../../common/correlation-id.js';
import { uuidParam } from '../../../common/uuid-param.pipe.js';
import { messageIdOf } from '../../../dissemination/commands/message-id.js';
import { FollowUpIncidentCommand, type FollowUpIncidentResult } from './follow-up-incident.command.js';
import { FollowUpIncidentRequestDto } from './follow-up-incident.request.dto.js';

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('incidents')
export class FollowUpIncidentHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  /**
   * The filing regulator adds follow-up information: 201 `{ id, version, followUpId }`; every partner holding the
   * incident gets an `Update` alert whose note is the text. The same body (or Idempotency-Key) again answers the
   * first result; the key with another incident, text or fields is 422 INCIDENT.IDEMPOTENCY_KEY_REUSED, nothing stored.
   * 404 unknown, 403 another regulator, 409 retracted, 400 naming the field.
   */
  @Post(':id/follow-ups')
  @HttpCode(201)
  @Roles('regulator')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '1..200 of [A-Za-z0-9._:-]' })
  followUp(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: FollowUpIncidentRequestDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: Request,
  ): Promise<FollowUpIncidentResult> {
    const messageId = messageIdOf(idempotencyKey, id, body);
    return this.commandBus.execute(new FollowUpIncidentCommand(id, body.text, body.fields, principal, messageId, correlationIdOf(request)));
  }
}
