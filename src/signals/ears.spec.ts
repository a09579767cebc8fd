import { describe, expect, it } from '@jest/globals';
import { EARS_C2, EARS_C3, earsMethodId, earsStatistics } from './ears.js';

const zeros = (length: number): number[] => new Array<number>(length).fill(0);

describe('earsStatistics', () => {
  it('C2: baseline mean and sample sd of t-3..t-9 (hand-computed: mean 20/7, sd √(8/7))', () => {
    // Baseline 2,4,2,4,2,4,2; guard band 3,3; current 7.
    const [point] = earsStatistics([2, 4, 2, 4, 2, 4, 2, 3, 3, 7]);

    expect(point.index).toBe(9);
    expect(point.expected).toBeCloseTo(20 / 7, 10);
    expect(point.sd).toBeCloseTo(Math.sqrt(8 / 7), 10);
    expect(point.statistic).toBeCloseTo(29 / 7 / Math.sqrt(8 / 7), 10); // 3.8756
    expect(point.alarm).toBe(true);
  });

  it('C2: 6 over the same baseline is 2.94 sd, below the threshold of 3', () => {
    const [point] = earsStatistics([2, 4, 2, 4, 2, 4, 2, 3, 3, 6]);

    expect(point.statistic).toBeCloseTo(22 / 7 / Math.sqrt(8 / 7), 10);
    expect(point.alarm).toBe(false);
  });

  it('C2: the two guard periods stay out of the baseline', () => {
    // A surge already two weeks old (50, 50) does not raise the baseline of the third week.
    const [point] = earsStatistics([1, 1, 1, 1, 1, 1, 1, 50, 50, 50]);

    expect(point.expected).toBe(1);
    expect(point.statistic).toBe(49);
    expect(point.alarm).toBe(true);
  });

  it('C2: a zero-variance baseline uses the minimum sd of 1 (4 from zero signals, 3 does not)', () => {
    const [four] = earsStatistics([...zeros(9), 4]);
    const [three] = earsStatistics([...zeros(9), 3]);
    const [eight] = earsStatistics([5, 5, 5, 5, 5, 5, 5, 5, 5, 8]);

    expect(four).toMatchObject({ expected: 0, sd: 1, statistic: 4, alarm: true });
    expect(three).toMatchObject({ expected: 0, sd: 1, statistic: 3, alarm: false });
    expect(eight).toMatchObject({ expected: 5, sd: 1, statistic: 3, alarm: false });
  });

  it('evaluates only the periods with a full baseline and guard band', () => {
    expect(earsStatistics(zeros(9))).toEqual([]);
    expect(earsStatistics(zeros(12)).map((point) => point.index)).toEqual([9, 10, 11]);
    expect(earsStatistics(zeros(12), EARS_C3).map((point) => point.index)).toEqual([11]);
  });

  it('C3: three periods of 2 over a zero baseline sum to 3 (> 2) though no C2 reaches 3', () => {
    const series = [...zeros(9), 2, 2, 2];

    expect(earsStatistics(series).map((point) => point.alarm)).toEqual([false, false, false]);
    expect(earsStatistics(series, EARS_C3)).toEqual([{ index: 11, count: 2, expected: 0, sd: 1, statistic: 3, alarm: true }]);
  });

  it('C3: only excesses above 1 sd count, and below-baseline periods add nothing', () => {
    // C2 of the last three periods: 1.5, -(something), 2.5 → excesses 0.5 + 0 + 1.5 = 2, not above 2.
    const series = [5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 6.5, 0, 7.5];

    const last = earsStatistics(series, EARS_C3).at(-1)!;
    expect(last.statistic).toBeCloseTo(2, 10);
    expect(last.alarm).toBe(false);
  });

  it('names the method with its parameters', () => {
    expect(earsMethodId(EARS_C2)).toBe('EARS-C2(baseline=7,guard=2,threshold=3,minSd=1)');
    expect(earsMethodId(EARS_C3)).toBe('EARS-C3(baseline=7,guard=2,threshold=2,minSd=1)');
  });
});
