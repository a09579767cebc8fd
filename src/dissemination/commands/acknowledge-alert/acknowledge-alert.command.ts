import { Command } from '@nestjs/cqrs';
import type { Principal } from '../../../auth/api-keys.service.js';

export interface AcknowledgeAlertResult {
  alertId: string;
  acknowledgedAt: string;
}

/** A partner acknowledges receipt of one of its alerts (first acknowledgement wins; repeats are no-ops). */
export class AcknowledgeAlertCommand extends Command<AcknowledgeAlertResult> {
  constructor(
    readonly alertId: string,
    readonly partner: Principal,
    readonly note: string | undefined,
  ) {
    super();
  }
}
