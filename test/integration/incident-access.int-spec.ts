import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
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
});
