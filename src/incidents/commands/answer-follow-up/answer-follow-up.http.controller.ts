import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../auth/api-keys.service.js';
import { CurrentPrincipal, Roles } from '../../../auth/auth.decorators.js';
import { uuidParam } from '../../../common/uuid-param.pipe.js';
import { AnswerFollowUpCommand, type AnswerFollowUpResult } from './answer-follow-up.command.js';
import { AnswerFollowUpRequestDto } from './answer-follow-up.request.dto.js';

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('incidents')
export class AnswerFollowUpHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  /**
   * Answers a partner's follow-up or request for assistance: 200 `{ followUpId, answeredAt }`. Filing regulator or
   * admin. 404 unknown incident or follow-up, 403 another regulator, 400 naming the field.
   */
  @Post(':id/follow-ups/:followUpId/answer')
  @HttpCode(200)
  @Roles('regulator', 'admin')
  answer(
    @Param('id', uuidParam('id')) id: string,
    @Param('followUpId', uuidParam('followUpId')) followUpId: string,
    @Body() body: AnswerFollowUpRequestDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AnswerFollowUpResult> {
    return this.commandBus.execute(new AnswerFollowUpCommand(id, followUpId, body.answer, principal));
  }
}
