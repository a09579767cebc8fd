import { describe, expect, it } from '@jest/globals';
import { ApiError, createApi, normalizeHeatmap, normalizeIncident, normalizeTrends } from './public/api.js';
import { defaultViewState, parseViewState } from './public/view-state.js';

// The v1 answer of GET /trends (src/trends/queries/get-trends/get-trends.handler.ts).
const v1Trends = {
  interval: 'year',
  groupBy: 'mechanism',
  from: '2024-01-01T00:00:00.000Z',
  to: '2025-12-31T00:00:00.000Z',
  groups: ['loss_of_control', 'misuse', 'undetermined'],
  totals: { loss_of_control: 3, misuse: 2, undetermined: 0 },
  buckets: [
    { period: '2024-01-01', total: 1, counts: { loss_of_control: 1, misuse: 0, undetermined: 0 } },
    { period: '2025-01-01', total: 4, counts: { loss_of_control: 2, misuse: 2, undetermined: 0 } },
  ],
};

// The v2 answer the adapter expects (issue 5): groups with `keys`, bucket `start`/`end`, optional surge signals.
const v2Trends = {
  interval: 'month',
  groupBy: ['sector'],
  buckets: [
    { start: '2025-01-01', end: '2025-02-01', total: 3, groups: [{ keys: { sector: 'finance' }, count: 2, share: 0.67 }, { keys: { sector: 'media' }, count: 1, share: 0.33 }] },
    { start: '2025-02-01', end: '2025-03-01', total: 5, groups: [{ keys: { sector: 'finance' }, count: 5, share: 1 }] },
  ],
  surges: [
    { dimension: 'sector', value: 'finance', start: '2025-02-10', count: 5, expected: 1.5, method: 'EARS C2' },
    { dimension: 'country', value: 'US', start: '2025-02-10' },
  ],
};

describe(normalizeTrends.name, () => {
  it('maps the v1 answer to one series per group with counts per bucket', () => {
    expect(normalizeTrends(v1Trends, 'mechanism')).toEqual({
      interval: 'year',
      dimension: 'mechanism',
      periods: ['2024-01-01', '2025-01-01'],
      series: [
        { key: 'loss_of_control', counts: [1, 2] },
        { key: 'misuse', counts: [0, 2] },
        { key: 'undetermined', counts: [0, 0] },
      ],
      totals: [1, 4],
      surges: [],
    });
  });

  it('maps the v2 answer, with zeros where a bucket lacks a group and surges of the charted dimension only', () => {
    const sut = normalizeTrends(v2Trends, 'sector');
    expect(sut.series).toEqual([
      { key: 'finance', counts: [2, 5] },
      { key: 'media', counts: [1, 0] },
    ]);
    expect(sut.surges).toEqual([{ key: 'finance', periodIndex: 1, date: '2025-02-10', count: 5, expected: 1.5, method: 'EARS C2' }]);
  });
});

describe(normalizeHeatmap.name, () => {
  it('sums each sector and harm type pair over the buckets', () => {
    const body = {
      buckets: [
        { start: '2024-01-01', total: 3, groups: [{ keys: { sector: 'finance', harmType: 'financial_loss' }, count: 2 }, { keys: { sector: 'media', harmType: 'deepfake' }, count: 1 }] },
        { start: '2025-01-01', total: 4, groups: [{ keys: { sector: 'finance', harmType: 'financial_loss' }, count: 4 }] },
      ],
    };
    expect(normalizeHeatmap(body, 'sector', 'harmType')).toEqual({
      rowDimension: 'sector',
      columnDimension: 'harmType',
      rows: ['finance', 'media'],
      columns: ['deepfake', 'financial_loss'],
      cells: [
        [1, 0, 6],
        [0, 1, 1],
      ],
    });
  });
});

describe(normalizeIncident.name, () => {
  it('collects phrase evidence with the classification part it supports, and the deliveries', () => {
    const title = 'Deepfake CEO voice used in bank fraud';
    const sut = normalizeIncident({
      incident: { id: 'i-1', title, description: 'd', harmDescription: null, sector: 'finance' },
      classification: {
        mechanism: { label: 'misuse', confidence: 0.9, evidence: [{ kind: 'phrase', field: 'title', start: 32, end: 37, text: 'fraud', supports: 'misuse', term: 'fraud', weight: 2 }] },
        magnitude: { label: 'general', confidence: 0.6, evidence: [{ kind: 'field', field: 'sector', value: 'finance', supports: 'general', weight: 1 }] },
        source: { label: 'enabled', confidence: 0.7, evidence: [] },
        harmTypes: [{ type: 'deepfake', evidence: [{ kind: 'phrase', field: 'title', start: 0, end: 8, text: 'Deepfake', supports: 'deepfake', term: 'deepfake', weight: 1 }] }],
      },
      reviews: [],
      deliveries: [{ partnerName: 'Demo A', version: 1, msgType: 'Alert', status: 'pending', attempts: 2, lastStatusCode: 503, lastError: null, deliveredAt: null, acknowledgedAt: null, ackDueAt: null, overdueAt: null, escalations: 0 }],
    });
    expect(sut.axes).toEqual([
      { axis: 'mechanism', label: 'misuse', confidence: 0.9 },
      { axis: 'magnitude', label: 'general', confidence: 0.6 },
      { axis: 'source', label: 'enabled', confidence: 0.7 },
    ]);
    expect(sut.evidence.map((item) => [item.part, title.slice(item.start, item.end)])).toEqual([
      ['mechanism', 'fraud'],
      ['harmType', 'Deepfake'],
    ]);
    expect(sut.deliveries[0]).toMatchObject({ partnerName: 'Demo A', status: 'pending', lastError: 'HTTP 503' });
  });
});

describe(createApi.name, () => {
  // Stub of the HTTP port: answers like the v1 API (no two group-bys, no search route).
  const v1Port = async (url: string, key: string): Promise<unknown> => {
    if (key !== 'good') throw new ApiError(401, { title: 'Unauthorized' });
    if (url.startsWith('/trends') && url.includes('groupBy=sector%2CharmType')) throw new ApiError(400, { title: 'Bad Request' });
    if (url.startsWith('/incidents?')) throw new ApiError(404, { title: 'Not Found' });
    return v1Trends;
  };

  it('finds out that a v1 API has neither two group-bys, filters nor search, and draws no heatmap', async () => {
    const sut = createApi(() => 'good', v1Port);
    const capabilities = await sut.capabilities();
    expect(capabilities).toEqual({ twoGroupBys: false, filters: false, search: false });
    await expect(sut.heatmap(defaultViewState(), capabilities)).resolves.toEqual({ unsupported: true });
    await expect(sut.searchIncidents(defaultViewState(), capabilities)).resolves.toEqual({ unsupported: true });
  });

  it('sends filters to a v1 API never, to a v2 API as one parameter each', async () => {
    const urls: string[] = [];
    const record = async (url: string): Promise<unknown> => {
      urls.push(url);
      return v1Trends;
    };
    const state = { ...defaultViewState(), filters: { mechanism: ['misuse'], tlp: ['AMBER+STRICT'] } };
    await createApi(() => 'good', record).trends(state, { twoGroupBys: false, filters: false, search: false });
    await createApi(() => 'good', record).trends(state, { twoGroupBys: true, filters: true, search: true });
    expect(urls).toEqual(['/trends?interval=month&groupBy=mechanism', '/trends?interval=month&groupBy=mechanism&mechanism=misuse&tlp=AMBER%2BSTRICT']);
  });

  it('sends every code of a multi-value filter, as a comma list, to GET /trends and GET /incidents', async () => {
    const urls: string[] = [];
    const record = async (url: string): Promise<unknown> => {
      urls.push(url);
      return url.startsWith('/incidents') ? { items: [], nextCursor: null } : v1Trends;
    };
    const v2 = { twoGroupBys: true, filters: true, search: true };
    const state = parseViewState('?country=US,CN&harmType=deepfake,physical_harm');
    await createApi(() => 'good', record).trends(state, v2);
    await createApi(() => 'good', record).searchIncidents(state, v2);
    expect(urls.map((url) => new URLSearchParams(url.split('?')[1]))).toEqual([
      new URLSearchParams({ interval: 'month', groupBy: 'mechanism', harmType: 'deepfake,physical_harm', country: 'CN,US' }),
      new URLSearchParams({ limit: '20', harmType: 'deepfake,physical_harm', country: 'CN,US' }),
    ]);
  });

  it('keeps the fields and messages of a refused request (problem+json `errors`)', () => {
    const sut = new ApiError(400, {
      title: 'Bad Request',
      detail: 'Invalid field(s): interval',
      errors: [{ field: 'interval', messages: ['the range needs about 1856 day buckets; the limit is 1000'] }],
    });
    expect(sut.message).toBe('Invalid field(s): interval');
    expect(sut.fieldErrors).toEqual([{ field: 'interval', messages: ['the range needs about 1856 day buckets; the limit is 1000'] }]);
    expect(new ApiError(502, null).fieldErrors).toEqual([]);
  });

  it('asks GET /incidents/:id/related only for an incident with links, and keeps its titles, scores and reasons', async () => {
    const incident = { incident: { id: 'i-1', title: 't', description: 'd', harmDescription: null }, classification: null, deliveries: [] };
    const related = {
      incidentId: 'i-1',
      threshold: 0.55,
      items: [{ incidentId: 'i-2', title: 'Report from abroad', occurredAt: '2024-03-01T00:00:00.000Z', country: 'US', language: 'en', originJurisdiction: 'US', score: 0.72, reasons: [{ signal: 'organisation', weight: 0.3, detail: 'same developer or deployer: openai' }, { signal: 'date', weight: 0.42, detail: 'occurred 2 day(s) apart' }], computedAt: '2024-03-02T00:00:00.000Z' }],
    };
    const urls: string[] = [];
    const port = (linked: boolean) => async (url: string): Promise<unknown> => {
      urls.push(url);
      if (url.endsWith('/related')) return related;
      return { ...incident, related: linked ? [{ incidentId: 'i-2', originJurisdiction: 'US', score: 0.72, signals: ['organisation', 'date'] }] : [] };
    };
    const linked = await createApi(() => 'good', port(true)).incident('i-1');
    expect(linked.related).toEqual([{ incidentId: 'i-2', title: 'Report from abroad', occurredAt: '2024-03-01T00:00:00.000Z', originJurisdiction: 'US', score: 0.72, reasons: related.items[0].reasons }]);
    const alone = await createApi(() => 'good', port(false)).incident('i-1');
    expect(alone.related).toEqual([]);
    expect(urls).toEqual(['/incidents/i-1', '/incidents/i-1/related', '/incidents/i-1']);
  });

  it('lets a refused key surface as 401 instead of passing for a missing capability', async () => {
    await expect(createApi(() => 'wrong', v1Port).capabilities()).rejects.toMatchObject({ status: 401 });
  });
});
