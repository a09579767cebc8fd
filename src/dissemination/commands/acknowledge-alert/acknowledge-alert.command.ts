import { Command } from '@nestjs/cqrs';
import type { AcknowledgementData } from '@app/contracts';

export interface AcknowledgeAlertResult {
  alertId: string;
  /** Time of the first acknowledgement (ISO 8601); a repeat answers the original time. */
  acknowledgedAt: string;
  /** Ids of the follow-up and request for assistance stored for this message (the existing ones on a repeat). */
  followUpIds: string[];
}

/**
 * A partner acknowledges one of its alerts, by REST or on its acknowledgement topic, optionally with follow-up
 * information or a request for assistance. The first acknowledgement wins; `messageId` makes a repeated message
 * (same CloudEvents id, Idempotency-Key or body) store its follow-up once.
 */
export class AcknowledgeAlertCommand extends Command<AcknowledgeAlertResult> {
  constructor(
    /** The partner the caller is: from the API key (REST) or from the acknowledgement topic name (Kafka). */
    readonly partnerId: string,
    readonly acknowledgement: AcknowledgementData,
    readonly messageId: string,
    /**
     * With an `Idempotency-Key` (REST): hash of the alert id and body (requestHashOf), recorded with the key in
     * `acknowledgement_messages`; the key reused with another hash is refused (ALERT.IDEMPOTENCY_KEY_REUSED, 422).
     */
    readonly requestHash?: string,
  ) {
    super();
  }
}
