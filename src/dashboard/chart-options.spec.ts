import { describe, expect, it } from '@jest/globals';
import type { TrendModel } from './public/api.js';
import { heatmapOption, periodLabel, trendOption, type Labels } from './public/chart-options.js';

const labels: Labels = { value: (dimension, code) => `${dimension}:${code}`, dimension: (name) => name };
const text = (key: string) => `[${key}]`;
const trend = (overrides: Partial<TrendModel> = {}): TrendModel => ({
  interval: 'quarter',
  dimension: 'mechanism',
  periods: ['2025-01-01', '2025-04-01', '2025-07-01', '2025-10-01'],
  series: [
    { key: 'loss_of_control', counts: [1, 0, 2, 0] },
    { key: 'misuse', counts: [0, 3, 1, 0] },
  ],
  totals: [1, 3, 3, 0],
  surges: [],
  ...overrides,
});

describe(periodLabel.name, () => {
  it('names buckets as analysts read them', () => {
    expect(['2025-01-01', '2025-04-01', '2025-07-01', '2025-10-01'].map((period) => periodLabel(period, 'quarter'))).toEqual(['2025 Q1', '2025 Q2', '2025 Q3', '2025 Q4']);
    expect(periodLabel('2025-07-01', 'month')).toBe('2025-07');
    expect(periodLabel('2025-01-01', 'year')).toBe('2025');
    expect(periodLabel('2025-06-09', 'week')).toBe('2025-06-09');
  });
});

describe(trendOption.name, () => {
  it('stacks one labelled series per group with the counts per bucket', () => {
    const sut = trendOption(trend(), labels, text);
    expect(sut.xAxis.data).toEqual(['2025 Q1', '2025 Q2', '2025 Q3', '2025 Q4']);
    expect(sut.series.map(({ id, name, data }) => ({ id, name, data }))).toEqual([
      { id: 'loss_of_control', name: 'mechanism:loss_of_control', data: [1, 0, 2, 0] },
      { id: 'misuse', name: 'mechanism:misuse', data: [0, 3, 1, 0] },
    ]);
    expect(sut.series.every((series) => series.markPoint === undefined)).toBe(true);
  });

  it('pins a surge on top of its group’s part of the stack in the surge’s bucket', () => {
    const surge = { key: 'misuse', periodIndex: 2, date: '2025-08-11', count: 1, expected: 0.2, method: 'EARS C2' };
    const sut = trendOption(trend({ surges: [surge] }), labels, text);
    expect(sut.series[1].markPoint?.data).toEqual([{ name: '[surge]', coord: [2, 3] }]);
    expect(sut.series[0].markPoint).toBeUndefined();
  });
});

describe(heatmapOption.name, () => {
  it('labels harm types across and sectors down, scaled to the largest cell', () => {
    const sut = heatmapOption({ rowDimension: 'sector', columnDimension: 'harmType', rows: ['finance'], columns: ['deepfake', 'financial_loss'], cells: [[1, 0, 6], [0, 0, 2]] }, labels);
    expect(sut.xAxis.data).toEqual(['harmType:deepfake', 'harmType:financial_loss']);
    expect(sut.series[0].data).toEqual([[1, 0, 6], [0, 0, 2]]);
    expect(sut.visualMap).toMatchObject({ min: 0, max: 6 });
  });
});
