import { describe, expect, it } from '@jest/globals';
import { compareClassifierVersions } from './backfill-classifications.js';

describe(compareClassifierVersions.name, () => {
  it.each([
    ['0.1.0', '0.2.0', -1],
    ['0.10.0', '0.9.1', 1],
    ['0.2', '0.2.0', 0],
    ['1.0.0', '0.99.99', 1],
  ])('compares %s with %s as %d', (a, b, expected) => {
    expect(compareClassifierVersions(a, b)).toBe(expected);
  });
});
