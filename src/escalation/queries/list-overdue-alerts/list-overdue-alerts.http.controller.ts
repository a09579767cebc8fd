import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../auth/api-keys.service.js';
import { CurrentPrincipal, Roles } from '../../../auth/auth.decorators.js';
import { ListOverdueAlertsQuery, type OverdueAlertsPage } from './list-overdue-alerts.query.js';
import { ListOverdueAlertsRequestDto } from './list-overdue-alerts.request.dto.js';

@ApiTags('alerts')
@ApiBearerAuth()
@Controller('alerts')
export class ListOverdueAlertsHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  /**
   * Alerts not acknowledged by their deadline, longest overdue first: `{ items: [{ alertId, partnerId, partnerName,
   * incidentId, incidentTitle, version, msgType, urgency, status, lastError, ackDueAt, overdueAt, escalations }],
   * nextCursor }` (`incidentTitle` null for a TLP:RED incident the caller may not view). Pass `nextCursor` as `after` for the next page; `limit` 1..100 (default 20).
   */
  @Get('overdue')
  @Roles('admin')
  list(@Query() query: ListOverdueAlertsRequestDto, @CurrentPrincipal() principal: Principal): Promise<OverdueAlertsPage> {
    return this.queryBus.execute(new ListOverdueAlertsQuery(query.limit, query.after, principal.keyId));
  }
}
