import { describe, expect, it } from '@jest/globals';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { filtersOf, inclusiveEnd, IncidentFilterRequestDto } from './incident-filter.request.dto.js';

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

  it('ends an inclusive `to` given as a date alone at the last millisecond of that UTC day (trial finding), a date-time where it says', () => {
    expect(inclusiveEnd('2020-12-31').toISOString()).toBe('2020-12-31T23:59:59.999Z');
    expect(inclusiveEnd('2024-02-29').toISOString()).toBe('2024-02-29T23:59:59.999Z');
    expect(inclusiveEnd('2020-12-31T15:30:00Z').toISOString()).toBe('2020-12-31T15:30:00.000Z');
    expect(inclusiveEnd('2020-12-31T15:30:00+02:00').toISOString()).toBe('2020-12-31T13:30:00.000Z');
  });
});
