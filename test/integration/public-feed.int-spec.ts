import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadDemoIncidents } from '../support/demo-incidents.js';
import { request } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface Feed {
  items: Array<{ id: string; tlp: string; title: string } & Record<string, unknown>>;
  nextCursor: string | null;
}

/** The public feed shows TLP:CLEAR incidents only, redacted, without authentication, each exactly once across pages. */
describe('GET /public/alerts', () => {
  let sut: TestApp;
  const filedByTlp = new Map<string, string[]>();

  beforeAll(async () => {
    sut = await startTestApp('public-feed');
    const regulatorKey = await sut.issueKey('regulator');
    const filing = loadDemoIncidents()[0].filing;
    for (const tlp of ['CLEAR', 'CLEAR', 'CLEAR', 'CLEAR', 'CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED']) {
      const response = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, { key: regulatorKey, body: { ...filing, tlp } });
      expect(response.status).toBe(201);
      filedByTlp.set(tlp, [...(filedByTlp.get(tlp) ?? []), response.body.id]);
    }
    const retracted = filedByTlp.get('CLEAR')![4];
    await request('POST', `${sut.baseUrl}/incidents/${retracted}/retraction`, { key: regulatorKey, body: { reason: 'test' } });
  });

  afterAll(() => sut?.close());

  it('pages through every active CLEAR incident exactly once, without a key, and nothing else', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: { status: number; body: Feed } = await request<Feed>('GET', `${sut.baseUrl}/public/alerts?limit=2${after ? `&after=${after}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((item) => item.id));
      after = page.body.nextCursor;
    } while (after);
    expect(seen.sort()).toEqual(filedByTlp.get('CLEAR')!.slice(0, 4).sort());
  });

  it('leaves out the filer and the harm description', async () => {
    const page = await request<Feed>('GET', `${sut.baseUrl}/public/alerts?limit=1`);
    expect(page.body.items[0]).not.toHaveProperty('reportingOrganisation');
    expect(page.body.items[0]).not.toHaveProperty('harmDescription');
    expect(page.body.items[0]).not.toHaveProperty('sourceUrls');
    expect(page.body.items[0].tlp).toBe('CLEAR');
  });

  it('refuses a forged cursor with 400 naming `after`', async () => {
    const response = await request<{ errors: Array<{ field: string }> }>('GET', `${sut.baseUrl}/public/alerts?after=bm90LWEtY3Vyc29y`);
    expect(response.status).toBe(400);
    expect(response.body.errors[0].field).toBe('after');
    // A well-formed cursor whose date JavaScript parses but PostgreSQL cannot hold (an expanded year) is forged too.
    const farFuture = Buffer.from(JSON.stringify({ updatedAt: '+010000-01-01T00:00:00.000Z', id: '53d862a8-0000-4000-8000-000000000000' })).toString('base64url');
    const beyond = await request<{ errors: Array<{ field: string }> }>('GET', `${sut.baseUrl}/public/alerts?after=${farFuture}`);
    expect([beyond.status, beyond.body.errors?.[0].field]).toEqual([400, 'after']);
  });
});
