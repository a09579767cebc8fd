import { uuidParam } from '../../../common/uuid-param.pipe.js';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CROSSWALK_VIEWS, crosswalkView } from '@app/taxonomy';
import { GetIncidentRequestDto } from './get-incident.request.dto.js';
import { CurrentPrincipal, Roles } from '../../../auth/auth.decorators.js';
import type { Principal } from '../../../auth/api-keys.service.js';
import { GetIncidentQuery, type IncidentView } from './get-incident.query.js';

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('incidents')
export class GetIncidentHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  /**
   * The incident, its classification with evidence, and per-partner delivery status. With `view=mit|cset|oecd|euaiact`
   * the classification is also shown in that neighbouring taxonomy (`crosswalk`). 404 if unknown.
   */
  @Get(':id')
  @Roles('regulator', 'analyst', 'admin')
  @ApiQuery({ name: 'view', required: false, enum: CROSSWALK_VIEWS })
  async get(
    @Param('id', uuidParam('id')) id: string,
    @Query() query: GetIncidentRequestDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<IncidentView & { crosswalk?: { view: string; value: unknown } }> {
    const view = await this.queryBus.execute(new GetIncidentQuery(id, principal.keyId));
    if (!query.view || !view.classification) return view;
    const { incident } = view;
    return {
      ...view,
      crosswalk: { view: query.view, value: crosswalkView(query.view, view.classification, incident) },
    };
  }
}
