import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Roles } from '../../../auth/auth.decorators.js';
import { DomainError } from '../../../common/domain-error.js';
import { uuidParam } from '../../../common/uuid-param.pipe.js';
import { PARTNER_VIEW_SHAPE, partnerViews, type PartnerView } from '../../partner-view.js';

@ApiTags('partners')
@ApiBearerAuth()
@Controller('partners')
export class GetPartnerHttpController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One partner as `GET /partners` shows it (removed partners too). 404 PARTNER.NOT_FOUND. */
  @Get(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Get one partner' })
  @ApiOkResponse({ description: PARTNER_VIEW_SHAPE })
  @ApiNotFoundResponse({ description: 'PARTNER.NOT_FOUND (problem+json)' })
  async get(@Param('id', uuidParam('id')) id: string): Promise<PartnerView> {
    const [view] = await partnerViews(this.dataSource.manager, [id]);
    if (!view) throw new DomainError('PARTNER.NOT_FOUND', `No partner ${id}`);
    return view;
  }
}
