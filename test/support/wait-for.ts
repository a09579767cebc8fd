/**
 * Polls `probe` until it returns a value that `done` accepts, or fails after `timeoutMs` with the last value
 * in the message (no fixed sleeps in tests).
 */
export async function waitFor<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  { timeoutMs = 30_000, intervalMs = 200, description = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      last = await probe();
      if (done(last)) return last;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(
    `Timed out after ${timeoutMs} ms waiting for ${description}; last value: ${JSON.stringify(last)}${lastError instanceof Error ? `; last error: ${lastError.message}` : ''}`,
  );
}
