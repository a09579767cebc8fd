import { describe, expect, it } from '@jest/globals';
import { ackDeadlineSeconds, urgencyOf, type AckDeadlines } from './ack-deadlines.js';

const deadlines = (overrides: Partial<AckDeadlines> = {}): AckDeadlines => ({
  ACK_DEADLINE_FLASH_SECONDS: 3600,
  ACK_DEADLINE_PRIORITY_SECONDS: 86_400,
  ACK_DEADLINE_ROUTINE_SECONDS: 259_200,
  ...overrides,
});

describe(urgencyOf.name, () => {
  it('reads the label of a 0.2.0 classification', () => {
    expect(urgencyOf({ urgency: { label: 'flash', reason: 'red_line' } })).toBe('flash');
    expect(urgencyOf({ urgency: { label: 'priority', reason: 'death' } })).toBe('priority');
  });

  it('treats a missing or unknown urgency as routine', () => {
    expect(urgencyOf({ classifierVersion: '0.1.0' })).toBe('routine');
    expect(urgencyOf(null)).toBe('routine');
    expect(urgencyOf({ urgency: { label: 'immediate' } })).toBe('routine');
  });
});

describe(ackDeadlineSeconds.name, () => {
  it('picks the configured deadline of each urgency', () => {
    const sut = deadlines({ ACK_DEADLINE_FLASH_SECONDS: 2 });
    expect([ackDeadlineSeconds('flash', sut), ackDeadlineSeconds('priority', sut), ackDeadlineSeconds('routine', sut)]).toEqual([2, 86_400, 259_200]);
  });
});
