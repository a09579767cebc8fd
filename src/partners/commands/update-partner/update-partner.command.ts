import { Command } from '@nestjs/cqrs';
import type { PartnerView } from '../../partner-view.js';
import type { UpdatePartnerRequestDto } from './update-partner.request.dto.js';

/** The partner after the update; `webhookSecret` only when the update started webhook delivery (shown once). */
export type UpdatePartnerResult = PartnerView & { webhookSecret?: string };

/** Change a partner's profile, delivery modes or acknowledgement deadlines. */
export class UpdatePartnerCommand extends Command<UpdatePartnerResult> {
  constructor(
    readonly partnerId: string,
    readonly request: UpdatePartnerRequestDto,
  ) {
    super();
  }
}
