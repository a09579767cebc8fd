import { uuidParam } from '../../../common/uuid-param.pipe.js';
import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Principal } from '../../../auth/api-keys.service.js';
import { CurrentPrincipal, Roles } from '../../../auth/auth.decorators.js';
import { correlationIdOf } from '../../../common/correlation-id.js';
import { ReviewClassificationCommand, type ReviewClassificationResult } from './review-classification.command.js';
import { ReviewClassificationRequestDto } from './review-classification.request.dto.js';

@ApiTags('reviews')
@ApiBearerAuth()
@Controller('reviews')
export class ReviewClassificationHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  /**
   * Confirms or overrides the incident's classification per axis with a reason: 200 `{ incidentId, version,
   * reviewNumber, labels, pendingAxes: [{ axis, reasons }] }` (the axes still waiting; the incident stays on the queue
   * until none is left). The reviewed labels drive routing and trends from now on; partners that hold the
   * incident get an `Update` alert. 400 bad body or no axis, 404 unknown incident, 409 retracted.
   */
  @Post(':id')
  @HttpCode(200)
  @Roles('analyst')
  review(
    @Param('id', uuidParam('id')) incidentId: string,
    @Body() body: ReviewClassificationRequestDto,
    @CurrentPrincipal() reviewer: Principal,
    @Req() request: Request,
  ): Promise<ReviewClassificationResult> {
    return this.commandBus.execute(new ReviewClassificationCommand(incidentId, body.axes, reviewer, correlationIdOf(request)));
  }
}
