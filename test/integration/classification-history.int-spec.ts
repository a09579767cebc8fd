import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { loadDemoIncidents } from '../support/demo-incidents.js';
import { request } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface EvidenceView {
  kind: string;
  field: string;
  start?: number;
  end?: number;
  text?: string;
  highlight?: { before: string; match: string; after: string };
}
type AxisView = { label: string; confidence: number; evidence: EvidenceView[] };
type ClassificationView = Record<'mechanism' | 'magnitude' | 'source', AxisView>;
interface IncidentView {
  incident: { title: string; description: string; version: number };
  classification: ClassificationView;
}
interface HistoryView {
  inForceSeq: number;
  items: Array<{
    seq: number;
    kind: string;
    cause: string;
    incidentVersion: number;
    inForce: boolean;
    labels: Record<string, string>;
    result: ClassificationView;
  }>;
}

/**
 * Issue 3's done-when in the API, and the history: a real incident filed in English or in Chinese shows a label, a
 * confidence and evidence with character offsets and a highlighted snippet on every axis in GET /incidents/{id};
 * every amendment adds a machine result to GET /incidents/{id}/classifications and the earlier ones stay.
 */
describe('classification in the API and its history', () => {
  let sut: TestApp;
  let regulatorKey: string;
  let analystKey: string;

  const file = async (body: Record<string, unknown>): Promise<string> => {
    const filed = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, { key: regulatorKey, body });
    expect(filed.status).toBe(201);
    return filed.body.id;
  };
  const get = async <T>(path: string): Promise<T> => {
    const response = await request<T>('GET', `${sut.baseUrl}${path}`, { key: analystKey });
    expect(response.status).toBe(200);
    return response.body;
  };

  const expectExplained = (view: IncidentView, expected: Record<string, string>): void => {
    for (const axis of ['mechanism', 'magnitude', 'source'] as const) {
      const result = view.classification[axis];
      expect(result.label).toBe(expected[axis]);
      expect(result.confidence).toBeGreaterThan(0);
      expect(result.confidence).toBeLessThanOrEqual(1);
      const phrases = result.evidence.filter((item) => item.kind === 'phrase');
      expect(phrases.length).toBeGreaterThan(0);
      for (const item of phrases) {
        const text = view.incident[item.field as 'title' | 'description'];
        expect(text.slice(item.start, item.end)).toBe(item.text);
        expect(item.highlight?.match).toBe(item.text);
        expect(text.replace(/\s+/gu, ' ')).toContain(`${item.highlight!.before.replace(/^…/u, '')}${item.text}${item.highlight!.after.replace(/…$/u, '')}`);
      }
    }
  };

  beforeAll(async () => {
    sut = await startTestApp('classification-history');
    regulatorKey = await sut.issueKey('regulator');
    analystKey = await sut.issueKey('analyst');
  }, 60_000);

  afterAll(() => sut?.close());

  it('shows labels, confidence and highlighted evidence with offsets on every axis for a real English incident', async () => {
    const real = loadDemoIncidents().find((entry) => entry.provenance.dataset === 'AIID' && entry.provenance.id === '43')!;
    const id = await file(real.filing);
    expectExplained(await get<IncidentView>(`/incidents/${id}`), { mechanism: 'loss_of_control', magnitude: 'general', source: 'system' });

    // A result stored before evidence carried highlights (no `highlight` in the JSON) is shown highlighted all the same.
    const dataSource = sut.app.get<DataSource>(getDataSourceToken());
    const [row] = await dataSource.query<Array<{ seq: string; result: string }>>(
      `SELECT seq, result::text AS result FROM incident_classifications WHERE incident_id = $1`,
      [id],
    );
    const withoutHighlights = JSON.stringify(JSON.parse(row.result, (key, value: unknown) => (key === 'highlight' ? undefined : value)));
    expect(withoutHighlights).not.toContain('"highlight"');
    await dataSource.query(`UPDATE incident_classifications SET result = $2::jsonb WHERE seq = $1`, [row.seq, withoutHighlights]);
    expectExplained(await get<IncidentView>(`/incidents/${id}`), { mechanism: 'loss_of_control', magnitude: 'general', source: 'system' });
  });

  it('does the same for our Chinese translation of a real incident (AIID 1105)', async () => {
    const translations = JSON.parse(readFileSync(join(process.cwd(), 'scripts/eval/labels/chinese-translations.json'), 'utf8')) as Array<{
      id: string;
      title: string;
      description: string;
    }>;
    const zh = translations.find((entry) => entry.id === 'zh:aiid:1105')!;
    const id = await file({ title: zh.title, description: zh.description, occurredAt: '2024-04-01', country: 'US', language: 'zh', reportingOrganisation: '测试监管机构' });
    expectExplained(await get<IncidentView>(`/incidents/${id}`), { mechanism: 'misuse', magnitude: 'general', source: 'enabled' });
  });

  it('keeps one machine result per incident version through amendments, newest in force', async () => {
    const id = await file({
      title: 'Kiosk gave odd answers',
      description: 'A customer service kiosk gave odd answers to several customers about opening hours.',
      occurredAt: '2023-03-03',
      country: 'SG',
      language: 'en',
      reportingOrganisation: 'Test Regulator',
    });
    const amended = await request('PATCH', `${sut.baseUrl}/incidents/${id}`, {
      key: regulatorKey,
      body: { description: 'The AI system copied its own weights to an external server and disabled its monitoring.' },
    });
    expect(amended.status).toBe(200);
    const noChange = await request('PATCH', `${sut.baseUrl}/incidents/${id}`, {
      key: regulatorKey,
      body: { description: 'The AI system copied its own weights to an external server and disabled its monitoring.' },
    });
    expect(noChange.status).toBe(200);

    const history = await get<HistoryView>(`/incidents/${id}/classifications`);
    expect(history.items.map((row) => [row.kind, row.cause, row.incidentVersion, row.inForce, row.labels.mechanism])).toEqual([
      ['machine', 'amendment', 2, true, 'loss_of_control'],
      ['machine', 'filing', 1, false, 'undetermined'],
    ]);
    // JSON types a client relies on: seq a number (newest highest), inForce a boolean, inForceSeq the seq in force.
    expect(history.items.map((row) => [typeof row.seq, typeof row.inForce])).toEqual([
      ['number', 'boolean'],
      ['number', 'boolean'],
    ]);
    expect(history.items[0].seq).toBeGreaterThan(history.items[1].seq);
    expect(history.inForceSeq).toBe(history.items[0].seq);
    const view = await get<IncidentView>(`/incidents/${id}`);
    expect(view.incident.version).toBe(2);
    expect(view.classification.mechanism.label).toBe('loss_of_control');
  });

  it('withholds the rows of a RED version from every key but the filer\'s after the marking is widened', async () => {
    const id = await file({
      title: 'V1REDTITLE model leak',
      description: 'V1REDSECRET a chatbot leaked data of its users to other users.',
      occurredAt: '2026-10-01',
      country: 'DE',
      language: 'en',
      reportingOrganisation: 'Test Regulator',
      tlp: 'RED',
    });
    const amended = await request('PATCH', `${sut.baseUrl}/incidents/${id}`, {
      key: regulatorKey,
      body: { tlp: 'GREEN', title: 'V2 green title', description: 'A chatbot leaked data of its users to other users.' },
    });
    expect(amended.status).toBe(200);
    const others = [analystKey, await sut.issueKey('admin'), await sut.issueKey('regulator')];
    for (const key of others) {
      const history = await request<HistoryView & { withheldVersions: number[] }>('GET', `${sut.baseUrl}/incidents/${id}/classifications`, { key });
      expect(history.status).toBe(200);
      expect(history.body.withheldVersions).toEqual([1]);
      expect(history.body.items.map((row) => row.incidentVersion)).toEqual([2]);
      expect(JSON.stringify(history.body)).not.toMatch(/V1RED/);
    }
    const own = await request<HistoryView & { withheldVersions: number[] }>('GET', `${sut.baseUrl}/incidents/${id}/classifications`, { key: regulatorKey });
    expect(own.body.withheldVersions).toEqual([]);
    expect(own.body.items.map((row) => row.incidentVersion)).toEqual([2, 1]);
    expect(JSON.stringify(own.body.items[1].result)).toMatch(/V1REDSECRET/);
  });
});
