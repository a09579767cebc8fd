import { describe, expect, it } from '@jest/globals';
import { parsePeriod, previousPeriod } from './period.js';

const range = (code: string) => {
  const period = parsePeriod(code);
  return period && { kind: period.kind, start: period.start.toISOString(), end: period.end.toISOString() };
};

describe('parsePeriod', () => {
  it('reads quarters, months and years as UTC [start, end)', () => {
    expect(range('2026-Q3')).toEqual({ kind: 'quarter', start: '2026-07-01T00:00:00.000Z', end: '2026-10-01T00:00:00.000Z' });
    expect(range('2026-Q4')).toEqual({ kind: 'quarter', start: '2026-10-01T00:00:00.000Z', end: '2027-01-01T00:00:00.000Z' });
    expect(range('2026-11')).toEqual({ kind: 'month', start: '2026-11-01T00:00:00.000Z', end: '2026-12-01T00:00:00.000Z' });
    expect(range('2024-02')).toEqual({ kind: 'month', start: '2024-02-01T00:00:00.000Z', end: '2024-03-01T00:00:00.000Z' });
    expect(range('2026')).toEqual({ kind: 'year', start: '2026-01-01T00:00:00.000Z', end: '2027-01-01T00:00:00.000Z' });
  });

  it.each(['2026-Q5', '2026-Q0', '2026-13', '2026-00', '2026-1', '26', '1949', '2101', '2026-W05', ' 2026', '2026-q3', ''])('refuses %p', (code) => {
    expect(parsePeriod(code)).toBeUndefined();
  });
});

describe('previousPeriod', () => {
  it.each([
    ['2026-Q1', '2025-Q4', '2025-10-01T00:00:00.000Z'],
    ['2026-Q3', '2026-Q2', '2026-04-01T00:00:00.000Z'],
    ['2026-01', '2025-12', '2025-12-01T00:00:00.000Z'],
    ['2026-11', '2026-10', '2026-10-01T00:00:00.000Z'],
    ['2026', '2025', '2025-01-01T00:00:00.000Z'],
  ])('%s follows %s', (code, previousCode, previousStart) => {
    const period = parsePeriod(code)!;
    const previous = previousPeriod(period);
    expect(previous.code).toBe(previousCode);
    expect(previous.start.toISOString()).toBe(previousStart);
    expect(previous.end).toEqual(period.start);
  });
});
