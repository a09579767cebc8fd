import { Command } from '@nestjs/cqrs';
import type { FollowUpFields } from '@app/contracts';
import type { Principal } from '../../../auth/api-keys.service.js';

export interface FollowUpIncidentResult {
  /** The incident. */
  id: string;
  /** The incident version the follow-up produced (its Update alerts carry it). */
  version: number;
  followUpId: string;
}

/** The filing regulator adds follow-up information to its incident: a new version, sent as Update alerts. */
export class FollowUpIncidentCommand extends Command<FollowUpIncidentResult> {
  constructor(
    readonly incidentId: string,
    readonly text: string,
    readonly fields: FollowUpFields | undefined,
    readonly filer: Principal,
    /** Idempotency-Key or body hash: the same follow-up sent twice makes one version. */
    readonly messageId: string,
    readonly correlationId: string,
  ) {
    super();
  }
}
