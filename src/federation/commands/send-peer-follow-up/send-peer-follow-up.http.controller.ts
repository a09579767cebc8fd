import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../auth/api-keys.service.js';
import { CurrentPrincipal, Roles } from '../../../auth/auth.decorators.js';
import { uuidParam } from '../../../common/uuid-param.pipe.js';
import { SendPeerFollowUpCommand, type SendPeerFollowUpResult } from './send-peer-follow-up.command.js';
import { SendPeerFollowUpRequestDto } from './send-peer-follow-up.request.dto.js';

@ApiTags('federation')
@ApiBearerAuth()
@Controller('federation/incidents')
export class SendPeerFollowUpHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  /**
   * Sends follow-up information and/or a request for assistance about a foreign incident to the single window that
   * filed it. 202 `{ id, peerId, alertId, status: 'pending' }` (sent by the peer message sender, retried until the
   * originator records it; `GET /peers/{id}` counts pending and failed messages). 400 naming the field; 404; 409 if
   * the originator retracted it.
   */
  @Post(':id/follow-ups')
  @HttpCode(202)
  @Roles('regulator', 'analyst')
  send(
    @Param('id', uuidParam('id')) incidentId: string,
    @Body() body: SendPeerFollowUpRequestDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SendPeerFollowUpResult> {
    return this.commandBus.execute(new SendPeerFollowUpCommand(incidentId, body, principal.keyId));
  }
}
