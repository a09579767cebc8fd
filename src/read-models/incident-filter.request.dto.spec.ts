import { describe, expect, it } from '@jest/globals';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { filtersOf, IncidentFilterRequestDto } from './incident-filter.request.dto.js';

const parse = (query: Record<string, unknown>) => {
  const sut = plainToInstance(IncidentFilterRequestDto, query);
  return { dto: sut, invalid: validateSync(sut).map((error) => error.property) };
};

describe(IncidentFilterRequestDto.name, () => {
  it('reads comma-separated and repeated values alike, upper-cases countries and drops duplicates', () => {
    const { dto, invalid } = parse({ mechanism: 'misuse, loss_of_control', harmType: ['deepfake', 'deepfake,privacy_infringement'], country: 'cn,us' });
    expect(invalid).toEqual([]);
    expect(filtersOf(dto)).toEqual({
      mechanism: ['misuse', 'loss_of_control'],
      harmType: ['deepfake', 'privacy_infringement'],
      country: ['CN', 'US'],
    });
  });

  it('names each field with a value outside its vocabulary', () => {
    expect(parse({ severity: 'catastrophic', tlp: 'GREEN,PURPLE', country: 'CHN', from: '2024-02-30' }).invalid.sort()).toEqual(['country', 'from', 'severity', 'tlp']);
  });
});
