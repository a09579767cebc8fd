import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../../auth/auth.decorators.js';
import type { Principal } from '../../../auth/api-keys.service.js';
import { RequestValidationError } from '../../../common/problem-details.js';
import { SURGE_MAX_WEEKS, WEEK_MS } from '../../surge-detector.js';
import { ListSignalsQuery, type SignalsView } from './list-signals.query.js';
import { ListSignalsRequestDto } from './list-signals.request.dto.js';


const SIGNALS_SHAPE = `{ from, to, dimensions, method: 'EARS-C2(baseline=7,guard=2,threshold=3,minSd=1)',
surges: [{ dimension, value, start, end (ISO week [start, end) UTC), count, expected (baseline mean), sd, statistic, threshold, method }] }`;

@ApiTags('signals')
@ApiBearerAuth()
@Controller('signals')
export class ListSignalsHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  /**
   * Surge signals: ISO weeks in which a category (mechanism, magnitude, source, harm type, sector or country value)
   * had more incidents than CDC EARS C2 (default) or C3 allows (docs/signals.md), counting the incidents the caller
   * may see. 400 names the field when a value is invalid, `from` > `to`, or the range exceeds 1000 weeks.
   */
  @Get()
  @Roles('analyst', 'regulator', 'admin')
  @ApiOkResponse({ description: SIGNALS_SHAPE })
  list(@QueryParams() params: ListSignalsRequestDto, @CurrentPrincipal() principal: Principal): Promise<SignalsView> {
    const to = params.to ? new Date(params.to) : new Date();
    const from = params.from ? new Date(params.from) : new Date(to.getTime() - 12 * WEEK_MS);
    if (from > to) throw new RequestValidationError([{ field: 'from', messages: ['from must not be after to'] }]);
    if ((to.getTime() - from.getTime()) / WEEK_MS > SURGE_MAX_WEEKS) {
      throw new RequestValidationError([{ field: 'from', messages: [`the range covers more than ${SURGE_MAX_WEEKS} weeks`] }]);
    }
    return this.queryBus.execute(new ListSignalsQuery({ principal, from, to, dimensions: params.dimension, method: params.method }));
  }
}
