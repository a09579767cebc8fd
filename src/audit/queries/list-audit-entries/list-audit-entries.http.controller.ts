import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/auth.decorators.js';
import { ListAuditEntriesQuery, type AuditEntriesPage } from './list-audit-entries.query.js';
import { ListAuditEntriesRequestDto } from './list-audit-entries.request.dto.js';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class ListAuditEntriesHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  /**
   * The audit log, newest first: `{ items: [{ seq, occurredAt, actorKeyId, actorRole, action, resourceType,
   * resourceId, outcomeStatus, correlationId, prevHash, hash }], nextCursor }`. Pass `nextCursor` as `after` for the
   * next page; `limit` 1..100 (default 20). `node dist/src/cli.js audit:verify` checks the chain.
   */
  @Get()
  @Roles('admin')
  list(@Query() query: ListAuditEntriesRequestDto): Promise<AuditEntriesPage> {
    return this.queryBus.execute(new ListAuditEntriesQuery(query.limit, query.after));
  }
}
