import { Command } from '@nestjs/cqrs';
import type { Principal } from '../../../auth/api-keys.service.js';

export interface AnswerFollowUpResult {
  followUpId: string;
  answeredAt: string;
}

/** The filing regulator or an admin answers a partner's follow-up or request for assistance (the last answer stands). */
export class AnswerFollowUpCommand extends Command<AnswerFollowUpResult> {
  constructor(
    readonly incidentId: string,
    readonly followUpId: string,
    readonly answer: string,
    readonly principal: Principal,
  ) {
    super();
  }
}
