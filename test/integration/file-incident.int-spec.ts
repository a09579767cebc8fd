import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Kafka, logLevel } from 'kafkajs';
import { DataSource } from 'typeorm';
import { incidentEventsTopic } from '@app/contracts';
import { loadDemoIncidents } from '../support/demo-incidents.js';
import { request } from '../support/http.js';
import { TEST_KAFKA_BROKERS } from '../support/test-environment.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

/** POST /incidents against the real PostgreSQL and Kafka: validation, atomic storage, idempotency, outbox relay. */
describe('POST /incidents', () => {
  let sut: TestApp;
  let dataSource: DataSource;
  let regulatorKey: string;
  const realIncident = loadDemoIncidents()[0].filing;

  const counts = async (): Promise<{ incidents: number; classifications: number; outbox: number }> => {
    const [row] = await dataSource.query<Array<{ incidents: string; classifications: string; outbox: string }>>(
      `SELECT (SELECT count(*) FROM incidents) AS incidents, (SELECT count(*) FROM incident_classifications) AS classifications,
              (SELECT count(*) FROM outbox_messages) AS outbox`,
    );
    return { incidents: Number(row.incidents), classifications: Number(row.classifications), outbox: Number(row.outbox) };
  };

  beforeAll(async () => {
    sut = await startTestApp('filing');
    dataSource = sut.app.get(DataSource);
    regulatorKey = await sut.issueKey('regulator');
  }, 60_000);

  afterAll(() => sut?.close());

  it('refuses a request without an API key (401) and an analyst key (403), as problem+json', async () => {
    const anonymous = await request('POST', `${sut.baseUrl}/incidents`, { body: realIncident });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const analyst = await request('POST', `${sut.baseUrl}/incidents`, { key: await sut.issueKey('analyst'), body: realIncident });
    expect(analyst.status).toBe(403);
    expect(analyst.body).toMatchObject({ status: 403, code: 'AUTH.FORBIDDEN' });
  });

  it('answers 400 naming every bad field, and stores nothing', async () => {
    const before = await counts();
    const response = await request<{ errors: Array<{ field: string }>; code: string }>('POST', `${sut.baseUrl}/incidents`, {
      key: regulatorKey,
      body: { ...realIncident, country: 'XX', occurredAt: '2999-01-01', language: 'fr', title: 'a\u0000b', sourceUrls: ['ftp://x'], extra: true },
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION.FAILED');
    expect(response.body.errors.map((error) => error.field).sort()).toEqual(
      ['country', 'extra', 'language', 'occurredAt', 'sourceUrls', 'title'].sort(),
    );
    expect(await counts()).toEqual(before);
  });

  it('answers 400 problem+json for malformed JSON', async () => {
    const response = await request<{ detail: string }>('POST', `${sut.baseUrl}/incidents`, { key: regulatorKey, rawBody: '{"title": ' });
    expect(response.status).toBe(400);
    expect(response.body.detail).toBe('Request body is not valid JSON');
  });

  it('stores the incident, its classification and one outbox row together, and publishes the event to Kafka', async () => {
    const before = await counts();
    const response = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, { key: regulatorKey, body: realIncident });
    expect(response.status).toBe(201);
    expect(await counts()).toEqual({
      incidents: before.incidents + 1,
      classifications: before.classifications + 1,
      outbox: before.outbox + 1,
    });
    await waitFor(
      () => dataSource.query<Array<{ published_at: Date | null }>>('SELECT published_at FROM outbox_messages WHERE aggregate_id = $1', [response.body.id]),
      (rows) => rows[0]?.published_at !== null,
      { description: 'outbox row marked published' },
    );
    const kafka = new Kafka({ clientId: 'aisw-test-reader', brokers: TEST_KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: `${sut.topicPrefix}-filing-reader` });
    const keys: Array<{ key: string; type: string; title: string }> = [];
    await consumer.connect();
    await consumer.subscribe({ topics: [incidentEventsTopic(sut.topicPrefix)], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const data = JSON.parse(message.value?.toString() ?? '{}') as { incident?: { title?: string } };
        keys.push({ key: message.key?.toString() ?? '', type: message.headers?.ce_type?.toString() ?? '', title: data.incident?.title ?? '' });
      },
    });
    const seen = await waitFor(async () => keys.filter((entry) => entry.key === response.body.id), (found) => found.length > 0, {
      description: 'incident event on Kafka',
    });
    await consumer.disconnect();
    expect(seen[0]).toEqual({ key: response.body.id, type: 'org.aisw.incident.filed.v1', title: realIncident.title });
  });

  it('returns the same incident for a retried filing with the same Idempotency-Key, and 422 for another body', async () => {
    const headers = { 'idempotency-key': 'retry-test-1' };
    const first = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, { key: regulatorKey, body: realIncident, headers });
    const before = await counts();
    const retry = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, { key: regulatorKey, body: realIncident, headers });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(200);
    expect(retry.body.id).toBe(first.body.id);
    expect(await counts()).toEqual(before);
    const reused = await request<{ code: string }>('POST', `${sut.baseUrl}/incidents`, {
      key: regulatorKey,
      body: { ...realIncident, title: 'another incident' },
      headers,
    });
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('INCIDENT.IDEMPOTENCY_KEY_REUSED');
  });

  it('shows the classification in a crosswalk view and refuses an unknown view', async () => {
    const filed = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, { key: regulatorKey, body: realIncident });
    const mit = await request<{ crosswalk: { view: string; value: Record<string, unknown> }; classification: { mechanism: { label: string } } }>(
      'GET',
      `${sut.baseUrl}/incidents/${filed.body.id}?view=mit`,
      { key: regulatorKey },
    );
    expect(mit.status).toBe(200);
    expect(mit.body.crosswalk.view).toBe('mit');
    expect(Object.keys(mit.body.crosswalk.value.causal as object)).toEqual(['entity', 'intent', 'timing']);
    const bogus = await request<{ errors: Array<{ field: string }> }>('GET', `${sut.baseUrl}/incidents/${filed.body.id}?view=bogus`, { key: regulatorKey });
    expect(bogus.status).toBe(400);
    expect(bogus.body.errors[0].field).toBe('view');
  });

  it('serves the bilingual taxonomy to authenticated users only', async () => {
    expect((await request('GET', `${sut.baseUrl}/taxonomy`)).status).toBe(401);
    const taxonomy = await request<{ classifierVersion: string; vocabulary: Record<string, unknown> }>('GET', `${sut.baseUrl}/taxonomy`, { key: regulatorKey });
    expect(taxonomy.status).toBe(200);
    expect(JSON.stringify(taxonomy.body.vocabulary)).toContain('失控风险');
    expect(JSON.stringify(taxonomy.body.vocabulary)).toContain('loss_of_control');
  });

  it('answers 404 problem+json for an unknown incident id', async () => {
    const response = await request<{ code: string }>('GET', `${sut.baseUrl}/incidents/6f1c1f0e-8a4b-4c6d-9e2f-0a1b2c3d4e5f`, { key: regulatorKey });
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('INCIDENT.NOT_FOUND');
  });
});
