import type { AcknowledgementData } from '@app/contracts';
import { PARTNER_SDK_VERSION } from './version.js';

/** Longest `note` the acknowledgement endpoint accepts (AcknowledgeAlertRequestDto). */
export const MAX_ACKNOWLEDGEMENT_NOTE_LENGTH = 2000;

export interface SingleWindowClientOptions {
  /** Base URL of the sending single window's API, e.g. `https://sw.example.gov` (a trailing slash is ignored). */
  appUrl: string;
  /** The partner API key issued at onboarding, sent as `Authorization: Bearer <key>`. */
  apiKey: string;
  /** Waits before retry 1, 2, 3… in ms; their number bounds the retries (default 250, 1000, 3000: four attempts). */
  retryDelaysMs?: readonly number[];
  /** Per-attempt timeout in ms (default 5000). */
  attemptTimeoutMs?: number;
  /** Longest `Retry-After` (RFC 9110 §10.2.3) honoured before a retry, in ms (default 30000). */
  maxRetryAfterMs?: number;
  /** Replaceable for tests or a custom agent. */
  fetch?: typeof fetch;
}

/** What is reported before each retry wait (for logging). */
export interface RetryNotice {
  url: string;
  /** The attempt that failed, from 1. */
  attempt: number;
  /** `HTTP 503`, `TypeError: fetch failed (ECONNREFUSED)`, `TimeoutError: ...`. */
  reason: string;
  delayMs: number;
}

export interface RequestOptions {
  /** Aborting stops the attempt in flight and any further retries (error code `aborted`). */
  signal?: AbortSignal;
  onRetry?: (notice: RetryNotice) => void;
}

/** `200` answer of `POST /alerts/{alertId}/ack`. */
export interface Acknowledgement {
  alertId: string;
  /** ISO 8601 time of the first acknowledgement (a repeat returns the original time). */
  acknowledgedAt: string;
  /** Ids of the follow-up and request for assistance stored for this request (the same on a repeat); [] for none. */
  followUpIds: string[];
}

/** What an acknowledgement may carry besides the alert id (docs/partner-integration.md §8). */
export type AcknowledgementContent = Omit<AcknowledgementData, 'alertId'>;

/**
 * - `rejected`: a 4xx other than 429 (401 bad key, 404 unknown or foreign alert, 400 invalid body); not retried.
 * - `gave-up`: network errors, timeouts, 429 or 5xx on every attempt.
 * - `aborted`: the caller's signal aborted.
 * - `unexpected-response`: a 2xx whose body is not the documented JSON.
 */
export type SingleWindowApiErrorCode = 'rejected' | 'gave-up' | 'aborted' | 'unexpected-response';

/** A single window API call that did not succeed; `problem` is the RFC 9457 problem+json body when there was one. */
export class SingleWindowApiError extends Error {
  override readonly name = 'SingleWindowApiError';

  constructor(
    readonly code: SingleWindowApiErrorCode,
    message: string,
    /** HTTP status of the last answer; null when the last attempt got none. */
    readonly status: number | null,
    readonly attempts: number,
    readonly problem?: unknown,
  ) {
    super(message);
  }
}

/**
 * Client for the partner-facing API of a single window. Every request carries the partner API key and is retried
 * on network errors, per-attempt timeouts, 429 and 5xx with a bounded backoff (honouring `Retry-After`), so use it
 * only for idempotent calls (acknowledgement is: the first one wins, repeats change nothing).
 */
export class SingleWindowClient {
  private readonly baseUrl: string;
  private readonly retryDelaysMs: readonly number[];
  private readonly doFetch: typeof fetch;

  constructor(private readonly options: SingleWindowClientOptions) {
    this.baseUrl = options.appUrl.replace(/\/+$/, '');
    this.retryDelaysMs = options.retryDelaysMs ?? [250, 1000, 3000];
    this.doFetch = options.fetch ?? fetch;
  }

  /**
   * Acknowledges receipt of an alert: `POST {appUrl}/alerts/{alertId}/ack` with a note (a string) or
   * `{ note?, followUp?, assistanceRequest? }` (docs/partner-integration.md §8; bounds checked by the single window,
   * a violation is a `rejected` 400 naming the member). Resolves with the recorded acknowledgement. Retries send the
   * same body, so a follow-up is stored once.
   * Errors: RangeError for a note over 2000 characters (nothing sent); {@link SingleWindowApiError} otherwise.
   */
  async acknowledge(alertId: string, content?: string | AcknowledgementContent, options: RequestOptions = {}): Promise<Acknowledgement> {
    const body: AcknowledgementContent = typeof content === 'string' ? { note: content } : (content ?? {});
    if (body.note !== undefined && body.note.length > MAX_ACKNOWLEDGEMENT_NOTE_LENGTH)
      throw new RangeError(`an acknowledgement note has at most ${MAX_ACKNOWLEDGEMENT_NOTE_LENGTH} characters (got ${body.note.length})`);
    const url = `${this.baseUrl}/alerts/${encodeURIComponent(alertId)}/ack`;
    const { status, body: answerBody, attempts } = await this.post(url, body, options);
    const answer = answerBody as Partial<Acknowledgement> | undefined;
    if (typeof answer?.alertId !== 'string' || typeof answer.acknowledgedAt !== 'string')
      throw new SingleWindowApiError('unexpected-response', `POST ${url} answered ${status} without { alertId, acknowledgedAt }`, status, attempts, answerBody);
    const followUpIds = Array.isArray(answer.followUpIds) ? answer.followUpIds.filter((id): id is string => typeof id === 'string') : [];
    return { alertId: answer.alertId, acknowledgedAt: answer.acknowledgedAt, followUpIds };
  }

  /** POSTs JSON with retries; resolves with the 2xx answer (body parsed as JSON, undefined when empty or not JSON). */
  private async post(url: string, payload: unknown, { signal, onRetry }: RequestOptions): Promise<{ status: number; body: unknown; attempts: number }> {
    const body = JSON.stringify(payload);
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw new SingleWindowApiError('aborted', `POST ${url} aborted`, null, attempt - 1);
      let reason: string;
      let status: number | null = null;
      let retryAfterMs = 0;
      try {
        const timeout = AbortSignal.timeout(this.options.attemptTimeoutMs ?? 5000);
        const response = await this.doFetch(url, {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${this.options.apiKey}`,
            'Content-Type': 'application/json',
            Accept: 'application/json, application/problem+json',
            'User-Agent': `aisw-partner-sdk/${PARTNER_SDK_VERSION}`,
          },
          body,
          redirect: 'manual',
          signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        });
        status = response.status;
        const answer = await readJson(response);
        if (response.ok) return { status, body: answer, attempts: attempt };
        if (status !== 429 && status < 500)
          throw new SingleWindowApiError('rejected', `POST ${url} answered ${status}${problemTitle(answer)}`, status, attempt, answer);
        reason = `HTTP ${status}`;
        retryAfterMs = parseRetryAfterMs(response.headers.get('retry-after'));
      } catch (error) {
        if (error instanceof SingleWindowApiError) throw error;
        if (signal?.aborted) throw new SingleWindowApiError('aborted', `POST ${url} aborted`, status, attempt);
        reason = describeError(error);
      }
      if (attempt > this.retryDelaysMs.length)
        throw new SingleWindowApiError('gave-up', `POST ${url} failed ${attempt} times; last: ${reason}`, status, attempt);
      const delayMs = Math.max(this.retryDelaysMs[attempt - 1], Math.min(retryAfterMs, this.options.maxRetryAfterMs ?? 30_000));
      onRetry?.({ url, attempt, reason, delayMs });
      await sleep(delayMs, signal);
    }
  }
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '');
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function problemTitle(answer: unknown): string {
  const problem = answer as { title?: unknown; detail?: unknown } | undefined;
  const text = typeof problem?.detail === 'string' ? problem.detail : typeof problem?.title === 'string' ? problem.title : '';
  return text ? `: ${text}` : '';
}

/** `Retry-After` as delay-seconds or an HTTP-date (RFC 9110 §10.2.3), in ms; 0 when absent or unreadable. */
function parseRetryAfterMs(value: string | null, now = Date.now()): number {
  if (!value) return 0;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? 0 : Math.max(0, date - now);
}

/** "TypeError: fetch failed (ECONNREFUSED)": undici hides the useful part in `cause`. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: string; message?: string } | undefined;
  const detail = cause?.code ?? cause?.message;
  return `${error.name}: ${error.message}${detail ? ` (${detail})` : ''}`;
}

/** Waits `ms`, or less if `signal` aborts (or already has). */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
