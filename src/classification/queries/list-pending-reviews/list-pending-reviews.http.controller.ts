import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../auth/api-keys.service.js';
import { CurrentPrincipal, Roles } from '../../../auth/auth.decorators.js';
import { ListPendingReviewsQuery, type PendingReviewsPage } from './list-pending-reviews.query.js';
import { ListPendingReviewsRequestDto } from './list-pending-reviews.request.dto.js';

@ApiTags('reviews')
@ApiBearerAuth()
@Controller('reviews')
export class ListPendingReviewsHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  /**
   * The review queue, oldest filing first: `{ items: [{ incidentId, title, filedAt, classifierVersion, axes: { axis:
   * { label, confidence } }, proposedLabels, reasons: [{ axis, reason }], pendingAxes: [{ axis, reasons }], reviewedAxes: [{ axis, label,
   * reviewNumber }] }], nextCursor, threshold }`. An incident stays listed until no axis is pending: every axis
   * undetermined, below `threshold` or disputed by the filer is confirmed or overridden, and no later machine result
   * changed a reviewed axis's label (reason `machine_changed`). Pass
   * `nextCursor` as `after` for the next page; `limit` 1..100 (default 20). A TLP:RED incident is listed only to the
   * key that filed it (as GET /incidents/{id}).
   */
  @Get()
  @Roles('analyst', 'admin')
  list(@Query() query: ListPendingReviewsRequestDto, @CurrentPrincipal() principal: Principal): Promise<PendingReviewsPage> {
    return this.queryBus.execute(new ListPendingReviewsQuery(query.limit, principal.keyId, query.after));
  }
}
