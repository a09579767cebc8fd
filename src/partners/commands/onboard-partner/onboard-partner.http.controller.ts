import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../../../auth/auth.decorators.js';
import type { OnboardPartnerResult } from './onboard-partner.command.js';
import { OnboardPartnerCommand } from './onboard-partner.command.js';
import { OnboardPartnerRequestDto } from './onboard-partner.request.dto.js';

@ApiTags('partners')
@ApiBearerAuth()
@Controller('partners')
export class OnboardPartnerHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  /** Onboards a partner. 201; the response carries the webhook secret and API key, shown this once. */
  @Post()
  @HttpCode(201)
  @Roles('admin')
  async onboard(
    @Body() body: OnboardPartnerRequestDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<OnboardPartnerResult> {
    const result = await this.commandBus.execute(new OnboardPartnerCommand(body));
    response.location(`/partners/${result.id}`);
    return result;
  }
}
