import { describe, expect, it } from '@jest/globals';
import { neutraliseCsvCell } from './export-incidents-csv.handler.js';

describe(neutraliseCsvCell.name, () => {
  it.each([
    ['=HYPERLINK("http://evil.example")', `'=HYPERLINK("http://evil.example")`],
    ['+SUM(A1:A2)', `'+SUM(A1:A2)`],
    ['-2+3', `'-2+3`],
    ['@cmd', `'@cmd`],
    ['\t=1', `'\t=1`],
    ['\r=1', `'\r=1`],
  ])('prefixes %j so a spreadsheet shows it as text', (cell, expected) => {
    expect(neutraliseCsvCell(cell)).toBe(expected);
  });

  it.each(['Deepfake fraud', '人脸识别系统', 'a=b', '2024-01-01T00:00:00.000Z', ''])('keeps %j as it is', (cell) => {
    expect(neutraliseCsvCell(cell)).toBe(cell);
  });
});
