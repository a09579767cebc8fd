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
 * Sends `POST {appUrl}/alerts/{alertId}/ack` with body `{ "note": "received by demo partner <name>" }`,
 * retrying network errors, timeouts, 429 and 5xx answers with a short backoff. Any other answer ends the
 * series: 2xx is 'acknowledged', other 4xx (e.g. 404 while the endpoint does not exist yet) is 'rejected'.
 * Never throws; every outcome is logged. `signal` aborting stops further retries ('abandoned').
 */
export async function sendAcknowledgement(
  alertId: string,
  options: AcknowledgementSenderOptions,
  signal?: AbortSignal,
): Promise<AcknowledgementOutcome> {
  const { appUrl, partnerApiKey, partnerName, log } = options;
  const backoff = options.backoffMs ?? [250, 1000, 3000];
  const doFetch = options.fetch ?? fetch;
  const url = `${appUrl}/alerts/${encodeURIComponent(alertId)}/ack`;
  const body = JSON.stringify({ note: `received by demo partner ${partnerName}` });

  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) {
      log('warn', 'acknowledgement abandoned at shutdown', { alertId, attempt });
      return 'abandoned';
    }
    let retryReason: string;
    try {
      const timeout = AbortSignal.timeout(options.attemptTimeoutMs ?? 5000);
      const response = await doFetch(url, {
        method: 'POST',
        headers: { Authorization: `Bearer ${partnerApiKey}`, 'Content-Type': 'application/json' },
        body,
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      await response.body?.cancel();
      if (response.ok) {
        log('info', 'alert acknowledged', { alertId, status: response.status, attempt });
        return 'acknowledged';
      }
      if (response.status !== 429 && response.status < 500) {
        log('warn', 'acknowledgement rejected', { alertId, status: response.status, attempt, url });
        return 'rejected';
      }
      retryReason = `HTTP ${response.status}`;
    } catch (error) {
      retryReason = describeError(error);
    }
    if (attempt > backoff.length) {
      log('error', 'acknowledgement failed, giving up', { alertId, attempts: attempt, reason: retryReason, url });
      return 'gave-up';
    }
    const waitMs = backoff[attempt - 1];
    log('warn', 'acknowledgement attempt failed, will retry', { alertId, attempt, reason: retryReason, retryInMs: waitMs });
    await sleep(waitMs, signal);
  }
}

/** "TypeError: fetch failed (ECONNREFUSED)": undici hides the useful part in `cause`. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: string; message?: string } | undefined;
  const detail = cause?.code ?? cause?.message;
  return `${error.name}: ${error.message}${detail ? ` (${detail})` : ''}`;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
