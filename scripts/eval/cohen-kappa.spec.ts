import { describe, expect, it } from '@jest/globals';

import { cohenKappa } from './cohen-kappa.js';

const pairsFrom = (cells: Record<string, number>): { first: string; second: string }[] =>
  Object.entries(cells).flatMap(([key, count]) => {
    const [first, second] = key.split('→') as [string, string];
    return Array.from({ length: count }, () => ({ first, second }));
  });

describe(cohenKappa.name, () => {
  it('gives κ = 0.4 on the textbook 2×2 example (50 items: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no)', () => {
    // p_o = (20 + 15) / 50 = 0.70; A says yes 25/50, B says yes 30/50: p_e = 0.5·0.6 + 0.5·0.4 = 0.50; κ = 0.2 / 0.5 = 0.4.
    const sut = cohenKappa(pairsFrom({ 'yes→yes': 20, 'yes→no': 5, 'no→yes': 10, 'no→no': 15 }));
    expect(sut.n).toBe(50);
    expect(sut.observed).toBeCloseTo(0.7, 12);
    expect(sut.expected).toBeCloseTo(0.5, 12);
    expect(sut.kappa).toBeCloseTo(0.4, 12);
    // σ = √(0.7·0.3 / (50·0.5²)) = √0.0168 = 0.1296: the 95% interval 0.4 ± 0.254.
    expect(sut.standardError).toBeCloseTo(0.1296, 4);
    expect(sut.confusion.get('no→yes')).toBe(10);
  });

  it('handles three categories and a category only one labeller used', () => {
    // 10 items. A: a×5, b×3, c×2; B: a×6, b×4, c×0. Same: a/a 4 + b/b 3 = 7 → p_o = 0.7.
    // p_e = 0.5·0.6 + 0.3·0.4 + 0.2·0 = 0.42; κ = (0.7 − 0.42) / 0.58 = 0.4828 (to 4 places).
    const sut = cohenKappa(pairsFrom({ 'a→a': 4, 'a→b': 1, 'b→b': 3, 'c→a': 2 }));
    expect(sut.observed).toBeCloseTo(0.7, 12);
    expect(sut.expected).toBeCloseTo(0.42, 12);
    expect(sut.kappa).toBeCloseTo(0.4828, 4);
  });

  it('is 1 for perfect agreement, 0 at chance, negative below it', () => {
    expect(cohenKappa(pairsFrom({ 'x→x': 3, 'y→y': 7 })).kappa).toBe(1);
    // A and B each say x half the time, independently: p_o = p_e = 0.5.
    expect(cohenKappa(pairsFrom({ 'x→x': 1, 'x→y': 1, 'y→x': 1, 'y→y': 1 })).kappa).toBe(0);
    expect(cohenKappa(pairsFrom({ 'x→y': 5, 'y→x': 5 })).kappa).toBe(-1);
  });

  it('is undefined (NaN) when both labellers use one category throughout, or there are no items', () => {
    const constant = cohenKappa(pairsFrom({ 'x→x': 4 }));
    expect(constant.observed).toBe(1);
    expect(constant.kappa).toBeNaN();
    expect(cohenKappa([]).n).toBe(0);
    expect(cohenKappa([]).kappa).toBeNaN();
  });
});
