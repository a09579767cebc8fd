import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Roles } from '../../../auth/auth.decorators.js';
import { PARTNER_VIEW_SHAPE, partnerViews, type PartnerView } from '../../partner-view.js';

@ApiTags('partners')
@ApiBearerAuth()
@Controller('partners')
export class ListPartnersHttpController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Every partner, removed ones included (status `removed`, history kept), with contacts, delivery modes, ack
   * deadline overrides, subscriptions, active webhook secret ids and delivery health: alert counts per delivery
   * status (pending, delivered, dead, available, cancelled) and acknowledged, and `heldDeliveries` (held now by a
   * suspension). Secrets are never shown. Not paged (no
   * `limit`): any query parameter answers 400 naming it.
   */
  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'List partners with subscriptions and delivery health' })
  @ApiOkResponse({ description: `{ items: [partner] }, by slug; each partner ${PARTNER_VIEW_SHAPE}` })
  async list(): Promise<{ items: PartnerView[] }> {
    return { items: await partnerViews(this.dataSource.manager) };
  }
}
