import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../../auth/auth.decorators.js';
import type { Principal } from '../../../auth/api-keys.service.js';
import { uuidParam } from '../../../common/uuid-param.pipe.js';
import { ListRelatedIncidentsQuery, type RelatedIncidentsView } from './list-related-incidents.query.js';

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('incidents')
export class ListRelatedIncidentsHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  /**
   * Incidents that likely report the same real-world event (often from another jurisdiction), linked but never merged:
   * `{ incidentId, threshold, items: [{ incidentId, title, occurredAt, country, language, originJurisdiction, score,
   * reasons: [{ signal, weight, detail }], computedAt }] }`, best first. Links are computed asynchronously from the
   * incident events (docs/correlation.md), so a just-filed incident may show none yet. 404 if unknown or not visible.
   */
  @Get(':id/related')
  @Roles('analyst', 'regulator', 'admin')
  related(@Param('id', uuidParam('id')) id: string, @CurrentPrincipal() principal: Principal): Promise<RelatedIncidentsView> {
    return this.queryBus.execute(new ListRelatedIncidentsQuery(id, principal.keyId));
  }
}
