import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CLASSIFIER_VERSION } from '@app/taxonomy';
import { backfillClassifications, type BackfillProgress } from '../../src/classification/backfill/backfill-classifications.js';
import { request } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface StoredClassification {
  seq: string;
  classifierVersion: string;
  kind: string;
  cause: string;
  incidentVersion: number;
  reviewNumber: number | null;
  inForce: boolean;
  labels: Record<string, string>;
  basis: Record<string, { label: string; decidedBy: string; reviewedBy?: { name: string }; reason?: string; machineLabel?: string }>;
}

/**
 * The classifier backfill against the real PostgreSQL: incidents classified by an older version get a current
 * result, the old one stays listed, a reviewed incident keeps its reviewed labels in force, and a rerun has nothing
 * left to do.
 */
describe('classification backfill', () => {
  let sut: TestApp;
  let dataSource: DataSource;
  let regulatorKey: string;
  let analystKey: string;

  const filing = (title: string, description: string) => ({
    title,
    description,
    occurredAt: '2022-02-02',
    country: 'SG',
    language: 'en',
    reportingOrganisation: 'Test Regulator',
  });

  const file = async (body: Record<string, unknown>): Promise<string> => {
    const filed = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, { key: regulatorKey, body });
    expect(filed.status).toBe(201);
    return filed.body.id;
  };

  const classifications = async (id: string): Promise<StoredClassification[]> => {
    const listed = await request<{ items: StoredClassification[] }>('GET', `${sut.baseUrl}/incidents/${id}/classifications`, { key: analystKey });
    expect(listed.status).toBe(200);
    return listed.body.items;
  };

  // What an incident stored by classifier 0.1.0 looks like: its only machine row has the old version, and is older.
  const pretendClassifiedBy010 = (id: string) =>
    dataSource.query(
      `UPDATE incident_classifications
          SET classifier_version = '0.1.0', classified_at = classified_at - interval '30 days',
              result = jsonb_set(result, '{classifierVersion}', '"0.1.0"')
        WHERE incident_id = $1 AND classifier_version = $2 AND cause = 'filing'`,
      [id, CLASSIFIER_VERSION],
    );

  beforeAll(async () => {
    sut = await startTestApp('backfill');
    dataSource = sut.app.get<DataSource>(getDataSourceToken());
    regulatorKey = await sut.issueKey('regulator');
    analystKey = await sut.issueKey('analyst');
  }, 60_000);

  afterAll(() => sut?.close());

  it('stores a current-version result next to the old one, keeps reviewed labels in force, and resumes with nothing left', async () => {
    const plain = await file(filing('Model escaped its sandbox', 'The AI system copied its own weights to an external server and disabled its monitoring.'));
    const reviewed = await file(filing('Kiosk gave odd answers', 'A customer service kiosk gave odd answers to several customers about opening hours.'));
    const review = await request('POST', `${sut.baseUrl}/reviews/${reviewed}`, {
      key: analystKey,
      body: { axes: { mechanism: { label: 'misuse', reason: 'The operator set it up to mislead.' } } },
    });
    expect(review.status).toBe(200);
    await pretendClassifiedBy010(plain);
    await pretendClassifiedBy010(reviewed);

    const progress: BackfillProgress[] = [];
    const result = await backfillClassifications(dataSource, { batchSize: 1, onProgress: (step) => progress.push(step) });
    expect(result).toMatchObject({ done: 2, total: 2, skipped: 0 });
    expect(progress.map((step) => `${step.done}/${step.total}`)).toEqual(['1/2', '2/2']);
    expect(progress.every((step) => step.ratePerSecond > 0)).toBe(true);

    const plainRows = await classifications(plain);
    expect(plainRows.map((row) => [row.classifierVersion, row.kind, row.cause, row.inForce])).toEqual([
      [CLASSIFIER_VERSION, 'machine', 'backfill', true],
      ['0.1.0', 'machine', 'filing', false],
    ]);
    expect(plainRows[0].labels.mechanism).toBe('loss_of_control');
    expect(plainRows[0].basis.mechanism).toMatchObject({ label: 'loss_of_control', decidedBy: 'machine' });

    // Filing (machine 0.1.0), review 1 over it, then the backfill's machine row and the review re-applied over it.
    const reviewedRows = await classifications(reviewed);
    expect(reviewedRows.map((row) => [row.classifierVersion, row.kind, row.cause, row.reviewNumber, row.incidentVersion, row.inForce])).toEqual([
      [CLASSIFIER_VERSION, 'review', 'backfill', 1, 2, true],
      [CLASSIFIER_VERSION, 'machine', 'backfill', null, 2, false],
      [CLASSIFIER_VERSION, 'review', 'review', 1, 2, false],
      ['0.1.0', 'machine', 'filing', null, 1, false],
    ]);
    expect(reviewedRows.map((row) => Number(row.seq))).toEqual([...reviewedRows.map((row) => Number(row.seq))].sort((a, b) => b - a));
    expect(reviewedRows[0].labels.mechanism).toBe('misuse');
    expect(reviewedRows[0].basis.mechanism).toMatchObject({
      label: 'misuse',
      decidedBy: 'analyst',
      reviewedBy: { name: 'test analyst' },
      reason: 'The operator set it up to mislead.',
      machineLabel: 'undetermined',
    });
    expect(reviewedRows[0].basis.source).toMatchObject({ decidedBy: 'machine' });
    expect(reviewedRows[1].labels.mechanism).toBe('undetermined');
    const view = await request<{ classification: { mechanism: { label: string } } }>('GET', `${sut.baseUrl}/incidents/${reviewed}`, { key: analystKey });
    expect(view.body.classification.mechanism.label).toBe('misuse');

    expect(await backfillClassifications(dataSource)).toMatchObject({ done: 0, total: 0 });
  });

  it('lists classifications for regulators too, 404 for an unknown incident, 401 without a key', async () => {
    const id = await file(filing('Chatbot gave odd answers', 'A chatbot answered oddly.'));
    expect((await request('GET', `${sut.baseUrl}/incidents/${id}/classifications`, { key: regulatorKey })).status).toBe(200);
    expect((await request('GET', `${sut.baseUrl}/incidents/6f1c1f0e-8a4b-4c6d-9e2f-0a1b2c3d4e5f/classifications`, { key: analystKey })).status).toBe(404);
    expect((await request('GET', `${sut.baseUrl}/incidents/${id}/classifications`)).status).toBe(401);
  });
});
