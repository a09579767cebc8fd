import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { loadDemoIncidents } from '../support/demo-incidents.js';
import { request } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Who may read and change one incident: only the API key that filed it amends or retracts it (403
 * INCIDENT.NOT_FILER for another regulator), and a TLP:RED incident is visible only to its filer (404 for every other
 * key, so its existence does not leak) — found by a new-user trial, where a second regulator downgraded another's RED
 * incident to CLEAR and so published it.
 */
describe('incident access: filer-only changes, RED visible to its filer only', () => {
  let sut: TestApp;
  let filer: string;
  let otherRegulator: string;
  let analyst: string;
  let admin: string;
  const filing = loadDemoIncidents().find((entry) => entry.filing.tlp === 'GREEN')!.filing;

  beforeAll(async () => {
    sut = await startTestApp('incident-access');
    [filer, otherRegulator, analyst, admin] = await Promise.all([
      sut.issueKey('regulator'),
      sut.issueKey('regulator'),
      sut.issueKey('analyst'),
      sut.issueKey('admin'),
    ]);
  });

  afterAll(async () => {
    await sut?.close();
  });

  /** What a caller could compare between two answers: the problem without its per-request id and incident id. */
  const problemShape = (response: { status: number; headers: Headers; body: unknown }, id: string) => ({
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: JSON.parse(JSON.stringify(response.body).replaceAll(id, '<id>')) as Record<string, unknown> & { correlationId?: string },
  });
  const withoutCorrelation = (shape: ReturnType<typeof problemShape>) => ({ ...shape, body: { ...shape.body, correlationId: undefined } });
  /** Everything a change to the incident would write: its row, reviews, classifications, follow-ups and outbox events. */
  const stateOf = async (id: string): Promise<unknown> =>
    sut.app.get(DataSource).query(
      `SELECT i.version, i.tlp, i.status, i.updated_at,
              (SELECT count(*) FROM classification_overrides WHERE incident_id = i.id) AS overrides,
              (SELECT count(*) FROM incident_classifications WHERE incident_id = i.id) AS classifications,
              (SELECT count(*) FROM follow_ups WHERE incident_id = i.id) AS follow_ups,
              (SELECT count(*) FROM outbox_messages) AS outbox
         FROM incidents i WHERE i.id = $1`,
      [id],
    );
  const unknownId = '00000000-0000-4000-8000-000000000000';

  const file = async (tlp: string): Promise<string> => {
    const filed = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, { key: filer, body: { ...filing, tlp } });
    expect(filed.status).toBe(201);
    return filed.body.id;
  };

  it("refuses another regulator's amendment and retraction with 403, and lets the filer make them", async () => {
    const id = await file('GREEN');
    const amend = await request<{ code: string }>('PATCH', `${sut.baseUrl}/incidents/${id}`, { key: otherRegulator, body: { tlp: 'CLEAR' } });
    expect([amend.status, amend.body.code]).toEqual([403, 'INCIDENT.NOT_FILER']);
    const retract = await request<{ code: string }>('POST', `${sut.baseUrl}/incidents/${id}/retraction`, { key: otherRegulator, body: { reason: 'not mine' } });
    expect([retract.status, retract.body.code]).toEqual([403, 'INCIDENT.NOT_FILER']);
    const own = await request<{ version: number }>('PATCH', `${sut.baseUrl}/incidents/${id}`, { key: filer, body: { tlp: 'AMBER' } });
    expect([own.status, own.body.version]).toEqual([200, 2]);
  });

  it('shows a RED incident and its classifications to its filer only; for everyone else it does not exist', async () => {
    const id = await file('RED');
    for (const key of [otherRegulator, analyst, admin]) {
      expect((await request('GET', `${sut.baseUrl}/incidents/${id}`, { key })).status).toBe(404);
      expect((await request('GET', `${sut.baseUrl}/incidents/${id}/classifications`, { key })).status).toBe(404);
    }
    const downgrade = await request<{ code: string }>('PATCH', `${sut.baseUrl}/incidents/${id}`, { key: otherRegulator, body: { tlp: 'CLEAR' } });
    expect([downgrade.status, downgrade.body.code]).toEqual([404, 'INCIDENT.NOT_FOUND']);
    const own = await request<{ incident: { tlp: string } }>('GET', `${sut.baseUrl}/incidents/${id}`, { key: filer });
    expect([own.status, own.body.incident.tlp]).toEqual([200, 'RED']);
    expect((await request('GET', `${sut.baseUrl}/incidents/${id}/classifications`, { key: filer })).status).toBe(200);
  });

  it('answers a review of a RED incident the reviewer may not view with the 404 of an unknown id, and writes nothing', async () => {
    const id = await file('RED');
    const review = { axes: { mechanism: { label: 'misuse', reason: 'x' } } };
    for (const key of [analyst]) {
      const before = await stateOf(id);
      const hidden = await request('POST', `${sut.baseUrl}/reviews/${id}`, { key, body: review });
      const unknown = await request('POST', `${sut.baseUrl}/reviews/${unknownId}`, { key, body: review });
      expect(withoutCorrelation(problemShape(hidden, id))).toEqual(withoutCorrelation(problemShape(unknown, unknownId)));
      expect([hidden.status, (hidden.body as { code: string }).code]).toEqual([404, 'INCIDENT.NOT_FOUND']);
      expect(hidden.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await stateOf(id)).toEqual(before);
    }
  });

  it('never lists a RED incident in the review queue of a key that may not view it, nor takes it as a cursor', async () => {
    const red = await file('RED');
    const green = await file('GREEN');
    const queued = async (key: string): Promise<string[]> => {
      const ids: string[] = [];
      let after: string | null = null;
      do {
        const page: { status: number; body: { items: Array<{ incidentId: string }>; nextCursor: string | null } } = await request(
          'GET',
          `${sut.baseUrl}/reviews?limit=100${after ? `&after=${after}` : ''}`,
          { key },
        );
        expect(page.status).toBe(200);
        ids.push(...page.body.items.map((item) => item.incidentId));
        after = page.body.nextCursor;
      } while (after);
      return ids;
    };
    for (const key of [analyst, admin]) {
      expect(await queued(key)).not.toContain(red);
      const cursor = await request<{ errors: Array<{ field: string }> }>('GET', `${sut.baseUrl}/reviews?after=${red}`, { key });
      expect([cursor.status, cursor.body.errors.map((error) => error.field)]).toEqual([400, ['after']]);
      expect((await request('GET', `${sut.baseUrl}/reviews?after=${green}`, { key })).status).toBe(200);
    }
  });

  it("answers follow-ups, amendment and retraction of a RED incident another regulator may not view with 404, not 403, and writes nothing", async () => {
    const id = await file('RED');
    const before = await stateOf(id);
    // [method, path under the incident, body, keys the route's roles admit]
    const calls: Array<[string, string, unknown, string[]]> = [
      ['GET', 'follow-ups', undefined, [otherRegulator, admin]],
      ['POST', 'follow-ups', { text: 'Please share the model card.' }, [otherRegulator]],
      ['POST', 'follow-ups/aaaaaaaa-0000-4000-8000-000000000000/answer', { answer: 'Here it is.' }, [otherRegulator, admin]],
      ['PATCH', '', { tlp: 'CLEAR' }, [otherRegulator]],
      ['POST', 'retraction', { reason: 'not mine' }, [otherRegulator]],
    ];
    for (const [method, path, body, keys] of calls) {
      for (const key of keys) {
        const at = (incident: string) => `${sut.baseUrl}/incidents/${incident}${path ? `/${path}` : ''}`;
        const hidden = await request(method, at(id), { key, body });
        const unknown = await request(method, at(unknownId), { key, body });
        expect([method, path, withoutCorrelation(problemShape(hidden, id))]).toEqual([method, path, withoutCorrelation(problemShape(unknown, unknownId))]);
        expect([method, path, hidden.status]).toEqual([method, path, 404]);
      }
    }
    expect(await stateOf(id)).toEqual(before);
  });

  it('still answers 403 to another regulator on follow-ups of an incident it may view but did not file', async () => {
    const id = await file('GREEN');
    const before = await stateOf(id);
    const list = await request<{ code: string }>('GET', `${sut.baseUrl}/incidents/${id}/follow-ups`, { key: otherRegulator });
    expect([list.status, list.body.code]).toEqual([403, 'AUTH.FORBIDDEN']);
    const raise = await request<{ code: string }>('POST', `${sut.baseUrl}/incidents/${id}/follow-ups`, { key: otherRegulator, body: { text: 'Mine now.' } });
    expect([raise.status, raise.body.code]).toEqual([403, 'AUTH.FORBIDDEN']);
    expect(await stateOf(id)).toEqual(before);
  });
});
