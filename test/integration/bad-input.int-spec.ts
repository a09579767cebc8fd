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

  it.each([
    ['a right-to-left override in a title (CVE-2021-42574)', { title: 'Invoice \u202egpj.exe' }, 'title'],
    ['a left-to-right embedding in a description', { harmDescription: 'Harm \u202aquoted\u202c here' }, 'harmDescription'],
    ['a right-to-left isolate in an optional text field', { developer: 'Vendor \u2067x\u2069' }, 'developer'],
    ['a first-strong isolate in a source URL', { sourceUrls: ['https://example.org/\u2068a'] }, 'sourceUrls'],
  ])('refuses %s with 400 naming the field, as control characters are, and stores nothing', async (_case, overrides, field) => {
    const before = await storedRows();
    const response = await fileWith(overrides);
    expect([response.status, response.body.code]).toEqual([400, 'VALIDATION.FAILED']);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.errors?.find((error) => error.field === field)?.messages).toEqual([expect.stringMatching(/bidirectional overrides/)]);
    expect(await storedRows()).toBe(before);
    const partner = await request<Problem>('POST', `${sut.baseUrl}/partners`, { key: adminKey, body: { slug: 't-bidi', name: 'Partner \u202egpj.exe', country: 'GB' } });
    expect([partner.status, partner.body.errors?.[0].field]).toEqual([400, 'name']);
  });

  it('refuses source URLs with credentials or an IPv6 zone id on filing and amendment, naming sourceUrls.<i>; private addresses are fine', async () => {
    const before = await storedRows();
    const sourceUrls = ['https://incidentdatabase.ai/cite/4/', 'https://u:p@x.com/', 'http://[fe80::1%25eth0]/'];
    const expected = [
      { field: 'sourceUrls.1', messages: [expect.stringMatching(/^a URL may not carry credentials/)] },
      { field: 'sourceUrls.2', messages: [expect.stringMatching(/^not a URL the WHATWG URL Standard accepts/)] },
    ];
    const filed = await fileWith({ sourceUrls });
    expect([filed.status, filed.body.errors]).toEqual([400, expected]);
    expect(JSON.stringify(filed.body)).not.toContain('u:p@');
    expect(await storedRows()).toBe(before);
    // A source URL is text shown to partners, never fetched: a private address in it is no SSRF risk.
    const privateSource = await fileWith({ sourceUrls: ['http://10.0.0.1/internal-report'] });
    expect(privateSource.status).toBe(201);
    const id = (privateSource.body as unknown as { id: string }).id;
    const amended = await request<Problem>('PATCH', `${sut.baseUrl}/incidents/${id}`, { key: regulatorKey, body: { sourceUrls } });
    expect([amended.status, amended.body.errors]).toEqual([400, expected]);
    const read = await request<{ incident: { sourceUrls: string[] } }>('GET', `${sut.baseUrl}/incidents/${id}`, { key: regulatorKey });
    expect(read.body.incident.sourceUrls).toEqual(['http://10.0.0.1/internal-report']);
  });

  it('keeps right-to-left text: Arabic and Hebrew titles with the marks U+200E/U+200F are filed and read back unchanged', async () => {
    const title = 'حادثة في نظام التعرف على الوجه \u200f — תקרית בזיהוי פנים \u200e (2024)';
    const filed = await fileWith({ title, harmDescription: 'وصف الضرر — תיאור הנזק' });
    expect(filed.status).toBe(201);
    const read = await request<{ incident: { title: string } }>('GET', `${sut.baseUrl}/incidents/${(filed.body as unknown as { id: string }).id}`, { key: regulatorKey });
    expect(read.body.incident.title).toBe(title);
  });

  it('names every unknown field in one 400, prototype keys included, and pollutes no prototype', async () => {
    const before = await storedRows();
    const body = `{${JSON.stringify(filing).slice(1, -1)},"bogus":1,"__proto__":{"admin":true},"extra":{"constructor":{"prototype":{"admin":true}}}}`;
    const response = await request<Problem>('POST', `${sut.baseUrl}/incidents`, { key: regulatorKey, rawBody: body });
    expect([response.status, response.body.code]).toEqual([400, 'VALIDATION.FAILED']);
    const fields = response.body.errors?.map((error) => error.field) ?? [];
    expect(fields).toEqual(expect.arrayContaining(['__proto__', 'extra.constructor', 'bogus', 'extra']));
    expect(response.body.errors?.find((error) => error.field === '__proto__')?.messages).toEqual(['property __proto__ should not exist']);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    expect(await storedRows()).toBe(before);
    // Alone on a valid body, a prototype key is still refused (not silently dropped).
    const alone = await request<Problem>('POST', `${sut.baseUrl}/partners`, {
      key: adminKey,
      rawBody: '{"slug":"t-proto","name":"Proto","country":"GB","contacts":[{"name":"n","email":"n@aisw.example","__proto__":{}}]}',
    });
    expect([alone.status, alone.body.errors?.map((error) => error.field)]).toEqual([400, ['contacts.0.__proto__']]);
    expect(await storedRows()).toBe(before);
  });

  it('refuses a body with a duplicate key at any depth with 400 naming each duplicated path, storing nothing', async () => {
    const before = await storedRows();
    const text = JSON.stringify(filing);
    const twice = `{"title":"An earlier title",${text.slice(1)}`;
    const top = await request<Problem>('POST', `${sut.baseUrl}/incidents`, { key: regulatorKey, rawBody: twice });
    expect([top.status, top.body.code, top.body.errors]).toEqual([
      400,
      'VALIDATION.FAILED',
      [{ field: 'title', messages: ['duplicate key title: a key may appear only once in a JSON object'] }],
    ]);
    const nested = await request<Problem>('POST', `${sut.baseUrl}/partners`, {
      key: adminKey,
      rawBody: '{"slug":"t-dup","name":"Dup","country":"GB","contacts":[{"name":"n","email":"a@aisw.example","email":"b@aisw.example"}],"country":"FR"}',
    });
    expect([nested.status, nested.body.errors?.map((error) => error.field)]).toEqual([400, ['contacts.0.email', 'country']]);
    expect(await storedRows()).toBe(before);
    // The same key in two sibling objects is not a duplicate.
    const siblings = await request('POST', `${sut.baseUrl}/partners`, {
      key: adminKey,
      rawBody: '{"slug":"t-siblings","name":"Siblings","country":"GB","contacts":[{"name":"a","email":"a@aisw.example"},{"name":"b","email":"b@aisw.example"}]}',
    });
    expect(siblings.status).toBe(201);
  });

  it('answers a 20,000-character query string with 431 problem+json (Node refuses it before Express), and a q over 200 characters below that with 400 naming q', async () => {
    const huge = await fetch(`${sut.baseUrl}/incidents?q=${'a'.repeat(20_000)}`, { headers: { authorization: `Bearer ${regulatorKey}` } });
    expect([huge.status, huge.headers.get('content-type'), huge.headers.get('connection')]).toEqual([431, 'application/problem+json', 'close']);
    const problem = (await huge.json()) as Problem & { detail: string };
    expect(problem).toMatchObject({ status: 431, code: 'HTTP.431', correlationId: huge.headers.get('x-correlation-id') });
    expect(problem.detail).toMatch(/exceed 16384 bytes/);
    const long = await request<Problem>('GET', `${sut.baseUrl}/incidents?q=${'a'.repeat(5_000)}`, { key: regulatorKey });
    expect([long.status, long.body.errors]).toEqual([400, [{ field: 'q', messages: ['q must be shorter than or equal to 200 characters'] }]]);
    expect((await request('GET', `${sut.baseUrl}/incidents?q=${'a'.repeat(200)}`, { key: regulatorKey })).status).toBe(200);
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
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as Problem & { detail: string };
    expect(problem.detail).toBe('Request body is not valid UTF-8');
    expect(problem.errors).toEqual([{ field: 'body', messages: ['the request body is not valid UTF-8 (RFC 8259 §8.1); send JSON encoded as UTF-8'] }]);
    // The peer-alert endpoint keeps its body raw for the HMAC, and checks UTF-8 the same way.
    const peerAlert = await fetch(`${sut.baseUrl}/federation/alerts`, { method: 'POST', headers: { 'content-type': 'application/cloudevents+json' }, body: bytes });
    expect([peerAlert.status, ((await peerAlert.json()) as Problem).errors?.map((error) => error.field)]).toEqual([400, ['body']]);
  });

  it('names the body, in its own words, when it is not what its Content-Encoding says', async () => {
    const before = await storedRows();
    const response = await fetch(`${sut.baseUrl}/incidents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${regulatorKey}`, 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: JSON.stringify(filing),
    });
    expect(response.status).toBe(400);
    const problem = (await response.json()) as Problem & { detail: string };
    expect(problem.detail).toBe('Request body could not be decoded');
    expect(problem.errors?.map((error) => error.field)).toEqual(['body']);
    expect(JSON.stringify(problem)).not.toMatch(/header check|zlib/i);
    expect(await storedRows()).toBe(before);
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
    expect(malformed.body.errors).toEqual([{ field: 'body', messages: ['the request body is not valid JSON'] }]);
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

  it.each([
    ['an invalid two-byte sequence in a value', '/incidents?q=%C3%28', 'q'],
    ['a byte that is never UTF-8, after a valid parameter', '/incidents?q=ok&sort=%FF', 'sort'],
    ['a truncated three-byte sequence', '/trends?groupBy=mechanism&interval=%E2%82', 'interval'],
    ['a bad value under a percent-encoded name', '/public/alerts?caf%C3%A9=%FF', 'café'],
  ])('refuses %s in the query string with 400 problem+json naming the parameter', async (_case, path, field) => {
    const response = await request<Problem & { detail: string }>('GET', `${sut.baseUrl}${path}`, { key: regulatorKey, headers: { 'x-correlation-id': 'trace-utf8' } });
    expect([response.status, response.body.code, response.body.correlationId]).toEqual([400, 'VALIDATION.FAILED', 'trace-utf8']);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.errors).toEqual([{ field, messages: [`${field} is not valid UTF-8 once percent-decoded (percent-encoded bytes must form UTF-8 characters)`] }]);
  });

  it('accepts percent-encoded UTF-8 in the query string (a search for "café" and "数据")', async () => {
    expect((await request('GET', `${sut.baseUrl}/incidents?q=caf%C3%A9`, { key: regulatorKey })).status).toBe(200);
    expect((await request('GET', `${sut.baseUrl}/incidents?q=%E6%95%B0%E6%8D%AE&limit=5`, { key: regulatorKey })).status).toBe(200);
  });

  it.each(['abc', '0', '101', '2.5', '-1', '1e2', ''])('answers limit=%s with one message naming limit and its range', async (limit) => {
    for (const path of ['/incidents', '/public/alerts']) {
      const response = await request<Problem>('GET', `${sut.baseUrl}${path}?limit=${limit}`, { key: regulatorKey });
      expect([path, response.status, response.body.errors]).toEqual([path, 400, [{ field: 'limit', messages: ['limit must be an integer from 1 to 100'] }]]);
    }
  });

  it('refuses limit and unknown parameters on lists that take no query parameters, as /incidents refuses an unknown one', async () => {
    const unknownAtIncidents = await request<Problem>('GET', `${sut.baseUrl}/incidents?bogus=1`, { key: adminKey });
    expect([unknownAtIncidents.status, unknownAtIncidents.body.errors?.map((error) => error.field)]).toEqual([400, ['bogus']]);
    const partner = await request<{ id: string }>('POST', `${sut.baseUrl}/partners`, { key: adminKey, body: { slug: 'no-paging', name: 'No Paging', country: 'GB' } });
    expect(partner.status).toBe(201);
    const filed = await fileWith({});
    expect(filed.status).toBe(201);
    const incident = (filed.body as unknown as { id: string }).id;
    const paths = ['/partners', '/peers', '/taxonomy', `/partners/${partner.body.id}/subscriptions`, `/partners/${partner.body.id}/webhook-secrets`, `/incidents/${incident}/classifications`];
    for (const path of paths) {
      expect([path, (await request('GET', `${sut.baseUrl}${path}`, { key: adminKey })).status]).toEqual([path, 200]);
      const unknown = await request<Problem>('GET', `${sut.baseUrl}${path}?bogus=1`, { key: adminKey });
      expect([path, unknown.status, unknown.body.code, unknown.body.errors]).toEqual([path, 400, 'VALIDATION.FAILED', unknownAtIncidents.body.errors]);
      expect(unknown.headers.get('content-type')).toContain('application/problem+json');
      const limit = await request<Problem>('GET', `${sut.baseUrl}${path}?limit=abc&bogus=1`, { key: adminKey });
      expect([path, limit.status, limit.body.errors?.map((error) => error.field)]).toEqual([path, 400, ['limit', 'bogus']]);
    }
  });

  it('refuses __proto__, constructor and prototype as query parameters like any unknown one (class-transformer skips them)', async () => {
    for (const path of ['/incidents', '/incidents/export.csv', '/reviews', '/audit', '/partners']) {
      for (const name of ['__proto__', 'constructor', 'prototype']) {
        const response = await request<Problem>('GET', `${sut.baseUrl}${path}?${name}=1`, { key: adminKey });
        expect([path, name, response.status, response.body.errors]).toEqual([path, name, 400, [{ field: name, messages: [`property ${name} should not exist`] }]]);
      }
    }
    const both = await request<Problem>('GET', `${sut.baseUrl}/incidents?constructor=1&bogus=1`, { key: adminKey });
    expect([both.status, both.body.errors?.map((error) => error.field)]).toEqual([400, ['constructor', 'bogus']]);
  });

  it('refuses body fields on POST and DELETE routes that take none, creating nothing', async () => {
    const partner = await request<{ id: string }>('POST', `${sut.baseUrl}/partners`, {
      key: adminKey,
      body: { slug: 'no-body', name: 'No Body', country: 'GB', webhookUrl: 'https://partner.example.org/hook' },
    });
    expect(partner.status).toBe(201);
    const secrets = `${sut.baseUrl}/partners/${partner.body.id}/webhook-secrets`;
    const count = async (): Promise<number> => (await request<{ items: unknown[] }>('GET', secrets, { key: adminKey })).body.items.length;
    const mine = await request<Problem>('POST', secrets, { key: adminKey, body: { secret: 'mine' } });
    expect([mine.status, mine.body.code, mine.body.errors]).toEqual([400, 'VALIDATION.FAILED', [{ field: 'secret', messages: ['property secret should not exist'] }]]);
    expect(await count()).toBe(1);
    expect((await request('POST', secrets, { key: adminKey })).status).toBe(201);
    expect((await request('POST', secrets, { key: adminKey, body: {} })).status).toBe(201);
    expect(await count()).toBe(3);
    const unknownAlert = `/alerts/${crypto.randomUUID()}/redelivery`;
    for (const [method, path] of [['POST', '/signing-keys/rotate'], ['POST', unknownAlert], ['DELETE', `/partners/${partner.body.id}`], ['DELETE', `/partners/${partner.body.id}/suspension`]]) {
      const refused = await request<Problem>(method, `${sut.baseUrl}${path}`, { key: adminKey, body: { reason: 'in the body' } });
      expect([path, refused.status, refused.body.errors]).toEqual([path, 400, [{ field: 'reason', messages: ['property reason should not exist'] }]]);
    }
    expect((await request<{ status: string }>('GET', `${sut.baseUrl}/partners/${partner.body.id}`, { key: adminKey })).body.status).toBe('active');
  });

  it('refuses limit and after on the CSV export, which holds every match, instead of ignoring them', async () => {
    for (const query of ['limit=5', 'after=abc']) {
      const field = query.split('=')[0];
      const exported = await request<Problem>('GET', `${sut.baseUrl}/incidents/export.csv?${query}`, { key: adminKey });
      expect([query, exported.status, exported.body.errors]).toEqual([query, 400, [{ field, messages: [`property ${field} should not exist`] }]]);
    }
    const whole = await fetch(`${sut.baseUrl}/incidents/export.csv?country=GB`, { headers: { authorization: `Bearer ${adminKey}` } });
    expect([whole.status, whole.headers.get('content-type')]).toEqual([200, 'text/csv; charset=utf-8']);
  });

  it('names the path parameter of a path segment that is not UTF-8 once percent-decoded, in our words', async () => {
    const partner = crypto.randomUUID();
    for (const [path, field] of [['/incidents/%FF', 'id'], [`/partners/${partner}/subscriptions/%C3%28`, 'subscriptionId'], ['/alerts/%FF/cap', 'id']]) {
      const response = await request<Problem & { detail: string }>('GET', `${sut.baseUrl}${path}`, { key: adminKey });
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect([path, response.status, response.body.code, response.body.errors]).toEqual([
        path,
        400,
        'VALIDATION.FAILED',
        [{ field, messages: [`${field} is not valid UTF-8 once percent-decoded (percent-encoded bytes must form UTF-8 characters)`] }],
      ]);
      expect(JSON.stringify(response.body)).not.toMatch(/Failed to decode/);
    }
  });

  it('answers 415 for any charset but utf-8, as body-parser did for latin1 but not for utf-16', async () => {
    const before = await storedRows();
    for (const charset of ['utf-16', 'latin1', 'utf-16le', 'iso-8859-1']) {
      const response = await fetch(`${sut.baseUrl}/incidents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${regulatorKey}`, 'content-type': `application/json; charset=${charset}` },
        body: JSON.stringify(filing),
      });
      const problem = (await response.json()) as Problem & { detail: string };
      expect([charset, response.status, problem.detail]).toEqual([charset, 415, `Content-Type charset must be utf-8 (JSON is UTF-8, RFC 8259 §8.1), not ${charset}`]);
    }
    expect(await storedRows()).toBe(before);
    const utf8 = await fetch(`${sut.baseUrl}/incidents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${regulatorKey}`, 'content-type': 'application/json; charset=UTF-8' },
      body: JSON.stringify({ ...filing, title: 'Filed with an explicit charset' }),
    });
    expect(utf8.status).toBe(201);
  });

  it('answers a TAXII request whose query is not UTF-8 with a TAXII error message naming the parameter, not problem+json', async () => {
    const response = await fetch(`${sut.baseUrl}/taxii2/aisw/collections/${crypto.randomUUID()}/objects/?next=%FF%FE`, {
      headers: { authorization: `Bearer ${adminKey}`, accept: 'application/taxii+json;version=2.1', 'x-correlation-id': 'trace-taxii' },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/taxii\+json; ?version=2\.1/);
    expect(await response.json()).toEqual({
      title: 'Invalid query parameter',
      description: 'next is not valid UTF-8 once percent-decoded (percent-encoded bytes must form UTF-8 characters)',
      error_id: 'trace-taxii',
      http_status: '400',
      details: { field: 'next' },
    });
  });

  it('refuses a country filter that is not an ISO 3166-1 alpha-2 code, by the rule filing uses', async () => {
    const filed = await fileWith({ country: 'XX' });
    expect([filed.status, filed.body.errors?.map((error) => error.field)]).toEqual([400, ['country']]);
    for (const path of ['/incidents?country=zz', '/incidents?country=GB,XX', '/incidents/export.csv?country=zz', '/trends?country=zz']) {
      const response = await request<Problem>('GET', `${sut.baseUrl}${path}`, { key: adminKey });
      expect([path, response.status, response.body.errors]).toEqual([path, 400, [{ field: 'country', messages: ['each value in country must be an ISO 3166-1 alpha-2 code'] }]]);
    }
    expect((await request('GET', `${sut.baseUrl}/incidents?country=gb,cn`, { key: adminKey })).status).toBe(200);
  });

  it('names a malformed alert or incident id `id` on every route that takes one, as the README API table names it', async () => {
    const analystKey = await sut.issueKey('analyst');
    const partner = await request<{ apiKey: string }>('POST', `${sut.baseUrl}/partners`, { key: adminKey, body: { slug: 'bad-ids', name: 'Bad Ids', country: 'GB' } });
    expect(partner.status).toBe(201);
    const calls: Array<[string, string, string, unknown?]> = [
      ['GET', '/alerts/not-a-uuid/cap', regulatorKey],
      ['GET', '/alerts/not-a-uuid.cap', regulatorKey],
      ['POST', '/alerts/not-a-uuid/ack', partner.body.apiKey, { note: 'seen' }],
      ['POST', '/alerts/not-a-uuid/redelivery', adminKey],
      ['POST', '/reviews/not-a-uuid', analystKey, { axes: { mechanism: { label: 'undetermined', reason: 'checking the id first' } } }],
      ['GET', '/incidents/not-a-uuid/classifications', regulatorKey],
    ];
    for (const [method, path, key, body] of calls) {
      const response = await request<Problem>(method, `${sut.baseUrl}${path}`, { key, body });
      expect([method, path, response.status, response.body.errors]).toEqual([method, path, 400, [{ field: 'id', messages: ['id must be a UUID'] }]]);
    }
  });

  it('answers 405 problem+json with Allow for a method an existing route does not take, 404 for an unknown path', async () => {
    const put = await request<Problem & { detail: string }>('PUT', `${sut.baseUrl}/incidents`, { key: regulatorKey });
    expect([put.status, put.body.code, put.headers.get('allow')]).toEqual([405, 'HTTP.405', 'GET, HEAD, POST']);
    expect(put.headers.get('content-type')).toContain('application/problem+json');
    expect(put.body.detail).toBe('PUT is not supported here; use GET, HEAD, POST');
    const withParam = await request<Problem>('DELETE', `${sut.baseUrl}/incidents/0b0e9f1e-7a51-4d8a-9a35-2f7c8f0d2c11`);
    expect([withParam.status, withParam.headers.get('allow')]).toEqual([405, 'GET, HEAD, PATCH']);
    const unknown = await request<Problem>('PUT', `${sut.baseUrl}/no-such-route`, { key: regulatorKey });
    expect([unknown.status, unknown.headers.get('allow')]).toEqual([404, null]);
    // Our words, not Express's "Cannot GET /alerts//cap".
    const empty = await request<Problem & { detail: string }>('GET', `${sut.baseUrl}/alerts//cap?x=1`, { key: regulatorKey });
    expect([empty.status, empty.headers.get('content-type'), empty.body.code, empty.body.detail]).toEqual([
      404,
      'application/problem+json; charset=utf-8',
      'HTTP.404',
      'No route GET /alerts//cap',
    ]);
  });

  it('answers TAXII error messages, not problem+json, for an unknown path or an undecodable path segment under /taxii2/', async () => {
    const taxii = (path: string) =>
      fetch(`${sut.baseUrl}${path}`, { headers: { authorization: `Bearer ${adminKey}`, accept: 'application/taxii+json;version=2.1', 'x-correlation-id': 'trace-taxii' } });
    const undecodable = await taxii('/taxii2/aisw/collections/%FF/objects/');
    expect(undecodable.headers.get('content-type')).toMatch(/^application\/taxii\+json; ?version=2\.1/);
    expect([undecodable.status, await undecodable.json()]).toEqual([
      400,
      {
        title: 'Bad Request',
        description: 'collectionId is not valid UTF-8 once percent-decoded (percent-encoded bytes must form UTF-8 characters)',
        error_id: 'trace-taxii',
        error_code: 'VALIDATION.FAILED',
        http_status: '400',
        details: { field: 'collectionId' },
      },
    ]);
    const unknown = await taxii('/taxii2/aisw/nothing-here/');
    expect(unknown.headers.get('content-type')).toMatch(/^application\/taxii\+json; ?version=2\.1/);
    expect([unknown.status, await unknown.json()]).toEqual([
      404,
      { title: 'Not Found', description: 'No route GET /taxii2/aisw/nothing-here/', error_id: 'trace-taxii', error_code: 'HTTP.404', http_status: '404' },
    ]);
  });

  it.each(['/docs', '/docs/', '/docs/?deepLinking=true', '/docs/index.html', '/docs//'])('serves Swagger UI at %s with every asset it links', async (path) => {
    const page = await fetch(`${sut.baseUrl}${path}`);
    expect(page.status).toBe(200);
    expect(new URL(page.url).pathname).toBe('/docs');
    const html = await page.text();
    const assets = [...html.matchAll(/(?:href|src)="([^"]+)"/g)].map((match) => new URL(match[1], page.url).toString());
    expect(assets.length).toBeGreaterThanOrEqual(4);
    for (const asset of assets) expect([asset, (await fetch(asset)).status]).toEqual([asset, 200]);
  });

  it.each([
    ['an array', '[]', 'not an array'],
    ['a number', '3', 'not a number'],
    ['a string', '"title"', 'not a string'],
    ['null', 'null', 'not null'],
  ])('says the body must be a JSON object when it is valid JSON but %s', async (_case, rawBody, kind) => {
    const before = await storedRows();
    const response = await request<Problem>('POST', `${sut.baseUrl}/incidents`, { key: regulatorKey, rawBody });
    expect([response.status, response.body.code]).toEqual([400, 'VALIDATION.FAILED']);
    expect(response.body.errors).toEqual([{ field: 'body', messages: [`the request body must be a JSON object, ${kind}`] }]);
    expect(await storedRows()).toBe(before);
  });

  it('clears recipients and source URLs with null on PATCH /incidents/{id}, as the README says for optional fields', async () => {
    const partner = await request('POST', `${sut.baseUrl}/partners`, { key: adminKey, body: { slug: 'named-once', name: 'Named Once', country: 'GB' } });
    expect(partner.status).toBe(201);
    const filed = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, {
      key: regulatorKey,
      body: { ...filing, recipients: ['named-once'], sourceUrls: ['https://example.org/report'] },
    });
    expect(filed.status).toBe(201);
    const cleared = await request<{ version: number }>('PATCH', `${sut.baseUrl}/incidents/${filed.body.id}`, {
      key: regulatorKey,
      body: { recipients: null, sourceUrls: null },
    });
    expect([cleared.status, cleared.body.version]).toEqual([200, 2]);
    const [stored] = await sut.app
      .get(DataSource)
      .query<Array<{ recipients: string[]; source_urls: string[] }>>('SELECT recipients, source_urls FROM incidents WHERE id = $1', [filed.body.id]);
    expect(stored).toEqual({ recipients: [], source_urls: [] });
    const required = await request<Problem>('PATCH', `${sut.baseUrl}/incidents/${filed.body.id}`, { key: regulatorKey, body: { title: null } });
    expect([required.status, required.body.errors]).toEqual([400, [{ field: 'title', messages: ['title is required and cannot be null'] }]]);
  });

  it('sets onwardSharing back to its default false with null on PATCH /incidents/{id}, as for other optional fields', async () => {
    const filed = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, { key: regulatorKey, body: { ...filing, onwardSharing: true } });
    expect(filed.status).toBe(201);
    const cleared = await request<{ version: number }>('PATCH', `${sut.baseUrl}/incidents/${filed.body.id}`, { key: regulatorKey, body: { onwardSharing: null } });
    expect([cleared.status, cleared.body.version]).toEqual([200, 2]);
    const [stored] = await sut.app
      .get(DataSource)
      .query<Array<{ onward_sharing: boolean; version: number }>>('SELECT onward_sharing, version FROM incidents WHERE id = $1', [filed.body.id]);
    expect(stored).toEqual({ onward_sharing: false, version: 2 });
    const again = await request<{ version: number }>('PATCH', `${sut.baseUrl}/incidents/${filed.body.id}`, { key: regulatorKey, body: { onwardSharing: null } });
    expect([again.status, again.body.version]).toEqual([200, 2]); // already false: nothing changed, no new version
  });

  it('serves only the one ECharts file the dashboard imports, not the rest of the npm package', async () => {
    const bundle = await fetch(`${sut.baseUrl}/dashboard/vendor/echarts/echarts.esm.min.mjs`);
    expect([bundle.status, bundle.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8']);
    expect(bundle.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await bundle.text()).toContain('registerVisual');
    for (const other of ['package.json', 'echarts.js', 'echarts.esm.mjs.map', 'extension/bmap.js', '']) {
      const response = await fetch(`${sut.baseUrl}/dashboard/vendor/echarts/${other}`);
      expect([other, response.status]).toEqual([other, 404]);
      await response.arrayBuffer();
    }
  });

  it('answers quarterly trends', async () => {
    const response = await request<{ buckets: Array<{ period: string }> }>('GET', `${sut.baseUrl}/trends?interval=quarter&from=2024-01-01&to=2024-12-31`, {
      key: regulatorKey,
    });
    expect(response.status).toBe(200);
    expect(response.body.buckets.map((bucket) => bucket.period)).toEqual(['2024-01-01', '2024-04-01', '2024-07-01', '2024-10-01']);
  });
});
