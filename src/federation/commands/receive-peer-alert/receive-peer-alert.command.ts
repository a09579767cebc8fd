import { Command } from '@nestjs/cqrs';
import type { WebhookHeaders } from '@app/partner-sdk';

/**
 * What happened to a received alert: `stored` (first copy of the incident), `updated` (a newer version replaced the
 * copy), `retracted` (a Cancel removed the copy from this window's views), `duplicate` (this alert, or a newer one,
 * was applied before: nothing changed), `ignored` (a Cancel for an incident this window never held).
 */
export type PeerAlertOutcome = 'stored' | 'updated' | 'retracted' | 'duplicate' | 'ignored';

/** Answer of `POST /federation/alerts`. */
export interface ReceivePeerAlertResult {
  alertId: string;
  outcome: PeerAlertOutcome;
  /** The local id of the foreign incident. */
  incidentId: string;
  /** The originator's incident version the copy holds now. */
  version: number | null;
}

/** Verify, de-duplicate and apply one alert delivered by a peer single window (raw webhook body and headers). */
export class ReceivePeerAlertCommand extends Command<ReceivePeerAlertResult> {
  constructor(
    readonly rawBody: Buffer,
    readonly headers: WebhookHeaders,
    readonly correlationId: string,
  ) {
    super();
  }
}
