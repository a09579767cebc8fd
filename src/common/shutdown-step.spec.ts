import { describe, expect, it } from '@jest/globals';
import type { Logger } from '@nestjs/common';
import { shutdownStep } from './shutdown-step.js';

/** A Nest Logger that keeps what was logged, by level. */
function recordingLogger(): { logger: Logger; lines: Array<[string, Record<string, unknown>]> } {
  const lines: Array<[string, Record<string, unknown>]> = [];
  const logger = {
    log: (entry: Record<string, unknown>) => lines.push(['log', entry]),
    error: (entry: Record<string, unknown>) => lines.push(['error', entry]),
  } as unknown as Logger;
  return { logger, lines };
}

describe('shutdownStep', () => {
  it('logs the step with its duration in ms once its work is done', async () => {
    const { logger, lines } = recordingLogger();
    await shutdownStep(logger, 'outbox relay', () => new Promise((resolve) => setTimeout(resolve, 30)));
    expect(lines).toEqual([['log', { msg: 'shutdown step done', shutdownStep: 'outbox relay', durationMs: expect.any(Number) }]]);
    expect(lines[0][1].durationMs).toBeGreaterThanOrEqual(25);
  });

  it('logs a failed step at error with the error and does not throw, so later steps still run', async () => {
    const { logger, lines } = recordingLogger();
    const failure = new Error('broker gone');
    await expect(shutdownStep(logger, 'router', () => Promise.reject(failure))).resolves.toBeUndefined();
    expect(lines).toEqual([['error', { msg: 'shutdown step failed', shutdownStep: 'router', durationMs: expect.any(Number), err: failure }]]);
  });
});
