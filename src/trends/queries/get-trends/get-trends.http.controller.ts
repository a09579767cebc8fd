import { Controller, Get, Query as QueryParams, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../../auth/auth.decorators.js';
import type { Principal } from '../../../auth/api-keys.service.js';
import { RequestValidationError } from '../../../common/problem-details.js';
import { filtersOf, inclusiveEnd } from '../../../read-models/incident-filter.request.dto.js';
import { GetTrendsQuery, type TrendsView } from './get-trends.query.js';
import { GetTrendsRequestDto } from './get-trends.request.dto.js';
import { TrendsLane } from '../../trends-lane.js';

const MAX_BUCKETS = 1000;
const APPROX_INTERVAL_DAYS = { day: 1, week: 7, month: 28, quarter: 90, year: 365 } as const;

/**
 * Start of the range when `from` is not given: the first of the month five years before `to`, or for daily buckets
 * the UTC day 364 days before `to`'s (365 buckets; five years of days would pass MAX_BUCKETS).
 */
function defaultFrom(interval: GetTrendsRequestDto['interval'], to: Date): Date {
  if (interval === 'day') return new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth(), to.getUTCDate() - 364));
  return new Date(Date.UTC(to.getUTCFullYear() - 5, to.getUTCMonth(), 1));
}

const TRENDS_SHAPE = `Chart-ready counts: { interval, dimensions, groupBy, from, to, filters, total,
series: [{ keys: { <dimension>: <value> }, label, total }],
buckets: [{ period: 'YYYY-MM-DD', start, end (ISO 8601, [start, end) UTC), total,
  groups: [{ keys, count, share }]   (one per series, same order in every bucket; shares sum to 1 in a non-empty bucket),
  counts: { <label>: count } }],
groups: [<label>], totals: { <label>: count },
surges: [{ dimension, value, start, end, count, expected, sd, statistic, threshold, method }] (unless signals=false) }. A label is the value, or 'value1|value2' with two dimensions.`;

@ApiTags('trends')
@ApiBearerAuth()
@Controller('trends')
export class GetTrendsHttpController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly lane: TrendsLane,
  ) {}

  /**
   * Incident counts per interval grouped by one or two dimensions, filtered on any dimension, counting the labels in
   * force of the incidents the caller may see (TLP:RED only by its filer), retracted ones excluded. Shape: see
   * TrendsView (JSON, built in the TrendsLane). 400 when `from` > `to`, the range would need more than 1000 buckets,
   * the answer more than 100,000 cells, or a field is invalid.
   */
  @Get()
  @Roles('analyst', 'regulator', 'admin')
  @ApiOkResponse({ description: TRENDS_SHAPE })
  async get(@QueryParams() params: GetTrendsRequestDto, @CurrentPrincipal() principal: Principal): Promise<StreamableFile> {
    const to = params.to ? inclusiveEnd(params.to) : new Date();
    const from = params.from ? new Date(params.from) : defaultFrom(params.interval, to);
    if (from > to) throw new RequestValidationError([{ field: 'from', messages: ['from must not be after to'] }]);
    const buckets = (to.getTime() - from.getTime()) / 86_400_000 / APPROX_INTERVAL_DAYS[params.interval];
    if (buckets > MAX_BUCKETS) {
      throw new RequestValidationError([
        { field: 'interval', messages: [`the range needs about ${Math.ceil(buckets)} ${params.interval} buckets; the limit is ${MAX_BUCKETS}`] },
      ]);
    }
    const query = new GetTrendsQuery(params.interval, params.groupBy, from, to, filtersOf(params), principal, params.signals);
    // Counted and serialised inside the lane (TrendsLane): a large answer's JSON is built before the place is freed.
    const body = await this.lane.run(async () => Buffer.from(JSON.stringify(await this.queryBus.execute<GetTrendsQuery, TrendsView>(query))));
    return new StreamableFile(body, { type: 'application/json; charset=utf-8', length: body.length });
  }
}
