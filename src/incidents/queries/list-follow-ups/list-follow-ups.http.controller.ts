import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../auth/api-keys.service.js';
import { CurrentPrincipal, Roles } from '../../../auth/auth.decorators.js';
import { uuidParam } from '../../../common/uuid-param.pipe.js';
import { ListFollowUpsQuery, type FollowUpsPage } from './list-follow-ups.query.js';
import { ListFollowUpsRequestDto } from './list-follow-ups.request.dto.js';

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('incidents')
export class ListFollowUpsHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  /**
   * Follow-ups and requests for assistance about an incident, from partners and from the filer, oldest first:
   * `{ items, nextCursor }` (limit 1..100, default 20). Filing regulator or admin; 404 unknown, 403 another regulator.
   */
  @Get(':id/follow-ups')
  @Roles('regulator', 'admin')
  list(
    @Param('id', uuidParam('id')) id: string,
    @Query() query: ListFollowUpsRequestDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<FollowUpsPage> {
    return this.queryBus.execute(new ListFollowUpsQuery(id, principal, query.limit, query.after));
  }
}
