import { describe, expect, it } from '@jest/globals';
import { utcMonthKeysBetween } from './incident-dimensions.js';
import { keyCode, planSegments, TREND_KEYS, trendKeyFor, type TrendSegment } from './trend-counts.js';

const at = (iso: string) => new Date(iso);
const show = (segments: TrendSegment[]) =>
  segments.map((segment) => `${segment.grain ?? 'raw'} ${segment.from.toISOString()} ${segment.toInclusive ? ']' : ')'} ${segment.to.toISOString()}`);

describe('trend_counts planning', () => {
  it('counts the partial days of the ends from incident_search and whole months, weeks and days from the counts', () => {
    expect(show(planSegments('month', at('2024-01-10T08:00:00Z'), at('2024-05-14T12:30:00Z'), ['d', 'w', 'm']))).toEqual([
      'raw 2024-01-10T08:00:00.000Z ) 2024-01-11T00:00:00.000Z',
      'd 2024-01-11T00:00:00.000Z ) 2024-01-15T00:00:00.000Z',
      'w 2024-01-15T00:00:00.000Z ) 2024-01-29T00:00:00.000Z',
      'd 2024-01-29T00:00:00.000Z ) 2024-02-01T00:00:00.000Z',
      'm 2024-02-01T00:00:00.000Z ) 2024-05-01T00:00:00.000Z',
      'd 2024-05-01T00:00:00.000Z ) 2024-05-06T00:00:00.000Z',
      'w 2024-05-06T00:00:00.000Z ) 2024-05-13T00:00:00.000Z',
      'd 2024-05-13T00:00:00.000Z ) 2024-05-14T00:00:00.000Z',
      'raw 2024-05-14T00:00:00.000Z ] 2024-05-14T12:30:00.000Z',
    ]);
    // Without a day grain (pairs), the leftover days are counted from incident_search.
    expect(show(planSegments('week', at('2024-01-10T00:00:00Z'), at('2024-01-31T00:00:00Z'), ['w', 'm']))).toEqual([
      'raw 2024-01-10T00:00:00.000Z ) 2024-01-15T00:00:00.000Z',
      'w 2024-01-15T00:00:00.000Z ) 2024-01-29T00:00:00.000Z',
      'raw 2024-01-29T00:00:00.000Z ) 2024-01-31T00:00:00.000Z',
      'raw 2024-01-31T00:00:00.000Z ] 2024-01-31T00:00:00.000Z',
    ]);
  });

  it('covers the range exactly once, with each stored stretch aligned to its grain', () => {
    const cases: Array<[Parameters<typeof planSegments>[0], string, string, Array<'d' | 'w' | 'm'>]> = [
      ['month', '2024-01-10T08:00:00Z', '2024-05-14T12:30:00Z', ['d', 'w', 'm']],
      ['month', '2024-01-10T08:00:00Z', '2024-05-14T12:30:00Z', ['w', 'm']],
      ['week', '2023-12-31T23:00:00Z', '2024-03-01T00:00:00Z', ['d', 'w', 'm']],
      ['day', '2020-02-28T00:00:00Z', '2020-03-02T00:00:00Z', ['w', 'm']],
      ['year', '1990-01-01T00:00:00Z', '2026-11-29T22:10:00Z', ['d', 'w', 'm']],
      ['quarter', '2024-03-03T10:00:00Z', '2024-03-03T11:00:00Z', ['d', 'w', 'm']],
    ];
    for (const [interval, from, to, grains] of cases) {
      const segments = planSegments(interval, at(from), at(to), grains).sort((a, b) => a.from.getTime() - b.from.getTime());
      expect(segments[0].from.toISOString()).toBe(at(from).toISOString());
      expect(segments.at(-1)).toMatchObject({ to: at(to), toInclusive: true });
      for (let i = 1; i < segments.length; i += 1) expect(segments[i].from).toEqual(segments[i - 1].to);
      for (const segment of segments.filter((item) => item.grain !== null)) {
        expect(grains).toContain(segment.grain);
        expect(segment.from.getUTCHours()).toBe(0);
        if (segment.grain === 'w') expect([segment.from.getUTCDay(), segment.to.getUTCDay()]).toEqual([1, 1]);
        if (segment.grain === 'm') expect([segment.from.getUTCDate(), segment.to.getUTCDate()]).toEqual([1, 1]);
        // A week never crosses a bucket of a month, quarter or year trend.
        if (segment.grain === 'w' && interval !== 'week') expect(segment.from.getUTCMonth()).toBe(new Date(segment.to.getTime() - 1).getUTCMonth());
      }
    }
  });

  it('answers from a stored key with at most two dimensions and a harm type filter of one value not grouped by', () => {
    expect(trendKeyFor({ groupBy: ['mechanism'], filters: {} })).toEqual(['mechanism']);
    expect(trendKeyFor({ groupBy: ['harmType', 'sector'], filters: { sector: ['finance', 'health'] } })).toEqual(['harmType', 'sector']);
    expect(trendKeyFor({ groupBy: ['country'], filters: { harmType: ['deepfake'] } })).toEqual(['harmType', 'country']);
    expect(trendKeyFor({ groupBy: ['country'], filters: { harmType: ['deepfake', 'privacy_infringement'] } })).toBeNull();
    expect(trendKeyFor({ groupBy: ['harmType'], filters: { harmType: ['deepfake'] } })).toBeNull();
    expect(trendKeyFor({ groupBy: ['mechanism', 'sector'], filters: { tlp: ['GREEN'] } })).toBeNull();
  });

  it('gives every stored key its own code', () => {
    expect(TREND_KEYS).toHaveLength(1 + 10 + 45);
    expect(new Set(TREND_KEYS.map(keyCode)).size).toBe(TREND_KEYS.length);
  });
});

describe(utcMonthKeysBetween.name, () => {
  it('lists every UTC month a range touches, across a year end, the last one even when the range ends at its first instant', () => {
    expect(utcMonthKeysBetween(new Date('2025-11-30T23:00:00Z'), new Date('2026-02-01T00:00:00Z'))).toEqual([202511, 202512, 202601, 202602]);
    expect(utcMonthKeysBetween(new Date('2026-08-15T00:00:00Z'), new Date('2026-08-15T00:00:00Z'))).toEqual([202608]);
    expect(utcMonthKeysBetween(new Date('2026-09-01T00:00:00Z'), new Date('2026-08-31T00:00:00Z'))).toEqual([]);
  });
});
