import { Body, Controller, Param, Patch } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/auth.decorators.js';
import { uuidParam } from '../../../common/uuid-param.pipe.js';
import { UpdatePartnerCommand, type UpdatePartnerResult } from './update-partner.command.js';
import { UpdatePartnerRequestDto } from './update-partner.request.dto.js';

@ApiTags('partners')
@ApiBearerAuth()
@Controller('partners')
export class UpdatePartnerHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  /** Updates name, country, contacts, webhook URL or ack deadlines: 200 with the partner (and a new secret if any). */
  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Update a partner (profile, delivery modes, acknowledgement deadlines)' })
  @ApiBadRequestResponse({ description: 'VALIDATION.FAILED naming each bad field (problem+json)' })
  @ApiNotFoundResponse({ description: 'PARTNER.NOT_FOUND' })
  @ApiConflictResponse({ description: 'PARTNER.REMOVED' })
  update(@Param('id', uuidParam('id')) id: string, @Body() body: UpdatePartnerRequestDto): Promise<UpdatePartnerResult> {
    return this.commandBus.execute(new UpdatePartnerCommand(id, body));
  }
}
