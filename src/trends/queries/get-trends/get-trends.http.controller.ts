import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/auth.decorators.js';
import { RequestValidationError } from '../../../common/problem-details.js';
import { GetTrendsQuery, type TrendsView } from './get-trends.query.js';
import { GetTrendsRequestDto } from './get-trends.request.dto.js';

const MAX_BUCKETS = 1000;
const APPROX_INTERVAL_DAYS = { day: 1, week: 7, month: 28, quarter: 90, year: 365 } as const;

@ApiTags('trends')
@ApiBearerAuth()
@Controller('trends')
export class GetTrendsHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  /**
   * Incident counts per interval grouped by one dimension. 400 when `from` > `to` or the range would need more
   * than 1000 buckets.
   */
  @Get()
  @Roles('analyst', 'regulator', 'admin')
  get(@QueryParams() params: GetTrendsRequestDto): Promise<TrendsView> {
    const to = params.to ? new Date(params.to) : new Date();
    const from = params.from ? new Date(params.from) : new Date(Date.UTC(to.getUTCFullYear() - 5, to.getUTCMonth(), 1));
    if (from > to) throw new RequestValidationError([{ field: 'from', messages: ['from must not be after to'] }]);
    const buckets = (to.getTime() - from.getTime()) / 86_400_000 / APPROX_INTERVAL_DAYS[params.interval];
    if (buckets > MAX_BUCKETS) {
      throw new RequestValidationError([
        { field: 'interval', messages: [`the range needs about ${Math.ceil(buckets)} ${params.interval} buckets; the limit is ${MAX_BUCKETS}`] },
      ]);
    }
    return this.queryBus.execute(new GetTrendsQuery(params.interval, params.groupBy, from, to));
  }
}
