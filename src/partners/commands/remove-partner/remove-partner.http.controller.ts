import { Body, Controller, Delete, HttpCode, Param, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/auth.decorators.js';
import { NoBodyFields } from '../../../common/validation.js';
import { uuidParam } from '../../../common/uuid-param.pipe.js';
import { RemovePartnerCommand, type RemovePartnerResult } from './remove-partner.command.js';
import { RemovePartnerRequestDto } from './remove-partner.request.dto.js';

@ApiTags('partners')
@ApiBearerAuth()
@Controller('partners')
export class RemovePartnerHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  /** Removes (soft-deletes) a partner: 200 with the partner and counts of cancelled deliveries and revoked keys. */
  @Delete(':id')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Remove a partner: no new alerts, pending deliveries cancelled with the reason, API keys revoked, history kept' })
  @ApiNotFoundResponse({ description: 'PARTNER.NOT_FOUND' })
  remove(@Param('id', uuidParam('id')) id: string, @Query() query: RemovePartnerRequestDto, @Body(NoBodyFields) _body: Record<string, unknown> | undefined): Promise<RemovePartnerResult> {
    return this.commandBus.execute(new RemovePartnerCommand(id, query.reason));
  }
}
