import { Body, Controller, Param, Patch } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/auth.decorators.js';
import { uuidParam } from '../../../common/uuid-param.pipe.js';
import type { SubscriptionEntity } from '../../subscription.entity.js';
import { SubscriptionFilterDto } from '../../subscription-filter.dto.js';
import { UpdateSubscriptionCommand } from './update-subscription.command.js';

@ApiTags('partners')
@ApiBearerAuth()
@Controller('partners')
export class UpdateSubscriptionHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  /** Changes the given parts of a subscription: 200 with the whole subscription. */
  @Patch(':id/subscriptions/:subscriptionId')
  @Roles('admin')
  @ApiOperation({ summary: 'Change parts of a subscription filter' })
  @ApiBadRequestResponse({ description: 'VALIDATION.FAILED naming each bad field' })
  @ApiNotFoundResponse({ description: 'PARTNER.NOT_FOUND or PARTNER.SUBSCRIPTION_NOT_FOUND' })
  @ApiConflictResponse({ description: 'PARTNER.REMOVED, or PARTNER.SUBSCRIPTION_EXISTS (the change would repeat another subscription of the partner)' })
  update(
    @Param('id', uuidParam('id')) id: string,
    @Param('subscriptionId', uuidParam('subscriptionId')) subscriptionId: string,
    @Body() body: SubscriptionFilterDto,
  ): Promise<SubscriptionEntity> {
    return this.commandBus.execute(new UpdateSubscriptionCommand(id, subscriptionId, body));
  }
}
