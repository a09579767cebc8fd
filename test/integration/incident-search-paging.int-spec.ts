import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { seedIncidents } from '../../scripts/seed/seed-incidents.js';
import { request } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const COUNT = 3000;

interface Page {
  items: Array<{ id: string; occurredAt: string }>;
  nextCursor: string | null;
}

/**
 * GET /incidents with words, page by page, against a straightforward statement of the match rule on the real
 * PostgreSQL: the date-sorted search (list-incidents.handler.ts: a month-by-month walk over the month-led text indexes,
 * the older rest in one statement, or one statement for every match when few are expected) and the CJK bigram
 * pre-filter (incident-search.sql.ts) must return every match exactly once, in the same order as one plain query.
 * 3,000 seeded incidents (scripts/seed/seed-incidents.ts) keep the real filings' clustered dates (1983–2026), and pages
 * of 10 move the cursor through them. Twice: with SEARCH_WALK_MIN_ESTIMATED_MATCHES=0, so every date-sorted search
 * walks (the walk covers 10 years, the rest comes from the older statement), and with the default (1,000), under which
 * 3,000 incidents give estimates that take the one-statement path.
 */
describe.each([
  { mode: 'month walk', threshold: '0' },
  { mode: 'default threshold', threshold: '2000' },
])('incident search paging ($mode)', ({ threshold }) => {
  let sut: TestApp;
  let dataSource: DataSource;
  let analystKey: string;

  beforeAll(async () => {
    sut = await startTestApp(`search-paging-${threshold}`, { SEARCH_WALK_MIN_ESTIMATED_MATCHES: threshold });
    dataSource = sut.app.get<DataSource>(getDataSourceToken());
    analystKey = await sut.issueKey('analyst');
    await seedIncidents({ databaseUrl: (dataSource.options as { url: string }).url, count: COUNT, seed: 11 });
  });

  afterAll(() => sut?.close());

  /** Every page of a search, following nextCursor; the ids in the order served. */
  const allPages = async (query: string): Promise<string[]> => {
    const ids: string[] = [];
    let after: string | null = null;
    do {
      const url: string = `${sut.baseUrl}/incidents?limit=10&${query}${after ? `&after=${after}` : ''}`;
      const page = await request<Page>('GET', url, { key: analystKey });
      expect(page.status).toBe(200);
      ids.push(...page.body.items.map((item) => item.id));
      after = page.body.nextCursor;
    } while (after);
    return ids;
  };

  /**
   * The match rule stated plainly (no index hints, no slices): active, not TLP:RED (the analyst filed none), and the
   * English stemmed words or every word as a lower-case substring; newest first, then id.
   */
  const plain = async (q: string, extra = '', params: unknown[] = []): Promise<string[]> => {
    const terms = [...new Set(q.toLowerCase().split(/\s+/).filter(Boolean))];
    const likes = terms.map((term, index) => `strpos(s.search_text, $${index + 2}) > 0`).join(' AND ');
    const rows = await dataSource.query<Array<{ incident_id: string }>>(
      `SELECT s.incident_id FROM incident_search s
        WHERE s.status = 'active' AND s.tlp <> 'RED'
          AND (s.search_vector @@ plainto_tsquery('english', $1) OR (${likes})) ${extra}
        ORDER BY s.occurred_at DESC, s.incident_id DESC`,
      [q, ...terms, ...params],
    );
    return rows.map((row) => row.incident_id);
  };

  it.each([
    ['facial recognition'],
    ['deepfake'],
    ['算法'],
    ['识别'],
    ['数据 ai'],
    ['车'],
    ['no-such-word-anywhere'],
    // inside longer words ("ChatGPT"), a hyphenated word, and words with no trigram (searched without months)
    ['gpt'],
    ['self-driving'],
    ['ai'],
    ['ai tesla'],
  ])('q=%s sorted by date: every match once, in the plain query order', async (q) => {
    const expected = await plain(q);
    const served = await allPages(`q=${encodeURIComponent(q)}`);
    expect(served).toEqual(expected);
    expect(new Set(served).size).toBe(served.length);
  });

  it('keeps the filters and the date range inside the slices', async () => {
    const expected = await plain('deepfake', `AND s.country = 'US' AND s.occurred_at >= $3 AND s.occurred_at <= $4`, ['2018-01-01T00:00:00Z', '2024-06-30T00:00:00Z']);
    const served = await allPages(`q=deepfake&country=US&from=2018-01-01T00:00:00Z&to=2024-06-30T00:00:00Z`);
    expect(expected.length).toBeGreaterThan(0);
    expect(served).toEqual(expected);
  });

  it('starts the month walk at `to` and stops at `from`, across the steps and the older rest', async () => {
    for (const q of ['tesla', 'face', 'self-driving']) {
      // A range inside the matches' own dates: `to` at the 30th percentile from the newest, `from` at the 90th.
      const dates = (
        await dataSource.query<Array<{ at: string }>>(
          `SELECT to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS at FROM incident_search s
            WHERE s.status = 'active' AND s.tlp <> 'RED' AND (s.search_vector @@ plainto_tsquery('english', $1) OR strpos(s.search_text, $1) > 0)
            ORDER BY occurred_at DESC`,
          [q],
        )
      ).map((row) => row.at);
      expect(dates.length).toBeGreaterThan(10);
      const [to, from] = [dates[Math.floor(dates.length * 0.3)], dates[Math.floor(dates.length * 0.9)]];
      for (const [range, extra, params] of [
        [`to=${to}`, 'AND s.occurred_at <= $3', [to]],
        [`from=${from}&to=${to}`, 'AND s.occurred_at >= $3 AND s.occurred_at <= $4', [from, to]],
      ] as const) {
        const expected = await plain(q, extra, [...params]);
        expect(expected.length).toBeGreaterThan(0);
        expect(await allPages(`q=${encodeURIComponent(q)}&${range}`)).toEqual(expected);
      }
    }
  });

  it('sorted by relevance, returns the same matches exactly once (Chinese substring included)', async () => {
    for (const q of ['算法', 'facial recognition']) {
      const served = await allPages(`q=${encodeURIComponent(q)}&sort=relevance`);
      expect(new Set(served).size).toBe(served.length);
      expect([...served].sort()).toEqual([...(await plain(q))].sort());
    }
  });

  it('finds a two-character Chinese word inside longer words, with an index that serves the bigram condition', async () => {
    const matches = await plain('识别');
    expect(matches.length).toBeGreaterThan(0);
    expect(await allPages(`q=${encodeURIComponent('识别')}`)).toEqual(matches);
    // 3,000 rows are few enough for a sequential scan to win; without that option the bigram index must serve it.
    const plan = await dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL enable_seqscan = off');
      const rows = await manager.query<Array<{ 'QUERY PLAN': string }>>(
        `EXPLAIN SELECT incident_id FROM incident_search s WHERE aisw_cjk_bigrams(s.search_text) @> aisw_cjk_bigrams('识别')`,
      );
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('ix_incident_search_month_cjk_bigrams');
  });
});
