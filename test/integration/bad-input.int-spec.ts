import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { loadDemoIncidents } from '../support/demo-incidents.js';
import { request } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface Problem {
  status: number;
  code: string;
  correlationId: string;
  errors?: Array<{ field: string; messages: string[] }>;
}

/**
 * Hostile and malformed requests against the running app (regressions from a new-user attack): each answers 4xx
 * problem+json naming the field, with a correlation id, and stores nothing.
 */
describe('bad input', () => {
  let sut: TestApp;
  let regulatorKey: string;
  let adminKey: string;
  const filing = loadDemoIncidents()[0].filing;

  const storedRows = async (): Promise<number> => {
    const [row] = await sut.app
      .get(DataSource)
      .query<Array<{ n: string }>>('SELECT (SELECT count(*) FROM incidents) + (SELECT count(*) FROM partners) + (SELECT count(*) FROM api_keys) AS n');
    return Number(row.n);
  };
  const fileWith = (overrides: Record<string, unknown>) =>
    request<Problem>('POST', `${sut.baseUrl}/incidents`, { key: regulatorKey, body: { ...filing, ...overrides } });

  beforeAll(async () => {
    sut = await startTestApp('bad-input');
    regulatorKey = await sut.issueKey('regulator');
    adminKey = await sut.issueKey('admin');
  });

  afterAll(() => sut?.close());

  it.each([
    ['a week date', { occurredAt: '2024-W01' }, 'occurredAt'],
    ['an ordinal date', { occurredAt: '2024-100' }, 'occurredAt'],
    ['a day that does not exist', { occurredAt: '2019-02-30' }, 'occurredAt'],
    ['a NUL in a source URL', { sourceUrls: ['https://example.org/\u0000'] }, 'sourceUrls'],
    ['an unpaired surrogate', { harmDescription: 'x\ud800y' }, 'harmDescription'],
    ['a title of white space and zero-width characters', { title: ' \u200b\ufeff ' }, 'title'],
    ['a prototype key', JSON.parse('{"__proto__": {"admin": true}}') as Record<string, unknown>, '__proto__'],
  ])('refuses %s with 400 naming the field, and stores nothing', async (_case, overrides, field) => {
    const before = await storedRows();
    const response = await fileWith(overrides);
    expect(response.status).toBe(400);
    expect(response.body.errors?.map((error) => error.field)).toContain(field);
    expect(await storedRows()).toBe(before);
  });

  it('refuses JSON nested 2,000 levels deep with 400, not a crash', async () => {
    const deep = `{"title":"x","extra":${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}}`;
    const response = await request<Problem>('POST', `${sut.baseUrl}/incidents`, { key: regulatorKey, rawBody: deep });
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0].messages[0]).toMatch(/nesting deeper than/);
  });

  it('refuses a body that is not UTF-8 instead of replacing bytes', async () => {
    const bytes = Buffer.from(JSON.stringify({ ...filing, title: 'A\u00ffB' }).replace('\u00ff', '\u0000'));
    bytes[bytes.indexOf(0)] = 0xff;
    const response = await fetch(`${sut.baseUrl}/incidents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${regulatorKey}`, 'content-type': 'application/json' },
      body: bytes,
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { detail: string }).detail).toBe('Request body is not valid UTF-8');
  });

  it('answers 415 for a body that is not JSON, and keeps the correlation id on body errors', async () => {
    const plain = await fetch(`${sut.baseUrl}/incidents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${regulatorKey}`, 'content-type': 'text/plain', 'x-correlation-id': 'trace-415' },
      body: JSON.stringify(filing),
    });
    expect(plain.status).toBe(415);
    expect(((await plain.json()) as Problem).correlationId).toBe('trace-415');
    const malformed = await request<Problem>('POST', `${sut.baseUrl}/incidents`, { key: regulatorKey, rawBody: '{"title":', headers: { 'x-correlation-id': 'trace-400' } });
    expect([malformed.status, malformed.body.correlationId, malformed.headers.get('x-correlation-id')]).toEqual([400, 'trace-400', 'trace-400']);
  });

  it('refuses control characters in partner names without creating anything', async () => {
    const before = await storedRows();
    const response = await request<Problem>('POST', `${sut.baseUrl}/partners`, {
      key: adminKey,
      body: { slug: 't-nul', name: 'Bad\u0000Name', country: 'GB' },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0].field).toBe('name');
    expect(await storedRows()).toBe(before);
  });

  it('accepts the bearer scheme in any case, says how to authenticate on 401, and honours revocation', async () => {
    const lower = await request('GET', `${sut.baseUrl}/trends`, { headers: { authorization: `bearer ${regulatorKey}` } });
    expect(lower.status).toBe(200);
    const issued = await request<{ id: string; key: string }>('POST', `${sut.baseUrl}/api-keys`, { key: adminKey, body: { name: 'short-lived', role: 'analyst' } });
    expect((await request('GET', `${sut.baseUrl}/trends`, { key: issued.body.key })).status).toBe(200);
    expect((await request('DELETE', `${sut.baseUrl}/api-keys/${issued.body.id}`, { key: adminKey })).status).toBe(204);
    const revoked = await request('GET', `${sut.baseUrl}/trends`, { key: issued.body.key });
    expect(revoked.status).toBe(401);
    expect(revoked.headers.get('www-authenticate')).toBe('Bearer realm="aisw"');
  });

  it('names a malformed id in the path like a body field', async () => {
    const response = await request<Problem>('GET', `${sut.baseUrl}/incidents/not-a-uuid`, { key: regulatorKey });
    expect([response.status, response.body.code, response.body.errors?.[0].field]).toEqual([400, 'VALIDATION.FAILED', 'id']);
  });

  it('answers quarterly trends', async () => {
    const response = await request<{ buckets: Array<{ period: string }> }>('GET', `${sut.baseUrl}/trends?interval=quarter&from=2024-01-01&to=2024-12-31`, {
      key: regulatorKey,
    });
    expect(response.status).toBe(200);
    expect(response.body.buckets.map((bucket) => bucket.period)).toEqual(['2024-01-01', '2024-04-01', '2024-07-01', '2024-10-01']);
  });
});
