import { Body, Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/auth.decorators.js';
import { NoBodyFields } from '../../../common/validation.js';
import { uuidParam } from '../../../common/uuid-param.pipe.js';
import { RemoveSubscriptionCommand } from './remove-subscription.command.js';

@ApiTags('partners')
@ApiBearerAuth()
@Controller('partners')
export class RemoveSubscriptionHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  /** Deletes a subscription: 204. */
  @Delete(':id/subscriptions/:subscriptionId')
  @HttpCode(204)
  @Roles('admin')
  @ApiOperation({ summary: 'Delete a subscription' })
  @ApiNotFoundResponse({ description: 'PARTNER.NOT_FOUND or PARTNER.SUBSCRIPTION_NOT_FOUND' })
  @ApiConflictResponse({ description: 'PARTNER.REMOVED' })
  async remove(
    @Param('id', uuidParam('id')) id: string,
    @Param('subscriptionId', uuidParam('subscriptionId')) subscriptionId: string,
    @Body(NoBodyFields) _body: Record<string, unknown> | undefined,
  ): Promise<void> {
    await this.commandBus.execute(new RemoveSubscriptionCommand(id, subscriptionId));
  }
}
