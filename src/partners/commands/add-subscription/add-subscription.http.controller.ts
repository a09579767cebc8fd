import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../../../auth/auth.decorators.js';
import { uuidParam } from '../../../common/uuid-param.pipe.js';
import type { SubscriptionEntity } from '../../subscription.entity.js';
import { NewSubscriptionFilterDto } from '../../subscription-filter.dto.js';
import { AddSubscriptionCommand } from './add-subscription.command.js';

@ApiTags('partners')
@ApiBearerAuth()
@Controller('partners')
export class AddSubscriptionHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  /**
   * Adds a subscription: 201 with it and its `Location`. Subscribing to everything is explicit: `{ "all": true }`; a
   * filter that narrows nothing without it (`{}`) answers 400 naming `all`.
   */
  @Post(':id/subscriptions')
  @HttpCode(201)
  @Roles('admin')
  @ApiOperation({ summary: "Add a subscription (filter over the taxonomy) to a partner" })
  @ApiBadRequestResponse({ description: 'VALIDATION.FAILED naming each field with a code outside the taxonomy vocabulary, or `all` (needed for a filter that narrows nothing; refused with filter parts)' })
  @ApiNotFoundResponse({ description: 'PARTNER.NOT_FOUND' })
  @ApiConflictResponse({ description: 'PARTNER.REMOVED, PARTNER.LIMIT_REACHED, or PARTNER.SUBSCRIPTION_EXISTS (the same filter is held already; `subscriptionId` names it)' })
  async add(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: NewSubscriptionFilterDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SubscriptionEntity> {
    const subscription = await this.commandBus.execute(new AddSubscriptionCommand(id, body));
    response.location(`/partners/${id}/subscriptions/${subscription.id}`);
    return subscription;
  }
}
