import { Controller, Get, Header, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators.js';
import { MetricsAccessGuard } from './metrics-access.guard.js';
import { Metrics } from './metrics.service.js';

/** Prometheus scrape endpoint (text exposition format 0.0.4). */
@ApiTags('operations')
@ApiBearerAuth()
@Controller('metrics')
export class MetricsHttpController {
  constructor(private readonly metrics: Metrics) {}

  /**
   * Every metric of this app instance. Needs METRICS_TOKEN or an admin API key (MetricsAccessGuard, which replaces
   * the API-key guard here: `@Public()` only lifts ApiKeyGuard). A scrape that authenticates is exempt from the rate limit;
   * a failed authentication counts against the client IP and the shared bucket (rate-limit.ts).
   */
  @Get()
  @Public()
  @UseGuards(MetricsAccessGuard)
  @ApiProduces('text/plain')
  @Header('Cache-Control', 'no-store')
  async scrape(@Res({ passthrough: true }) response: Response): Promise<string> {
    const body = await this.metrics.registry.metrics();
    response.type(this.metrics.registry.contentType);
    return body;
  }
}
