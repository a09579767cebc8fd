import type { Logger } from '@nestjs/common';

/**
 * Runs one step of graceful shutdown (a Nest shutdown hook's work) and logs it as one structured pino line at info:
 * `{ msg: 'shutdown step done', shutdownStep, durationMs }` (context: the logger's). A step that throws is logged at
 * error (`shutdown step failed`, with `err`) and does not throw, so the later steps (other consumers, the
 * PostgreSQL pool) still run.
 * @param step short name of what is stopped, e.g. `outbox relay: drain pass, disconnect producer`
 * @param work the step; its time in ms is `durationMs`
 */
export async function shutdownStep(logger: Logger, step: string, work: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  try {
    await work();
    logger.log({ msg: 'shutdown step done', shutdownStep: step, durationMs: Math.round(performance.now() - started) });
  } catch (error) {
    logger.error({ msg: 'shutdown step failed', shutdownStep: step, durationMs: Math.round(performance.now() - started), err: error });
  }
}
