import { SingleWindowApiError, SingleWindowClient } from '@app/partner-sdk';
import type { StructuredLogger } from './structured-logger.js';

/** How an acknowledgement attempt series ended. */
export type AcknowledgementOutcome = 'acknowledged' | 'rejected' | 'gave-up' | 'abandoned';

export interface AcknowledgementSenderOptions {
  /** Base URL of the single window API, without trailing slash. */
  appUrl: string;
  /** Partner API key, sent as `Authorization: Bearer <key>`. */
  partnerApiKey: string;
  partnerName: string;
  log: StructuredLogger;
  /** Waits before retries 1, 2, 3... in milliseconds (default 250, 1000, 3000: four attempts in all). */
  backoffMs?: number[];
  /** Per-attempt timeout in milliseconds (default 5000). */
  attemptTimeoutMs?: number;
  /** Replaceable for tests. */
  fetch?: typeof fetch;
}

/**
 * Acknowledges an alert with the partner SDK's {@link SingleWindowClient} (`POST {appUrl}/alerts/{id}/ack`,
 * body `{ "note": "received by demo partner <name>" }`; network errors, timeouts, 429 and 5xx retried with a
 * short backoff). 2xx is 'acknowledged'; another 4xx (e.g. 404 for an alert the app does not know) 'rejected';
 * retries exhausted 'gave-up'; `signal` aborting 'abandoned'. Never throws; every outcome is logged.
 */
export async function sendAcknowledgement(
  alertId: string,
  options: AcknowledgementSenderOptions,
  signal?: AbortSignal,
): Promise<AcknowledgementOutcome> {
  const { log } = options;
  const client = new SingleWindowClient({
    appUrl: options.appUrl,
    apiKey: options.partnerApiKey,
    retryDelaysMs: options.backoffMs,
    attemptTimeoutMs: options.attemptTimeoutMs,
    fetch: options.fetch,
  });
  try {
    const { acknowledgedAt } = await client.acknowledge(alertId, `received by demo partner ${options.partnerName}`, {
      signal,
      onRetry: ({ attempt, reason, delayMs }) =>
        log('warn', 'acknowledgement attempt failed, will retry', { alertId, attempt, reason, retryInMs: delayMs }),
    });
    log('info', 'alert acknowledged', { alertId, acknowledgedAt });
    return 'acknowledged';
  } catch (error) {
    if (!(error instanceof SingleWindowApiError)) {
      log('error', 'acknowledgement failed', { alertId, error: String(error) });
      return 'gave-up';
    }
    const fields = { alertId, status: error.status, attempts: error.attempts, error: error.message };
    switch (error.code) {
      case 'unexpected-response':
        // The app answered 2xx, so it recorded the acknowledgement; only the body was not the documented one.
        log('warn', 'alert acknowledged, but the answer was not { alertId, acknowledgedAt }', fields);
        return 'acknowledged';
      case 'rejected':
        log('warn', 'acknowledgement rejected', fields);
        return 'rejected';
      case 'aborted':
        log('warn', 'acknowledgement abandoned at shutdown', fields);
        return 'abandoned';
      case 'gave-up':
        log('error', 'acknowledgement failed, giving up', fields);
        return 'gave-up';
    }
  }
}
