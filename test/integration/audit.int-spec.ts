import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AuditEntryView } from '../../src/audit/queries/list-audit-entries/list-audit-entries.query.js';
import { verifyAuditChain } from '../../src/audit/verify-audit-chain.js';
import { request } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

type AuditEntry = AuditEntryView;

/**
 * The audit log against the real PostgreSQL: state-changing requests and reads of RED incidents are recorded with
 * actor and outcome, GET /audit pages them for admins, the chain verifies, the database refuses changes, and a row
 * altered by a superuser (trigger disabled) is the one verification names.
 */
describe('audit log', () => {
  let sut: TestApp;
  let dataSource: DataSource;
  let adminKey: string;
  let regulatorKey: string;
  let analystKey: string;

  const filing = (title: string, tlp: string) => ({
    title,
    description: 'A chatbot gave odd answers to customers.',
    occurredAt: '2024-01-01',
    country: 'SG',
    language: 'en',
    reportingOrganisation: 'Test Regulator',
    tlp,
  });

  const entries = async (limit = 100, after?: string): Promise<{ items: AuditEntry[]; nextCursor: string | null }> => {
    const response = await request<{ items: AuditEntry[]; nextCursor: string | null }>(
      'GET',
      `${sut.baseUrl}/audit?limit=${limit}${after ? `&after=${after}` : ''}`,
      { key: adminKey },
    );
    expect(response.status).toBe(200);
    return response.body;
  };

  beforeAll(async () => {
    sut = await startTestApp('audit');
    dataSource = sut.app.get<DataSource>(getDataSourceToken());
    adminKey = await sut.issueKey('admin');
    regulatorKey = await sut.issueKey('regulator');
    analystKey = await sut.issueKey('analyst');
  }, 60_000);

  afterAll(() => sut?.close());

  it('records a filing, a refused amendment and a RED read with actor, outcome and correlation id, but not a GREEN read', async () => {
    const filed = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, {
      key: regulatorKey,
      body: filing('Chatbot gave odd answers', 'GREEN'),
      headers: { 'X-Correlation-Id': 'audit-test-filing' },
    });
    expect(filed.status).toBe(201);
    const red = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, { key: regulatorKey, body: filing('Red incident', 'RED') });
    expect(red.status).toBe(201);
    const refused = await request('PATCH', `${sut.baseUrl}/incidents/${filed.body.id}`, { key: regulatorKey, body: { country: 'XX' } });
    expect(refused.status).toBe(400);

    expect((await request('GET', `${sut.baseUrl}/incidents/${filed.body.id}`, { key: analystKey })).status).toBe(200);
    // RED: only the filer's key sees it (others get 404, as if it did not exist); the filer's read is audited.
    expect((await request('GET', `${sut.baseUrl}/incidents/${red.body.id}`, { key: analystKey })).status).toBe(404);
    expect((await request('GET', `${sut.baseUrl}/incidents/${red.body.id}`, { key: regulatorKey })).status).toBe(200);

    const log = await waitFor(
      async () => (await entries()).items,
      (items) => items.filter((entry) => entry.resourceId === filed.body.id).length >= 2,
      { description: 'audit entries of the filing and the refused amendment' },
    );
    expect(log.find((entry) => entry.resourceId === filed.body.id && entry.action === 'POST /incidents')).toMatchObject({
      actorRole: 'regulator',
      resourceType: 'incidents',
      outcomeStatus: 201,
      correlationId: 'audit-test-filing',
    });
    expect(log.find((entry) => entry.action === 'PATCH /incidents/:id')).toMatchObject({ resourceId: filed.body.id, outcomeStatus: 400 });
    const reads = log.filter((entry) => entry.action === 'GET /incidents/:id');
    expect(reads).toEqual([expect.objectContaining({ resourceId: red.body.id, actorRole: 'regulator', outcomeStatus: 200 })]);
    expect(reads[0].actorKeyId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('records each read of an AMBER+STRICT incident\'s alert as CAP, by an analyst or the partner, and no read of a GREEN one', async () => {
    const partner = await request<{ id: string; apiKey: string }>('POST', `${sut.baseUrl}/partners`, {
      key: adminKey,
      body: { slug: 'cap-reader', name: 'cap-reader', country: 'SG', subscriptions: [{ all: true }] },
    });
    expect(partner.status).toBe(201);
    const alertOf = async (tlp: string): Promise<{ incidentId: string; alertId: string }> => {
      const filed = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, { key: regulatorKey, body: filing(`CAP read ${tlp}`, tlp) });
      const [delivery] = await waitFor(
        async () => (await request<{ deliveries: Array<{ alertId: string }> }>('GET', `${sut.baseUrl}/incidents/${filed.body.id}`, { key: regulatorKey })).body.deliveries,
        (deliveries) => deliveries.length > 0,
        { description: `the ${tlp} alert` },
      );
      return { incidentId: filed.body.id, alertId: delivery.alertId };
    };
    const strict = await alertOf('AMBER+STRICT');
    const green = await alertOf('GREEN');
    for (const [alertId, key] of [[strict.alertId, analystKey], [strict.alertId, partner.body.apiKey], [green.alertId, analystKey]]) {
      expect((await fetch(`${sut.baseUrl}/alerts/${alertId}/cap`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
    }
    const capReads = (await entries()).items.filter((entry) => entry.action === 'GET /alerts/:id/cap');
    expect(capReads.map((entry) => [entry.resourceId, entry.actorRole]).sort()).toEqual([
      [strict.incidentId, 'analyst'],
      [strict.incidentId, 'partner'],
    ]);
  });

  it('records each AMBER+STRICT or RED incident a search page, a CSV export or the review queue shows, once per read, and no GREEN one', async () => {
    const file = async (title: string, tlp: string) => {
      const filed = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, { key: regulatorKey, body: { ...filing(title, tlp), country: 'MT' } });
      expect(filed.status).toBe(201);
      return filed.body.id;
    };
    const strict = await file('Search read strict', 'AMBER+STRICT');
    const green = await file('Search read green', 'GREEN');
    const red = await file('Search read red', 'RED');
    const readsOf = async (action: string) =>
      (await entries()).items
        .filter((entry) => entry.action === action && [strict, green, red].includes(entry.resourceId ?? ''))
        .map((entry) => [entry.resourceId, entry.actorRole, entry.outcomeStatus]);

    const page = await request<{ items: Array<{ id: string }> }>('GET', `${sut.baseUrl}/incidents?country=MT`, { key: analystKey });
    expect(page.body.items.map((item) => item.id).sort()).toEqual([strict, green].sort());
    expect(await readsOf('GET /incidents')).toEqual([[strict, 'analyst', 200]]);

    // The filer sees its RED incident too; the export is read as a stream, the reads recorded before the rows leave.
    const csv = await fetch(`${sut.baseUrl}/incidents/export.csv?country=MT`, { headers: { authorization: `Bearer ${regulatorKey}`, 'x-correlation-id': 'csv-read' } });
    expect((await csv.text()).split('\n').filter((line) => line.includes('Search read'))).toHaveLength(3);
    const exported = (await entries()).items.filter((entry) => entry.action === 'GET /incidents/export.csv');
    expect(exported.map((entry) => [entry.resourceId, entry.actorRole, entry.correlationId]).sort()).toEqual(
      [[strict, 'regulator', 'csv-read'], [red, 'regulator', 'csv-read']].sort(),
    );
    expect(exported.every((entry) => /^[0-9a-f-]{36}$/.test(entry.actorKeyId ?? ''))).toBe(true);

    // The review queue lists titles and labels too ("odd answers" leaves the axes undetermined, so both are queued).
    const queue = await request<{ items: Array<{ incidentId: string }> }>('GET', `${sut.baseUrl}/reviews?limit=100`, { key: analystKey });
    expect(queue.body.items.map((item) => item.incidentId)).toEqual(expect.arrayContaining([strict, green]));
    expect(await readsOf('GET /reviews')).toEqual([[strict, 'analyst', 200]]);
  });

  it('pages newest first by keyset and is for admins only', async () => {
    const all = (await entries()).items;
    expect(all.length).toBeGreaterThanOrEqual(4);
    const paged: AuditEntry[] = [];
    let after: string | undefined;
    do {
      const page = await entries(1, after);
      paged.push(...page.items);
      after = page.nextCursor ?? undefined;
    } while (after);
    expect(paged.map((entry) => entry.seq).slice(0, all.length)).toEqual(all.map((entry) => entry.seq));
    expect(all.map((entry) => Number(entry.seq))).toEqual([...all.map((entry) => Number(entry.seq))].sort((a, b) => b - a));
    expect((await request('GET', `${sut.baseUrl}/audit`, { key: analystKey })).status).toBe(403);
    expect((await request('GET', `${sut.baseUrl}/audit?after=abc`, { key: adminKey })).status).toBe(400);
  });

  it('keeps one linear chain when 40 filings arrive at once, one entry each', async () => {
    const before = (await entries(1)).items[0];
    const filed = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, { key: regulatorKey, body: filing(`Concurrent filing ${index}`, 'GREEN') }),
      ),
    );
    expect(filed.map((response) => response.status)).toEqual(Array.from({ length: 40 }, () => 201));
    const ids = new Set(filed.map((response) => response.body.id));
    const appended = await waitFor(
      async () => (await entries(100)).items.filter((entry) => Number(entry.seq) > Number(before.seq)),
      (items) => items.filter((entry) => ids.has(entry.resourceId ?? '')).length === 40,
      { description: '40 audit entries of the concurrent filings' },
    );
    expect(new Set(appended.map((entry) => entry.resourceId)).size).toBe(appended.length);
    expect((await verifyAuditChain(dataSource)).broken).toBeNull();
  });

  it('records a request whose path parameter is longer than its column, cut to fit and marked, with the entries beside it', async () => {
    const longId = `${'9'.repeat(150)}é${'x'.repeat(149)}`; // 300 characters, as the fuzz test sends
    const [retraction, filed] = await Promise.all([
      request('POST', `${sut.baseUrl}/incidents/${encodeURIComponent(longId)}/retraction`, { key: regulatorKey, body: { reason: 'fuzzed id' } }),
      request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, { key: regulatorKey, body: filing('Filed beside a fuzzed retraction', 'GREEN') }),
    ]);
    expect(retraction.status).toBeGreaterThanOrEqual(400);
    expect(retraction.status).toBeLessThan(500);
    expect(filed.status).toBe(201);
    const log = await waitFor(
      async () => (await entries()).items,
      (items) => items.some((entry) => entry.action === 'POST /incidents/:id/retraction') && items.some((entry) => entry.resourceId === filed.body.id),
      { description: 'audit entries of the fuzzed retraction and the filing beside it' },
    );
    const entry = log.find((candidate) => candidate.action === 'POST /incidents/:id/retraction')!;
    expect(entry).toMatchObject({ actorRole: 'regulator', resourceType: 'incidents', outcomeStatus: retraction.status });
    expect(entry.resourceId).toBe(`${longId.slice(0, 199)}…`);
    expect(Array.from(entry.resourceId!)).toHaveLength(200);
    expect((await verifyAuditChain(dataSource)).broken).toBeNull();
  });

  it('verifies the chain, refuses UPDATE and DELETE, and names the row a superuser altered', async () => {
    const intact = await verifyAuditChain(dataSource, 2);
    expect(intact.broken).toBeNull();
    expect(intact.verified).toBeGreaterThanOrEqual(4);
    await expect(dataSource.query(`UPDATE audit_log SET outcome_status = 200 WHERE seq = 2`)).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`DELETE FROM audit_log WHERE seq = 2`)).rejects.toThrow(/append-only/);

    await dataSource.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    await dataSource.query(`UPDATE audit_log SET outcome_status = 299 WHERE seq = 2`);
    await dataSource.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
    expect(await verifyAuditChain(dataSource, 2)).toMatchObject({
      verified: 1,
      broken: { seq: 2, reason: 'hash does not match the entry: the entry was altered' },
    });
  });
});
