/**
 * Delay before webhook attempt `attempt + 1` after `attempt` failures: exponential backoff with "full jitter"
 * (AWS Architecture Blog, "Exponential Backoff And Jitter", 2015): uniform in [0, min(cap, base * 2^(attempt-1))],
 * never below one second. A `Retry-After` from the partner (RFC 9110 §10.2.3) takes precedence when larger.
 * @param attempt failures so far, >= 1
 * @param baseSeconds first delay ceiling in seconds
 * @param random a number in [0, 1) (injectable for tests)
 * @param capSeconds largest ceiling in seconds (DELIVERY_RETRY_MAX_SECONDS; default one hour)
 * @returns delay in milliseconds
 */
export function retryDelayMs(
  attempt: number,
  baseSeconds: number,
  retryAfterSeconds: number | null = null,
  random: () => number = Math.random,
  capSeconds = 3600,
): number {
  const ceiling = Math.min(capSeconds, baseSeconds * 2 ** Math.min(attempt - 1, 30));
  const jittered = Math.max(1, random() * ceiling);
  return Math.round(Math.max(jittered, retryAfterSeconds ?? 0) * 1000);
}

/**
 * Parses a `Retry-After` header value (delay-seconds or an HTTP-date, RFC 9110 §10.2.3) into seconds;
 * null when absent or unparseable.
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.round((date - now) / 1000));
}

/**
 * When to try a failed delivery again within its retry window, or null when the window is over (dead letter).
 * A backoff that would land past the window's end is pulled back to the end, so a partner that is down for part
 * of the window always gets one last attempt at its end rather than being dead-lettered early.
 * @param nowMs time of the failed attempt (ms since epoch)
 * @param delayMs backoff from retryDelayMs
 * @param windowEndsMs window start + DELIVERY_RETRY_WINDOW_SECONDS (ms since epoch)
 */
export function nextAttemptWithinWindow(nowMs: number, delayMs: number, windowEndsMs: number): Date | null {
  if (nowMs >= windowEndsMs) return null;
  return new Date(Math.min(nowMs + delayMs, windowEndsMs));
}
