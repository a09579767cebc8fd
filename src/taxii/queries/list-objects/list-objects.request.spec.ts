import { describe, expect, it } from '@jest/globals';
import { TaxiiError } from '../../taxii-error.js';
import { encodeNext, parseObjectsRequest } from './list-objects.request.js';

const fieldOf = (query: Record<string, unknown>): unknown => {
  try {
    parseObjectsRequest(query);
  } catch (error) {
    return (error as TaxiiError).details?.field;
  }
  return 'accepted';
};

describe(parseObjectsRequest.name, () => {
  it('defaults to the latest version, 100 per page, from the start', () => {
    expect(parseObjectsRequest({})).toEqual({
      filter: { addedAfter: undefined, ids: [], types: [], versions: { keywords: ['last'], timestamps: [] }, specVersions: [] },
      limit: 100,
      after: null,
    });
  });

  it('reads comma-separated and repeated match values, and decodes next', () => {
    const sut = parseObjectsRequest({ 'match[type]': ['incident,identity', 'marking-definition'], 'match[version]': 'first,2026-11-29T10:00:00.123Z', next: encodeNext(42) });
    expect(sut.filter.types).toEqual(['incident', 'identity', 'marking-definition']);
    expect(sut.filter.versions).toEqual({ keywords: ['first'], timestamps: ['2026-11-29T10:00:00.123Z'] });
    expect(sut.after).toBe(42);
  });

  it.each([
    [{ limit: '0' }, 'limit'],
    [{ limit: '1001' }, 'limit'],
    [{ limit: '1e2' }, 'limit'],
    [{ added_after: '2026-11-29' }, 'added_after'],
    [{ next: 'forged' }, 'next'],
    [{ 'match[id]': 'incident--nope' }, 'match[id]'],
    [{ 'match[version]': 'newest' }, 'match[version]'],
    [{ added_after: '2026-02-30T00:00:00Z' }, 'added_after'],
    [{ added_after: '2026-01-01T25:61:00Z' }, 'added_after'],
    [{ added_after: '2026-99-01T00:00:00Z' }, 'added_after'],
    [{ 'match[version]': 'last,2026-13-01T00:00:00Z' }, 'match[version]'],
    [{ 'match[colour]': 'red' }, 'match[colour]'],
  ])('refuses %j naming the parameter', (query, field) => {
    expect(fieldOf(query)).toBe(field);
  });
});
