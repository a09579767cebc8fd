import { describe, expect, it } from '@jest/globals';
import { renderPeriodicReportHtml } from './periodic-report.html.js';
import type { PeriodicReport } from './queries/get-periodic-report/get-periodic-report.query.js';

const reportWith = (overrides: Partial<PeriodicReport> = {}): PeriodicReport => ({
  period: { code: '2026-Q3', kind: 'quarter', start: '2026-07-01T00:00:00.000Z', end: '2026-10-01T00:00:00.000Z' },
  previousPeriod: { code: '2026-Q2', start: '2026-04-01T00:00:00.000Z', end: '2026-07-01T00:00:00.000Z' },
  generatedAt: '2026-11-29T20:00:00.000Z',
  tlp: 'CLEAR',
  total: { count: 12, previous: 8, change: 4, changePercent: 50 },
  axes: [{ dimension: 'mechanism', top: [{ value: 'misuse', count: 9, previous: 2, change: 7, changePercent: 350, share: 0.75 }] }],
  method: 'EARS-C2(baseline=7,guard=2,threshold=3,minSd=1)',
  surges: [],
  notableIncidents: [],
  ...overrides,
});

const notable = (title: string) => ({
  id: '0b6f0ad6-8f4e-4b8a-9d5e-2f6a3c1e9b10',
  title,
  occurredAt: '2026-08-03T10:00:00Z',
  country: 'CN',
  mechanism: 'misuse',
  magnitude: 'general',
  severity: 'critical',
  urgency: 'flash',
  tlp: 'AMBER',
});

describe(renderPeriodicReportHtml.name, () => {
  it('escapes an incident title holding markup', () => {
    const html = renderPeriodicReportHtml(reportWith({ notableIncidents: [notable('<script>alert("x")</script> & <b>bold</b>')] }));

    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>bold</b>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;');
  });

  it('prints counts, the change against the previous period and the top categories', () => {
    const html = renderPeriodicReportHtml(reportWith());

    expect(html).toContain('<h1>Periodic assessment 2026-Q3</h1>');
    expect(html).toContain('<td class="n">12</td><td class="n">8</td><td class="n">+4</td><td class="n">+50%</td>');
    expect(html).toContain('<tr><td>misuse</td><td class="n">9</td><td class="n">75%</td><td class="n">2</td><td class="n">+7</td><td class="n">+350%</td></tr>');
    expect(html).toContain('No surge in this period.');
  });

  it('shows a change from zero as — and a fall with its sign', () => {
    const html = renderPeriodicReportHtml(reportWith({ total: { count: 3, previous: 0, change: 3, changePercent: null }, axes: [] }));
    const fall = renderPeriodicReportHtml(reportWith({ total: { count: 3, previous: 4, change: -1, changePercent: -25 }, axes: [] }));

    expect(html).toContain('<td class="n">+3</td><td class="n">—</td>');
    expect(fall).toContain('<td class="n">-1</td><td class="n">-25%</td>');
  });
});
