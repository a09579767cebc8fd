import { uuidParam } from '../../../common/uuid-param.pipe.js';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../auth/api-keys.service.js';
import { CurrentPrincipal, Roles } from '../../../auth/auth.decorators.js';
import { AcknowledgeAlertCommand, type AcknowledgeAlertResult } from './acknowledge-alert.command.js';
import { AcknowledgeAlertRequestDto } from './acknowledge-alert.request.dto.js';

@ApiTags('alerts')
@ApiBearerAuth()
@Controller('alerts')
export class AcknowledgeAlertHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  /** Acknowledges one of the calling partner's alerts. 200; 404 for an unknown or foreign alert id. */
  @Post(':id/ack')
  @HttpCode(200)
  @Roles('partner')
  acknowledge(
    @Param('id', uuidParam('id')) alertId: string,
    @Body() body: AcknowledgeAlertRequestDto,
    @CurrentPrincipal() partner: Principal,
  ): Promise<AcknowledgeAlertResult> {
    return this.commandBus.execute(new AcknowledgeAlertCommand(alertId, partner, body.note));
  }
}
