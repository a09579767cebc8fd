/// <reference lib="dom" />
// DOM types for the functions page.evaluate runs in the browser.
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { loadDemoIncidents, type DemoIncident } from '../support/demo-incidents.js';
import { request } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

/** Debian's chromium package (scripts/lib.sh ensure_chromium installs it for `npm test`). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/**
 * Where the screenshot goes: .local/ (untracked) unless DASHBOARD_SCREENSHOT names a path, e.g.
 * `DASHBOARD_SCREENSHOT=docs/images/dashboard.png` to refresh the README's picture on purpose.
 */
const SCREENSHOT = resolve(process.env.DASHBOARD_SCREENSHOT ?? '.local/screenshots/dashboard.png');
const FILINGS = 12;

interface TrendsV1 {
  groups: string[];
  buckets: Array<{ period: string; total: number; counts: Record<string, number> }>;
}
interface ChartSeries {
  id: string;
  name: string;
  data: number[];
}
interface Term {
  code: string;
  label: { en: string; zh: string };
}
interface Vocabulary {
  axes: Array<Term & { values: Term[] }>;
  undetermined: Term;
  harmTypes: Term[];
}
interface Evidence {
  kind: string;
  field?: string;
  start?: number;
  end?: number;
}
interface RelatedView {
  items: Array<{ incidentId: string; title: string; originJurisdiction: string; score: number; reasons: Array<{ signal: string; weight: number }> }>;
}
interface IncidentView {
  incident: { id: string; title: string; description: string; harmDescription: string | null; country: string };
  classification: Record<string, unknown> & { harmTypes?: Array<{ type: string }> };
  deliveries: Array<{ partnerName: string; alertId: string; acknowledgedAt: string | null }>;
}

/**
 * A dozen real incidents from the demo set, spread over 2022 onwards: every Chinese-language filing first (the demo
 * set has none today), then English ones at even steps. RED incidents are left out (they go to no partner).
 */
function pickDemoIncidents(): DemoIncident[] {
  const recent = loadDemoIncidents().filter((entry) => entry.filing.tlp !== 'RED' && String(entry.filing.occurredAt) >= '2022-01-01');
  const chinese = recent.filter((entry) => entry.filing.language === 'zh').slice(0, FILINGS / 2);
  const english = recent.filter((entry) => entry.filing.language !== 'zh');
  const step = english.length / (FILINGS - chinese.length);
  return [...chinese, ...Array.from({ length: FILINGS - chinese.length }, (_, index) => english[Math.floor(index * step)])];
}

/** Character ranges [start, end) covered by the classification's phrase evidence in one field, merged. */
function evidenceRanges(view: IncidentView, field: string): Array<[number, number]> {
  const items: Evidence[] = [];
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (record.kind === 'phrase') items.push(record as unknown as Evidence);
      else Object.values(record).forEach(collect);
    }
  };
  // The parts the page highlights (src/dashboard/public/api.js EVIDENCE_PARTS).
  for (const part of ['mechanism', 'magnitude', 'source', 'harmTypes', 'sector', 'severity', 'redLineFlags']) collect(view.classification[part]);
  return mergeRanges(items.filter((item) => item.field === field).map((item) => [item.start ?? 0, item.end ?? 0]));
}

function mergeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
  const merged: Array<[number, number]> = [];
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/**
 * The dashboard in a real browser: headless Chromium (Debian package) driven by playwright-core, against the real
 * app, PostgreSQL and Kafka, with a dozen real incidents filed through POST /incidents.
 */
describe('dashboard in headless Chromium', () => {
  let sut: TestApp;
  let analystKey: string;
  let regulatorKey: string;
  let vocabulary: Vocabulary;
  let profileDir: string;
  let browser: BrowserContext;
  let page: Page;
  let shown: IncidentView;
  const cspViolations: string[] = [];
  /** Paths of every request the page made (favicon checks). */
  const requested: string[] = [];
  const filed: string[] = [];
  let filedViews: IncidentView[];

  const api = async <T>(path: string): Promise<T> => {
    const response = await request<T>('GET', `${sut.baseUrl}${path}`, { key: analystKey });
    expect(response.status).toBe(200);
    return response.body;
  };
  const settled = () => page.waitForSelector('main[aria-busy="false"]');
  const chartSeries = (chartId: string) =>
    page.evaluate(async ({ id, echartsUrl }) => {
      // The page's own ECharts module (same URL, so the same module instance as the page's).
      const echarts = (await import(echartsUrl)) as {
        getInstanceByDom(element: HTMLElement): { getOption(): { xAxis: Array<{ data: string[] }>; series: ChartSeries[] } } | undefined;
      };
      const chart = echarts.getInstanceByDom(document.getElementById(id)!);
      if (!chart) return null;
      const option = chart.getOption();
      return { periods: option.xAxis[0].data, series: option.series.map(({ id: key, name, data }) => ({ id: key, name, data })) };
    }, { id: chartId, echartsUrl: '/dashboard/vendor/echarts/echarts.esm.min.mjs' });
  /** The series the chart must show for the API's answer: one per group, a count per bucket. */
  const expectedSeries = (trends: TrendsV1) => trends.groups.map((group) => ({ id: group, data: trends.buckets.map((bucket) => bucket.counts[group]) }));
  const sum = (series: Array<{ data: number[] }>) => series.flatMap((item) => item.data).reduce((a, b) => a + b, 0);

  beforeAll(async () => {
    // Links between incidents of this one window, so that the linked pair below can be filed through POST /incidents
    // (by default only incidents of different origin jurisdictions are linked; docs/correlation.md).
    sut = await startTestApp('dashboard', { CORRELATION_SAME_JURISDICTION: 'true' });
    analystKey = await sut.issueKey('analyst');
    regulatorKey = await sut.issueKey('regulator');
    const adminKey = await sut.issueKey('admin');
    const partners: Array<{ id: string; apiKey: string; name: string }> = [];
    for (const [slug, name, country] of [
      ['dash-partner-a', 'Partner Window A', 'SG'],
      ['dash-partner-b', 'Partner Window B', 'FR'],
    ]) {
      const onboarded = await request<{ id: string; apiKey: string }>('POST', `${sut.baseUrl}/partners`, { key: adminKey, body: { slug, name, country } });
      expect(onboarded.status).toBe(201);
      partners.push({ ...onboarded.body, name });
    }
    for (const entry of pickDemoIncidents()) {
      const response = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, { key: regulatorKey, body: entry.filing });
      expect(response.status).toBe(201);
      filed.push(response.body.id);
    }
    // The incident the page shows in detail: the one with the most highlighted phrases, delivered to both partners.
    const views = await Promise.all(filed.map((id) => api<IncidentView>(`/incidents/${id}`)));
    filedViews = views;
    const phrases = (view: IncidentView) => ['title', 'description', 'harmDescription'].flatMap((field) => evidenceRanges(view, field)).length;
    const chosen = views.reduce((best, view) => (phrases(view) > phrases(best) ? view : best));
    const routed = await waitFor(() => api<IncidentView>(`/incidents/${chosen.incident.id}`), (view) => view.deliveries.length === 2, {
      description: 'alerts to both partners',
      timeoutMs: 45_000,
    });
    const toA = routed.deliveries.find((delivery) => delivery.partnerName === 'Partner Window A')!;
    const ack = await request('POST', `${sut.baseUrl}/alerts/${toA.alertId}/ack`, { key: partners[0].apiKey, body: { note: 'seen by the duty officer' } });
    expect(ack.status).toBeLessThan(300);
    shown = await api<IncidentView>(`/incidents/${chosen.incident.id}`);
    vocabulary = (await api<{ vocabulary: Vocabulary }>('/taxonomy')).vocabulary;

    profileDir = await mkdtemp(join(tmpdir(), 'aisw-chromium-'));
    browser = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport: { width: 1280, height: 900 },
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on('request', (sent) => requested.push(new URL(sent.url()).pathname));
    page.on('console', (entry) => {
      if (/Content Security Policy/i.test(entry.text())) cspViolations.push(entry.text());
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (profileDir) await rm(profileDir, { recursive: true, force: true });
    await sut?.close();
  });

  it('serves the page without a key, under a Content-Security-Policy that allows no inline script', async () => {
    const response = await fetch(`${sut.baseUrl}/dashboard/`);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect((await fetch(`${sut.baseUrl}/trends`)).status).toBe(401);
    // The page links its own icon (so browsers do not ask for /favicon.ico, a 404), served under the same policy.
    expect(await response.text()).toContain('<link rel="icon" href="/dashboard/favicon.svg" type="image/svg+xml">');
    const icon = await fetch(`${sut.baseUrl}/dashboard/favicon.svg`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(icon.headers.get('content-security-policy')).toBe(csp);
    expect(await icon.text()).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^]*<\/svg>$/);
  });

  it('asks for a key, keeps it out of the URL, and draws the trend stacked by mechanism with the API’s counts', async () => {
    await page.goto(`${sut.baseUrl}/dashboard/`);
    await page.fill('#api-key', analystKey);
    await page.click('#key-form button[type="submit"]');
    await settled();
    expect(page.url()).not.toContain(analystKey);
    expect(await page.evaluate(() => sessionStorage.getItem('aisw.apiKey'))).toBe(analystKey);

    const chart = await chartSeries('trend-chart');
    const trends = await api<TrendsV1>('/trends?interval=month&groupBy=mechanism');
    expect(chart?.series.map(({ id, data }) => ({ id, data }))).toEqual(expectedSeries(trends));
    expect(chart?.periods).toEqual(trends.buckets.map((bucket) => bucket.period.slice(0, 7)));
    expect(sum(chart!.series)).toBeGreaterThan(0);
    const misuse = vocabulary.axes.find((axis) => axis.code === 'mechanism')!.values.find((value) => value.code === 'misuse')!;
    expect(chart?.series.find((series) => series.id === 'misuse')?.name).toBe(misuse.label.en);
    const canvas = await page.locator('#trend-chart canvas').first().boundingBox();
    expect(canvas?.width).toBeGreaterThan(600);
  });

  it('changes the chart and the URL when the view changes, and a reload of that URL shows the same view', async () => {
    await page.selectOption('#groupBy', 'sector');
    await settled();
    await page.selectOption('#interval', 'year');
    await settled();
    await page.fill('#from', '2022-01-01');
    await settled();
    expect(new URL(page.url()).search).toBe('?interval=year&groupBy=sector&from=2022-01-01');

    const chart = await chartSeries('trend-chart');
    const trends = await api<TrendsV1>('/trends?interval=year&groupBy=sector&from=2022-01-01');
    expect(chart?.series.map(({ id, data }) => ({ id, data }))).toEqual(expectedSeries(trends));
    expect(sum(chart!.series)).toBe(filed.length);

    await page.reload();
    await settled();
    expect(await chartSeries('trend-chart')).toEqual(chart);
    expect(await page.inputValue('#groupBy')).toBe('sector');
    expect(await page.inputValue('#from')).toBe('2022-01-01');
  });

  it('draws the sector × harm type heatmap when the API groups by two dimensions, and otherwise says it needs API v2', async () => {
    const twoGroupBys = await request('GET', `${sut.baseUrl}/trends?interval=year&groupBy=sector,harmType&from=2022-01-01`, { key: analystKey });
    const heatmap = await chartSeries('heatmap-chart');
    if (twoGroupBys.status === 200) {
      expect(heatmap).not.toBeNull();
      expect(await page.isVisible('#heatmap-notice')).toBe(false);
      // Every harm type column has the taxonomy's label, "undetermined" included (it showed as the raw code).
      const harmLabels = [...vocabulary.harmTypes, vocabulary.undetermined].map((term) => term.label.en);
      expect(heatmap!.periods.filter((label) => !harmLabels.includes(label))).toEqual([]);
    } else {
      expect(twoGroupBys.status).toBe(400);
      expect(heatmap).toBeNull();
      expect(await page.isVisible('#heatmap-chart')).toBe(false);
      expect(await page.textContent('#heatmap-notice')).toContain('groupBy=sector,harmType');
    }
  });

  it('opens an incident with its classification evidence highlighted and each partner’s delivery status', async () => {
    await page.fill('#incident-id', shown.incident.id);
    await page.click('#open-form button[type="submit"]');
    await settled();
    expect(new URL(page.url()).searchParams.get('incident')).toBe(shown.incident.id);
    expect(await page.textContent('#incident-detail h2')).toBe(shown.incident.title);

    for (const field of ['title', 'description', 'harmDescription'] as const) {
      const expected = evidenceRanges(shown, field);
      if (!shown.incident[field]) continue;
      // Offsets of the <mark> runs in the rendered field text.
      const marked = await page.evaluate((name) => {
        const block = document.querySelector(`#incident-detail [data-field="${name}"]`)!;
        const ranges: Array<[number, number]> = [];
        let offset = 0;
        for (const node of block.childNodes) {
          const length = node.textContent!.length;
          if (node.nodeName === 'MARK') ranges.push([offset, offset + length]);
          offset += length;
        }
        return { ranges, text: block.textContent };
      }, field);
      expect(marked.text).toBe(shown.incident[field]);
      expect(mergeRanges(marked.ranges)).toEqual(expected);
    }
    expect(await page.locator('#incident-detail mark.evidence').count()).toBeGreaterThan(0);
    // Each tooltip names each supported label once ("Mechanism → Misuse" showed twice for two phrases of one term).
    const tooltips = await page.$$eval('#incident-detail mark.evidence', (marks) => marks.map((mark) => (mark as HTMLElement).title.split('\n')));
    expect(tooltips.filter((lines) => new Set(lines).size !== lines.length)).toEqual([]);

    const rows = await page.$$eval('#incident-detail table:last-of-type tbody tr', (lines) =>
      lines.map((line) => [...line.querySelectorAll('td')].map((cell) => cell.textContent)),
    );
    expect(rows.map((row) => [row[0], row[3]])).toEqual([
      ['Partner Window A', 'acknowledged'],
      ['Partner Window B', 'on partner’s Kafka topic'],
    ]);

    // A shared link (same tab, so the key is in sessionStorage) opens exactly the view it names.
    await page.goto(`${sut.baseUrl}/dashboard/?interval=quarter&from=2022-01-01&incident=${shown.incident.id}`);
    await settled();
    const trends = await api<TrendsV1>('/trends?interval=quarter&groupBy=mechanism&from=2022-01-01');
    expect((await chartSeries('trend-chart'))?.series.map(({ id, data }) => ({ id, data }))).toEqual(expectedSeries(trends));
    expect(await page.textContent('#incident-detail h2')).toBe(shown.incident.title);
    await mkdir(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    const png = await readFile(SCREENSHOT);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(1280);
  });

  it('switches to Simplified Chinese with the taxonomy’s Chinese labels, kept in the URL across a reload', async () => {
    await page.click('#language-toggle');
    await settled();
    expect(new URL(page.url()).searchParams.get('lang')).toBe('zh');
    const mechanism = vocabulary.axes.find((axis) => axis.code === 'mechanism')!;
    // The paper's own terms (TAXONOMY.md): 失控风险, 技术滥用风险, and 待定 for undetermined.
    const zhLabel = (code: string) => [...mechanism.values, vocabulary.undetermined].find((term) => term.code === code)?.label.zh;
    const check = async () => {
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-Hans');
      const chart = await chartSeries('trend-chart');
      expect(chart?.series.map((series) => series.name)).toEqual(chart?.series.map((series) => zhLabel(series.id)));
      expect(chart?.series.map((series) => series.name)).toEqual(expect.arrayContaining(['失控风险', '技术滥用风险']));
      const axisRow = await page.$$eval('#incident-detail table:first-of-type tbody tr', (lines) => lines.map((line) => line.querySelector('td')?.textContent));
      expect(axisRow[0]).toBe(mechanism.label.zh);
      expect(await page.textContent('h1')).toMatch(/[\u4e00-\u9fff]/);
    };
    await check();
    await page.reload();
    await settled();
    await check();
    expect(cspViolations).toEqual([]);
  });

  it('lists the incidents linked as the same event, with title, jurisdiction, score and reasons, in both languages', async () => {
    // Our Chinese translation of a real incident and its English original (deploy/demo/incidents.json): one event.
    const demo = loadDemoIncidents();
    const chinese = demo.find((entry) => entry.provenance.translation === 'zh' && entry.filing.developer)!;
    const english = demo.find((entry) => !entry.provenance.translation && entry.provenance.dataset === chinese.provenance.dataset && entry.provenance.id === chinese.provenance.id)!;
    const ids: string[] = [];
    for (const entry of [chinese, english]) {
      const response = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, { key: regulatorKey, body: entry.filing });
      expect(response.status).toBe(201);
      ids.push(response.body.id);
    }
    const [local, original] = ids;
    const links = await waitFor(() => api<RelatedView>(`/incidents/${local}/related`), (body) => body.items.some((item) => item.incidentId === original), {
      description: 'the link between the translation and its original',
      timeoutMs: 60_000,
    });
    const rendered = () =>
      page.$$eval('#incident-detail ol.related > li', (entries) =>
        entries.map((entry) => ({
          incidentId: (entry as HTMLElement).dataset.incident,
          title: entry.querySelector('a.related-title')?.textContent,
          meta: entry.querySelector('.meta')?.textContent,
          reasons: [...entry.querySelectorAll('ul.reasons li')].map((reason) => ({ signal: (reason as HTMLElement).dataset.signal, text: reason.textContent })),
        })),
      );
    const expectRendered = async (texts: { jurisdiction: string; score: string }) => {
      const shownLinks = await rendered();
      expect(shownLinks.map((link) => link.incidentId)).toEqual(links.items.map((item) => item.incidentId));
      for (const [index, item] of links.items.entries()) {
        expect(shownLinks[index].title).toBe(item.title);
        expect(shownLinks[index].meta).toContain(`${texts.jurisdiction}: `);
        expect(shownLinks[index].meta).toContain(`(${item.originJurisdiction})`);
        expect(shownLinks[index].meta).toContain(`${texts.score}: ${item.score.toFixed(2)}`);
        expect(shownLinks[index].reasons.map((reason) => reason.signal)).toEqual(item.reasons.map((reason) => reason.signal));
      }
      return shownLinks.find((link) => link.incidentId === original)!;
    };

    await page.goto(`${sut.baseUrl}/dashboard/?lang=zh&incident=${local}`);
    await settled();
    expect(await page.textContent('#incident-detail h2')).toBe(chinese.filing.title);
    const zh = await expectRendered({ jurisdiction: '法域', score: '关联得分' });
    expect(zh.title).toBe(english.filing.title);
    expect(zh.reasons.find((reason) => reason.signal === 'date')?.text).toMatch(/^发生日期接近 \+0\.\d\d$/);

    await page.click('#language-toggle');
    await settled();
    const en = await expectRendered({ jurisdiction: 'Jurisdiction', score: 'Score' });
    expect(en.reasons.find((reason) => reason.signal === 'date')?.text).toMatch(/^Close dates \+0\.\d\d$/);

    // The link opens the related incident, which links back.
    await page.click(`#incident-detail ol.related > li[data-incident="${original}"] a.related-title`);
    await settled();
    expect(new URL(page.url()).searchParams.get('incident')).toBe(original);
    expect(await page.textContent('#incident-detail h2')).toBe(english.filing.title);
    expect((await rendered()).map((link) => link.incidentId)).toContain(local);
    expect(cspViolations).toEqual([]);
  }, 120_000);

  it('keeps several codes per filter from a link, sends them all, and shows them chosen in the controls', async () => {
    // Two countries and two harm types of the filed incidents, so that the filtered view is neither empty nor all.
    const first = filedViews.find((view) => view.classification.harmTypes?.length)!;
    const second = filedViews.find((view) => view.incident.country !== first.incident.country && view.classification.harmTypes?.some((harm) => harm.type !== first.classification.harmTypes![0].type))!;
    const countries = [first.incident.country, second.incident.country].sort();
    const harmTypes = [first.classification.harmTypes![0].type, second.classification.harmTypes!.find((harm) => harm.type !== first.classification.harmTypes![0].type)!.type].sort();
    const filters = `harmType=${harmTypes.join(',')}&country=${countries.join(',')}`;
    const expected = await api<TrendsV1>(`/trends?interval=year&groupBy=mechanism&from=2022-01-01&${filters}`);
    expect(sum(expectedSeries(expected))).toBeGreaterThan(0);
    expect(sum(expectedSeries(expected))).toBeLessThan(filed.length);

    const canonical = `?interval=year&from=2022-01-01&${filters}`;
    const links = [
      `?interval=year&from=2022-01-01&country=${[...countries].reverse().join(',')}&harmType=${[...harmTypes].reverse().join(',')}`,
      `?interval=year&from=2022-01-01&country=${countries[1]}&country=${countries[0].toLowerCase()}&harmType=${harmTypes[1]}&harmType=${harmTypes[0]}`,
    ];
    for (const link of links) {
      await page.goto(`${sut.baseUrl}/dashboard/${link}`);
      await settled();
      expect(new URL(page.url()).search).toBe(canonical);
      expect((await chartSeries('trend-chart'))?.series.map(({ id, data }) => ({ id, data }))).toEqual(expectedSeries(expected));
      expect(await page.$$eval('#filter-harmType option:checked', (options) => options.map((option) => (option as HTMLOptionElement).value))).toEqual(harmTypes);
      expect(await page.inputValue('#filter-country')).toBe(countries.join(', '));
      expect(await page.isVisible('#url-notice')).toBe(false);
    }

    // Choosing in the controls: a multiple-choice list and a comma list of countries.
    await page.goto(`${sut.baseUrl}/dashboard/?interval=year&from=2022-01-01&lang=zh`);
    await settled();
    expect(await page.getAttribute('#filter-harmType', 'multiple')).not.toBeNull();
    await page.selectOption('#filter-harmType', harmTypes);
    await settled();
    await page.fill('#filter-country', `${countries[1]}，${countries[0].toLowerCase()}`);
    await page.press('#filter-country', 'Tab');
    await settled();
    expect(new URL(page.url()).search).toBe(`?lang=zh${canonical.replace('?', '&')}`);
    expect((await chartSeries('trend-chart'))?.series.map(({ id, data }) => ({ id, data }))).toEqual(expectedSeries(expected));
  });

  it('shows the API’s reason when it refuses a view, in English and Chinese', async () => {
    // Day buckets since 2000: more than the API draws (its limit of day buckets).
    const refused = await request<{ errors: Array<{ field: string; messages: string[] }> }>('GET', `${sut.baseUrl}/trends?interval=day&groupBy=mechanism&from=2000-01-01`, { key: analystKey });
    expect(refused.status).toBe(400);
    const [{ field, messages }] = refused.body.errors;
    await page.goto(`${sut.baseUrl}/dashboard/?interval=day&from=2000-01-01`);
    await settled();
    expect(await page.textContent('#load-error')).toContain(`Could not load: the API refused the request. ${field}: ${messages[0]}`);
    await page.click('#language-toggle');
    await settled();
    expect(await page.textContent('#load-error')).toContain(`加载失败：API 拒绝了该请求。${field}：${messages[0]}`);
  });

  it('names a URL value it cannot use, falls back to the default for it, and loads the rest', async () => {
    await page.goto(`${sut.baseUrl}/dashboard/?interval=year&to=2026-13-45&harmType=no_such_harm`);
    await settled();
    expect(await page.textContent('#url-notice')).toBe('Not applied (not a valid value here): to=2026-13-45, harmType=no_such_harm');
    expect(await page.isVisible('#load-error')).toBe(false);
    expect(await page.inputValue('#to')).toBe('');
    expect(new URL(page.url()).search).toBe('?interval=year');
    const trends = await api<TrendsV1>('/trends?interval=year&groupBy=mechanism');
    expect((await chartSeries('trend-chart'))?.series.map(({ id, data }) => ({ id, data }))).toEqual(expectedSeries(trends));
    // The next change of view clears the notice.
    await page.selectOption('#groupBy', 'sector');
    await settled();
    expect(await page.isVisible('#url-notice')).toBe(false);
  });

  it('asks the browser for its own icon, never /favicon.ico', () => {
    // Headless Chromium may ask for no icon at all; the link itself is checked in the first test.
    expect(requested.filter((path) => path === '/favicon.ico')).toEqual([]);
  });

  it('removes every shown incident, list and chart from the page on "Forget key", not just hides them', async () => {
    await page.goto(`${sut.baseUrl}/dashboard/?from=2022-01-01&incident=${shown.incident.id}`);
    await settled();
    expect(await page.textContent('#incident-detail h2')).toBe(shown.incident.title);
    expect(await chartSeries('trend-chart')).not.toBeNull();
    await page.click('#forget-key');
    expect(await page.isVisible('#key-form')).toBe(true);
    expect(await chartSeries('trend-chart')).toBeNull();
    expect(await chartSeries('heatmap-chart')).toBeNull();
    expect(await page.locator('#dashboard canvas').count()).toBe(0);
    const left = (await page.evaluate(() => document.getElementById('dashboard')!.textContent)) ?? '';
    expect(left).not.toContain(shown.incident.title);
    expect(left).not.toContain(shown.incident.description.slice(0, 40));
    expect(await page.locator('#incident-list li, #incident-detail *').count()).toBe(0);
    expect(await page.evaluate(() => sessionStorage.getItem('aisw.apiKey'))).toBeNull();
    expect(cspViolations).toEqual([]);
  });
});
