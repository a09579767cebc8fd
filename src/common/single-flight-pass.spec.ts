import { AsyncLocalStorage } from 'node:async_hooks';
import { describe, expect, it } from '@jest/globals';
import { SingleFlightPass } from './single-flight-pass.js';

describe(SingleFlightPass.name, () => {
  it('never overlaps passes, and runs exactly one more pass for wakes during a pass', async () => {
    let active = 0;
    let maxActive = 0;
    let passes = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const sut = new SingleFlightPass(async () => {
      passes += 1;
      active += 1;
      maxActive = Math.max(maxActive, active);
      if (passes === 1) await gate;
      active -= 1;
    }, () => undefined);
    sut.wake();
    sut.wake();
    sut.wake();
    release();
    await new Promise((resolve) => setTimeout(resolve, 10));
    await sut.stop();
    expect([passes, maxActive]).toEqual([2, 1]);
  });

  it('reports a failing pass and still runs the next one', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const sut = new SingleFlightPass(async () => {
      calls += 1;
      if (calls === 1) throw new Error('broker away');
    }, (error) => errors.push(error));
    sut.wake();
    await new Promise((resolve) => setTimeout(resolve, 5));
    sut.wake();
    await sut.stop();
    expect(calls).toBe(2);
    expect(String(errors[0])).toContain('broker away');
  });

  it('starts nothing after stop', async () => {
    let calls = 0;
    const sut = new SingleFlightPass(async () => void (calls += 1), () => undefined);
    await sut.stop();
    sut.wake();
    expect(calls).toBe(0);
  });

  it("runs a pass in its creator's async context, not in the context of the request that woke it", async () => {
    const requestContext = new AsyncLocalStorage<string>();
    const seen: Array<string | undefined> = [];
    const sut = new SingleFlightPass(async () => {
      seen.push(requestContext.getStore());
    }, () => undefined);
    requestContext.run('correlation-of-a-request', () => sut.wake());
    await sut.stop();
    expect(seen).toEqual([undefined]);
  });
});
