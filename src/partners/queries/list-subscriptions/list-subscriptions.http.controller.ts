import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Roles } from '../../../auth/auth.decorators.js';
import { DomainError } from '../../../common/domain-error.js';
import { uuidParam } from '../../../common/uuid-param.pipe.js';
import { PartnerEntity } from '../../partner.entity.js';
import { SubscriptionEntity } from '../../subscription.entity.js';

@ApiTags('partners')
@ApiBearerAuth()
@Controller('partners')
export class ListSubscriptionsHttpController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A partner's subscriptions, oldest first. 404 PARTNER.NOT_FOUND. */
  @Get(':id/subscriptions')
  @Roles('admin')
  @ApiOperation({ summary: "List a partner's subscriptions" })
  @ApiNotFoundResponse({ description: 'PARTNER.NOT_FOUND' })
  async list(@Param('id', uuidParam('id')) id: string): Promise<{ items: SubscriptionEntity[] }> {
    if (!(await this.dataSource.manager.existsBy(PartnerEntity, { id }))) throw new DomainError('PARTNER.NOT_FOUND', `No partner ${id}`);
    return { items: await this.dataSource.manager.find(SubscriptionEntity, { where: { partnerId: id }, order: { createdAt: 'ASC', id: 'ASC' } }) };
  }

  /** One subscription. 404 PARTNER.SUBSCRIPTION_NOT_FOUND. */
  @Get(':id/subscriptions/:subscriptionId')
  @Roles('admin')
  @ApiOperation({ summary: 'Get one subscription' })
  @ApiNotFoundResponse({ description: 'PARTNER.SUBSCRIPTION_NOT_FOUND' })
  async get(
    @Param('id', uuidParam('id')) id: string,
    @Param('subscriptionId', uuidParam('subscriptionId')) subscriptionId: string,
  ): Promise<SubscriptionEntity> {
    const found = await this.dataSource.manager.findOneBy(SubscriptionEntity, { id: subscriptionId, partnerId: id });
    if (!found) throw new DomainError('PARTNER.SUBSCRIPTION_NOT_FOUND', `Partner ${id} has no subscription ${subscriptionId}`);
    return found;
  }
}
