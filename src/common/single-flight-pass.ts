import { AsyncResource } from 'node:async_hooks';

/**
 * Runs a background pass at most once at a time: `wake()` starts a pass, or, while one runs, asks for exactly one more
 * after it (so a wake is never lost and passes never overlap). `stop()` refuses new passes and waits for the current
 * one (graceful shutdown drains in-flight work). Used by the outbox relay, the webhook dispatcher, the peer message
 * sender and the trend_counts fold job.
 * Passes run in the async context the pass was created in, not the waker's: a pass woken while serving a request
 * must not log under that request's correlation id (AsyncLocalStorage of nestjs-pino).
 */
export class SingleFlightPass {
  private running?: Promise<void>;
  private wakeAgain = false;
  private stopped = false;
  private readonly pass: () => Promise<unknown>;

  /** @param pass the work; its errors go to `onError` and the next wake tries again */
  constructor(
    pass: () => Promise<unknown>,
    private readonly onError: (error: unknown) => void,
  ) {
    this.pass = AsyncResource.bind(pass);
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.wakeAgain = true;
      return;
    }
    this.running = this.pass()
      .then(() => undefined, this.onError)
      .finally(() => {
        this.running = undefined;
        if (this.wakeAgain) {
          this.wakeAgain = false;
          this.wake();
        }
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }
}
