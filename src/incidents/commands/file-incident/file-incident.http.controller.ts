import { Body, Controller, Headers, HttpCode, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Principal } from '../../../auth/api-keys.service.js';
import { CurrentPrincipal, Roles } from '../../../auth/auth.decorators.js';
import { correlationIdOf } from '../../../common/correlation-id.js';
import { RequestValidationError } from '../../../common/problem-details.js';
import { FileIncidentCommand } from './file-incident.command.js';
import { FileIncidentRequestDto } from './file-incident.request.dto.js';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,200}$/;

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('incidents')
export class FileIncidentHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  /**
   * Files an incident. 201 with `{ id }` and `Location: /incidents/{id}`; a retry with the same
   * `Idempotency-Key` and body answers 200 with the same id. 400 problem+json names every invalid field.
   */
  @Post()
  @HttpCode(201)
  @Roles('regulator')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '1..200 of [A-Za-z0-9._:-]' })
  async file(
    @Body() body: FileIncidentRequestDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<{ id: string }> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new RequestValidationError([
        { field: 'Idempotency-Key', messages: ['Idempotency-Key must be 1..200 characters of [A-Za-z0-9._:-]'] },
      ]);
    }
    const result = await this.commandBus.execute(
      new FileIncidentCommand(body, principal, correlationIdOf(request), idempotencyKey),
    );
    response.location(`/incidents/${result.id}`);
    if (result.replayed) response.status(200);
    return { id: result.id };
  }
}
