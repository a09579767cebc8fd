import { uuidParam } from '../../../common/uuid-param.pipe.js';
import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../auth/api-keys.service.js';
import { CurrentPrincipal, Roles } from '../../../auth/auth.decorators.js';
import { messageIdOf, requestHashOf } from '../message-id.js';
import { AcknowledgeAlertCommand, type AcknowledgeAlertResult } from './acknowledge-alert.command.js';
import { AcknowledgeAlertRequestDto } from './acknowledge-alert.request.dto.js';

@ApiTags('alerts')
@ApiBearerAuth()
@Controller('alerts')
export class AcknowledgeAlertHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  /**
   * Acknowledges one of the calling partner's alerts, optionally with follow-up information or a request for
   * assistance for the filer. 200 `{ alertId, acknowledgedAt, followUpIds }`; 404 for an unknown or foreign alert id;
   * 400 naming the field. The same body (or `Idempotency-Key` and body) sent again stores no second follow-up and
   * answers the first result; the same `Idempotency-Key` with another alert or body answers 422
   * ALERT.IDEMPOTENCY_KEY_REUSED and stores nothing.
   */
  @Post(':id/ack')
  @HttpCode(200)
  @Roles('partner')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '1..200 of [A-Za-z0-9._:-]' })
  acknowledge(
    @Param('id', uuidParam('id')) alertId: string,
    @Body() body: AcknowledgeAlertRequestDto,
    @CurrentPrincipal() partner: Principal,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<AcknowledgeAlertResult> {
    const messageId = messageIdOf(idempotencyKey, alertId, body);
    const requestHash = requestHashOf(idempotencyKey, alertId, body);
    // A partner key always names its partner (ApiKeysService); the role guard lets only partner keys here.
    return this.commandBus.execute(new AcknowledgeAlertCommand(partner.partnerId!, { alertId, ...body }, messageId, requestHash));
  }
}
