import { Body, Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/auth.decorators.js';
import { NoBodyFields } from '../../../common/validation.js';
import { uuidParam } from '../../../common/uuid-param.pipe.js';
import { RetireWebhookSecretCommand } from './retire-webhook-secret.command.js';

@ApiTags('partners')
@ApiBearerAuth()
@Controller('partners')
export class RetireWebhookSecretHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  /** Retires a signing secret: 204. Refuses the last active one (409 PARTNER.LAST_WEBHOOK_SECRET). */
  @Delete(':id/webhook-secrets/:secretId')
  @HttpCode(204)
  @Roles('admin')
  @ApiOperation({ summary: 'Retire a webhook signing secret (rotation step 3)' })
  @ApiNotFoundResponse({ description: 'PARTNER.NOT_FOUND or PARTNER.WEBHOOK_SECRET_NOT_FOUND' })
  @ApiConflictResponse({ description: 'PARTNER.REMOVED or PARTNER.LAST_WEBHOOK_SECRET' })
  async retire(@Param('id', uuidParam('id')) id: string, @Param('secretId', uuidParam('secretId')) secretId: string, @Body(NoBodyFields) _body: Record<string, unknown> | undefined): Promise<void> {
    await this.commandBus.execute(new RetireWebhookSecretCommand(id, secretId));
  }
}
