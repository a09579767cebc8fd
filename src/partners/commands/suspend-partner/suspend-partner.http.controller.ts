import { Body, Controller, Delete, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/auth.decorators.js';
import { NoBodyFields } from '../../../common/validation.js';
import { uuidParam } from '../../../common/uuid-param.pipe.js';
import { PARTNER_VIEW_SHAPE, type PartnerView } from '../../partner-view.js';
import { ResumePartnerCommand } from '../resume-partner/resume-partner.command.js';
import { SuspendPartnerCommand } from './suspend-partner.command.js';
import { SuspendPartnerRequestDto } from './suspend-partner.request.dto.js';

/** The suspension of a partner as a resource: POST creates it (suspend), DELETE ends it (resume). */
@ApiTags('partners')
@ApiBearerAuth()
@Controller('partners')
export class SuspendPartnerHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  /**
   * Suspends: 200 with the partner; its `heldDeliveries` is the count held at suspension time (alerts routed later are
   * held too; GET /partners/{id} shows the live count). Idempotent: a repeat keeps `suspendedAt` and the held
   * deliveries; a different reason replaces `statusReason`.
   */
  @Post(':id/suspension')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Suspend a partner: alerts are still routed and recorded, webhook delivery is held' })
  @ApiOkResponse({ description: `The suspended partner; heldDeliveries = the count held at suspension time. ${PARTNER_VIEW_SHAPE}` })
  @ApiNotFoundResponse({ description: 'PARTNER.NOT_FOUND' })
  @ApiConflictResponse({ description: 'PARTNER.REMOVED' })
  suspend(@Param('id', uuidParam('id')) id: string, @Body() body: SuspendPartnerRequestDto): Promise<PartnerView> {
    return this.commandBus.execute(new SuspendPartnerCommand(id, body.reason));
  }

  /** Resumes: 200 with the partner (statusReason cleared) and how many held deliveries were released (each sent once). Idempotent. */
  @Delete(':id/suspension')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Resume a suspended partner: held deliveries are sent, with fresh retry windows and deadlines' })
  @ApiOkResponse({ description: `The active partner (statusReason null, heldDeliveries 0) plus releasedDeliveries: how many held deliveries were released. ${PARTNER_VIEW_SHAPE}` })
  @ApiNotFoundResponse({ description: 'PARTNER.NOT_FOUND' })
  @ApiConflictResponse({ description: 'PARTNER.REMOVED' })
  resume(@Param('id', uuidParam('id')) id: string, @Body(NoBodyFields) _body: Record<string, unknown> | undefined): Promise<PartnerView & { releasedDeliveries: number }> {
    return this.commandBus.execute(new ResumePartnerCommand(id));
  }
}
