import { describe, expect, it } from '@jest/globals';
import { nextAttemptWithinWindow, parseRetryAfter, retryDelayMs } from './retry-schedule.js';

describe(retryDelayMs.name, () => {
  it('doubles the ceiling per failure and draws uniformly below it (full jitter)', () => {
    expect(retryDelayMs(1, 5, null, () => 0.999)).toBe(4995);
    expect(retryDelayMs(3, 5, null, () => 0.5)).toBe(10_000);
    expect(retryDelayMs(3, 5, null, () => 0)).toBe(1000);
  });

  it('caps the ceiling at one hour by default', () => {
    expect(retryDelayMs(40, 5, null, () => 0.999_999)).toBe(3_599_996);
  });

  it('caps the ceiling at a configured maximum (DELIVERY_RETRY_MAX_SECONDS), Retry-After still winning', () => {
    // The 10th failure with base 1 s: ceiling 512 s uncapped, 20 s with the cap.
    expect(retryDelayMs(10, 1, null, () => 0.999_999)).toBe(511_999);
    expect(retryDelayMs(10, 1, null, () => 0.999_999, 20)).toBe(20_000);
    expect(retryDelayMs(10, 1, 60, () => 0.5, 20)).toBe(60_000);
  });

  it('waits at least as long as the partner asked with Retry-After', () => {
    expect(retryDelayMs(1, 5, 120, () => 0.5)).toBe(120_000);
  });
});

describe(parseRetryAfter.name, () => {
  it('reads delay-seconds and HTTP-dates (RFC 9110 §10.2.3)', () => {
    const now = Date.parse('2026-11-29T12:00:00Z');
    expect(parseRetryAfter('30', now)).toBe(30);
    expect(parseRetryAfter('Sun, 29 Nov 2026 12:01:00 GMT', now)).toBe(60);
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
  });
});

describe('nextAttemptWithinWindow', () => {
  const windowEnds = Date.parse('2026-11-29T12:10:00Z');

  it('keeps the backoff when it ends inside the window', () => {
    const now = Date.parse('2026-11-29T12:00:00Z');
    expect(nextAttemptWithinWindow(now, 30_000, windowEnds)?.toISOString()).toBe('2026-11-29T12:00:30.000Z');
  });

  it('pulls a backoff that would end past the window back to its end: one last attempt, not an early dead letter', () => {
    const now = Date.parse('2026-11-29T12:02:00Z');
    expect(nextAttemptWithinWindow(now, 900_000, windowEnds)?.toISOString()).toBe('2026-11-29T12:10:00.000Z');
  });

  it('gives up (null: dead letter) once the window is over', () => {
    expect(nextAttemptWithinWindow(windowEnds, 1_000, windowEnds)).toBeNull();
    expect(nextAttemptWithinWindow(windowEnds + 5_000, 1_000, windowEnds)).toBeNull();
  });
});
