import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../../../auth/auth.decorators.js';
import { uuidParam } from '../../../common/uuid-param.pipe.js';
import { NoBodyFields } from '../../../common/validation.js';
import { AddWebhookSecretCommand, type AddWebhookSecretResult } from './add-webhook-secret.command.js';

@ApiTags('partners')
@ApiBearerAuth()
@Controller('partners')
export class AddWebhookSecretHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  /** Adds a signing secret: 201 with the secret, shown this once. Deliveries are signed with every active secret. */
  @Post(':id/webhook-secrets')
  @HttpCode(201)
  @Roles('admin')
  @ApiOperation({ summary: 'Add a webhook signing secret (rotation step 1)' })
  @ApiNotFoundResponse({ description: 'PARTNER.NOT_FOUND' })
  @ApiConflictResponse({ description: 'PARTNER.REMOVED or PARTNER.LIMIT_REACHED' })
  async add(
    @Param('id', uuidParam('id')) id: string,
    @Body(NoBodyFields) _body: Record<string, unknown> | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AddWebhookSecretResult> {
    const result = await this.commandBus.execute(new AddWebhookSecretCommand(id));
    response.location(`/partners/${id}/webhook-secrets/${result.id}`);
    return result;
  }
}
