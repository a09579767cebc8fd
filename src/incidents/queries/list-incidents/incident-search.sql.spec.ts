import { describe, expect, it } from '@jest/globals';
import type { Principal } from '../../../auth/api-keys.service.js';
import { RequestValidationError } from '../../../common/problem-details.js';
import { decodeCursor, encodeCursor, incidentSearchSql, type IncidentSearch } from './incident-search.sql.js';

const analyst: Principal = { keyId: '6f1c0a52-3d43-4d5e-9a43-1f1b2f5e9c11', name: 'analyst', role: 'analyst', partnerId: null };
const searchFor = (overrides: Partial<IncidentSearch> = {}): IncidentSearch => ({
  q: '人脸识别 drivers',
  filters: { mechanism: ['misuse'] },
  status: ['active'],
  sort: 'relevance',
  principal: analyst,
  ...overrides,
});
const cursor = { relevance: '1.250000', occurredAt: '2024-03-01T00:00:00.000000Z', id: '0b7c9f0e-1a2b-4c3d-8e9f-001122334455' };

describe(incidentSearchSql.name, () => {
  it('passes the words, LIKE patterns (with % and _ escaped) and filters as parameters, never in the SQL text', () => {
    const { sql, params } = incidentSearchSql(searchFor({ q: '50%_off 人脸识别' }), cursor, 21);
    expect(sql).not.toContain('人脸识别');
    expect(sql).not.toContain('50');
    expect(params).toEqual(expect.arrayContaining(['%50\\%\\_off%', '%人脸识别%', ['misuse'], ['active'], analyst.keyId, 21, '1.250000']));
  });

  it('adds the CJK bigram pre-filter only when the words hold two neighbouring CJK characters', () => {
    const chinese = incidentSearchSql(searchFor({ q: '算法 bias' }));
    expect(chinese.sql).toContain('aisw_cjk_bigrams(s.search_text) @> aisw_cjk_bigrams(');
    expect(chinese.params).toContain('算法 bias');
    for (const q of ['facial recognition', '车 ai']) expect(incidentSearchSql(searchFor({ q })).sql).not.toContain('aisw_cjk_bigrams');
  });

  it('restricts occurred_at to a half-open window given as parameters', () => {
    const from = new Date('2020-01-01T00:00:00Z');
    const before = new Date('2021-01-01T00:00:00Z');
    const { sql, params } = incidentSearchSql(searchFor({ sort: 'date' }), undefined, 11, { from, before });
    expect(sql).toMatch(/s\.occurred_at >= \$\d+::timestamptz AND s\.occurred_at < \$\d+::timestamptz/);
    expect(params).toEqual(expect.arrayContaining([from, before]));
  });

  it('refuses sort=relevance without words', () => {
    expect(() => incidentSearchSql(searchFor({ q: undefined }))).toThrow(RequestValidationError);
  });
});

describe(decodeCursor.name, () => {
  it('round-trips the sort key of the search that made it', () => {
    const search = searchFor();
    expect(decodeCursor(search, encodeCursor(search, cursor))).toEqual(cursor);
  });

  it('refuses a cursor of another query, a tampered one and garbage, naming `after`', () => {
    const issued = encodeCursor(searchFor(), cursor);
    const tampered = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(issued, 'base64url').toString()), id: "x' OR 1=1" })).toString('base64url');
    for (const [search, after] of [
      [searchFor({ filters: { mechanism: ['loss_of_control'] } }), issued],
      [searchFor({ sort: 'date' }), issued],
      [searchFor(), tampered],
      [searchFor(), 'not a cursor'],
    ] as const) {
      try {
        decodeCursor(search, after);
        throw new Error('accepted');
      } catch (error) {
        expect((error as RequestValidationError).violations).toEqual([{ field: 'after', messages: [expect.stringContaining('nextCursor')] }]);
      }
    }
  });
});
