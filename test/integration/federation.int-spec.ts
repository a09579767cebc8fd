import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Kafka, logLevel } from 'kafkajs';
import { Webhook } from 'standardwebhooks';
import { incidentEventsTopic } from '@app/contracts';
import { DataSource } from 'typeorm';
import { foreignIncidentId } from '../../src/federation/commands/receive-peer-alert/receive-peer-alert.handler.js';
import { AlertSigner } from '../../src/signing/alert-signer.service.js';
import { loadDemoIncidents } from '../support/demo-incidents.js';
import { request } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { TEST_KAFKA_BROKERS } from '../support/test-environment.js';
import { waitFor } from '../support/wait-for.js';

interface Window {
  sut: TestApp;
  admin: string;
  regulator: string;
  analyst: string;
}

interface IncidentDetail {
  incident: { id: string; title: string; version: number; status: string; tlp: string; originJurisdiction: string; onwardSharing?: boolean };
  deliveries: Array<{ partnerName: string; alertId: string; version: number; msgType: string; acknowledgedAt: string | null; acknowledgementNote: string | null }>;
  foreignOrigin?: { peerId: string; originJurisdiction: string; originIncidentId: string; originVersion: number };
}

interface Problem {
  status: number;
  code: string;
  errors?: Array<{ field: string; messages: string[] }>;
}

interface RegisteredPeer {
  id: string;
  webhookSecret: string;
  apiKey: string;
  keyIds: string[];
}

async function openWindow(name: string, jurisdiction: string): Promise<Window> {
  // A JWK set may be fetched again 1 s after the last fetch (default 30 s), so the rotation test need not wait.
  const sut = await startTestApp(name, { JURISDICTION: jurisdiction, PEER_JWKS_REFRESH_SECONDS: '1' });
  return { sut, admin: await sut.issueKey('admin'), regulator: await sut.issueKey('regulator'), analyst: await sut.issueKey('analyst') };
}

/**
 * Pairs two windows as docs/federation.md describes, with the JWK set of `right` given by URL at `left` and the JWK set
 * of `left` given inline at `right`: `left` registers `right`, `right` registers `left` with the credentials `left`
 * issued, `left` stores the credentials `right` issued. Returns each side's registration of the other.
 */
async function pair(
  left: Window & { slug: string; name: string; country: string },
  right: Window & { slug: string; name: string; country: string },
): Promise<{ rightAtLeft: RegisteredPeer; leftAtRight: RegisteredPeer }> {
  const atLeft = await request<RegisteredPeer>('POST', `${left.sut.baseUrl}/peers`, {
    key: left.admin,
    body: { slug: right.slug, name: right.name, country: right.country, baseUrl: right.sut.baseUrl, jwksUrl: `${right.sut.baseUrl}/.well-known/jwks.json` },
  });
  expect(atLeft.status).toBe(201);
  const jwksOfLeft = await request<Record<string, unknown>>('GET', `${left.sut.baseUrl}/.well-known/jwks.json`);
  const atRight = await request<RegisteredPeer>('POST', `${right.sut.baseUrl}/peers`, {
    key: right.admin,
    body: {
      slug: left.slug,
      name: left.name,
      country: left.country,
      baseUrl: left.sut.baseUrl,
      jwks: jwksOfLeft.body,
      credentials: { webhookSecrets: [atLeft.body.webhookSecret], apiKey: atLeft.body.apiKey },
    },
  });
  expect(atRight.status).toBe(201);
  const credentials = await request('PUT', `${left.sut.baseUrl}/peers/${atLeft.body.id}/credentials`, {
    key: left.admin,
    body: { webhookSecrets: [atRight.body.webhookSecret], apiKey: atRight.body.apiKey },
  });
  expect(credentials.status).toBe(204);
  return { rightAtLeft: atLeft.body, leftAtRight: atRight.body };
}

/** Incident events the window's router has not consumed yet (committed offsets of its group against the end offsets). */
async function routerLag(sut: TestApp): Promise<number> {
  const admin = new Kafka({ brokers: TEST_KAFKA_BROKERS.split(','), clientId: 'federation-test', logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const topic = incidentEventsTopic(sut.topicPrefix);
    const ends = await admin.fetchTopicOffsets(topic);
    const [committed] = await admin.fetchOffsets({ groupId: `aisw-${sut.topicPrefix}-router`, topics: [topic] });
    return ends.reduce((lag, { partition, high }) => {
      const done = committed.partitions.find((entry) => entry.partition === partition)?.offset ?? '-1';
      return lag + Number(high) - Math.max(0, Number(done));
    }, 0);
  } finally {
    await admin.disconnect();
  }
}

/** Active incidents matching `q` in a window's search, as its analyst sees them. */
async function searchIds(window: Window, q: string): Promise<string[]> {
  const found = await request<{ items: Array<{ id: string }> }>('GET', `${window.sut.baseUrl}/incidents?q=${encodeURIComponent(q)}&limit=100`, { key: window.analyst });
  expect(found.status).toBe(200);
  return found.body.items.map((item) => item.id);
}

/** Incidents of `country` counted by the window's trends over the whole history. */
async function trendTotal(window: Window, country: string): Promise<number> {
  const trends = await request<{ series: Array<{ total: number }> }>(
    'GET',
    `${window.sut.baseUrl}/trends?interval=year&from=1990-01-01T00:00:00Z&country=${country}&signals=false`,
    { key: window.analyst },
  );
  expect(trends.status).toBe(200);
  return trends.body.series.reduce((sum, series) => sum + series.total, 0);
}

/**
 * Federation (issue 7, "Peers"): three single windows of this product, A (FR), B (DE) and C (SG), each its own app with
 * its own database, topic prefix and jurisdiction on the real PostgreSQL and the real shared Kafka broker, paired
 * through their admin APIs as docs/federation.md describes (A with B, B with C; A and C are not peers). Proves: an
 * incident filed in A reaches B verified, is stored as a foreign incident counted by B's search and trends, and is
 * acknowledged automatically (A sees the acknowledgement); a follow-up and a request for assistance raised in B reach
 * A's filer; an amendment in A updates B's copy; a retraction in A removes it from B's (and C's) views; a tampered
 * alert is refused; a repeat is not stored twice; onward sharing to C follows A's rule (GREEN only when allowed,
 * AMBER and RED never).
 */
describe('federation between single windows', () => {
  let a: Window;
  let b: Window;
  let c: Window;
  let bAtA: RegisteredPeer;
  let aAtB: RegisteredPeer;
  let bAtC: RegisteredPeer;
  let incidentId: string;
  let copyId: string;
  const filing = { ...loadDemoIncidents().find((entry) => entry.filing.tlp === 'GREEN' && entry.filing.country !== 'FR')!.filing, country: 'NZ' };
  const title = `${filing.title} (federation ${Date.now().toString(36)})`;

  beforeAll(async () => {
    a = await openWindow('fed-a', 'FR');
    b = await openWindow('fed-b', 'DE');
    c = await openWindow('fed-c', 'SG');
    const windowA = { ...a, slug: 'fr-window', name: 'French AI single window', country: 'FR' };
    const windowB = { ...b, slug: 'de-window', name: 'German AI single window', country: 'DE' };
    const windowC = { ...c, slug: 'sg-window', name: 'Singapore AI single window', country: 'SG' };
    ({ rightAtLeft: bAtA, leftAtRight: aAtB } = await pair(windowA, windowB));
    // C is B's peer only: whatever C holds of A's incidents came through B.
    ({ leftAtRight: bAtC } = await pair(windowB, windowC));

    const filed = await request<{ id: string }>('POST', `${a.sut.baseUrl}/incidents`, { key: a.regulator, body: { ...filing, title } });
    expect(filed.status).toBe(201);
    incidentId = filed.body.id;
  });

  afterAll(async () => {
    await a?.sut.close();
    await b?.sut.close();
    await c?.sut.close();
  });

  const detailAt = async (window: Window, id: string): Promise<IncidentDetail> =>
    (await request<IncidentDetail>('GET', `${window.sut.baseUrl}/incidents/${id}`, { key: window.analyst })).body;

  /** The delivery of version `version` to B as A records it. */
  const deliveryToB = async (version: number): Promise<IncidentDetail['deliveries'][number] | undefined> =>
    (await detailAt(a, incidentId)).deliveries.find((delivery) => delivery.partnerName === 'German AI single window' && delivery.version === version);

  it('registers the peers with their keys and credentials, never showing secret values', async () => {
    const jwksOfB = await request<{ keys: Array<{ kid: string }> }>('GET', `${b.sut.baseUrl}/.well-known/jwks.json`);
    expect(bAtA.keyIds).toEqual(jwksOfB.body.keys.map((key) => key.kid));
    const peer = await request<Record<string, unknown>>('GET', `${a.sut.baseUrl}/peers/${bAtA.id}`, { key: a.admin });
    expect(peer.status).toBe(200);
    expect(peer.body).toMatchObject({
      slug: 'de-window',
      country: 'DE',
      baseUrl: b.sut.baseUrl,
      webhookUrl: `${b.sut.baseUrl}/federation/alerts`,
      credentials: { webhookSecrets: 1, apiKey: true },
    });
    expect(JSON.stringify(peer.body)).not.toContain(aAtB.apiKey);
    expect((await request('GET', `${a.sut.baseUrl}/peers`, { key: a.regulator })).status).toBe(403);
  });

  it('refuses a registration naming the bad field, storing nothing (key sets, SSRF rules of webhook URLs)', async () => {
    const peersBefore = (await request<{ items: unknown[] }>('GET', `${a.sut.baseUrl}/peers`, { key: a.admin })).body.items.length;
    const register = (body: Record<string, unknown>) =>
      request<Problem>('POST', `${a.sut.baseUrl}/peers`, { key: a.admin, body: { slug: 'xx-window', name: 'Refused window', country: 'JP', ...body } });
    const jwksOfB = (await request<{ keys: Array<Record<string, unknown>> }>('GET', `${b.sut.baseUrl}/.well-known/jwks.json`)).body;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ baseUrl: b.sut.baseUrl }, 'jwks'],
      [{ baseUrl: b.sut.baseUrl, jwks: jwksOfB, jwksUrl: `${b.sut.baseUrl}/.well-known/jwks.json` }, 'jwks'],
      [{ baseUrl: b.sut.baseUrl, jwks: { keys: [{ ...jwksOfB.keys[0], d: 'cHJpdmF0ZQ' }] } }, 'jwks'],
      // Outside WEBHOOK_ALLOWED_NETWORKS (the tests allow loopback only): the cloud metadata address, a private network.
      [{ baseUrl: 'http://169.254.169.254', jwks: jwksOfB }, 'baseUrl'],
      [{ baseUrl: b.sut.baseUrl, jwksUrl: 'http://10.1.2.3/.well-known/jwks.json' }, 'jwksUrl'],
      // An IPv6 zone id: valid for RFC 3986 validators, refused by the WHATWG URL parser every call uses.
      [{ baseUrl: 'http://[fe80::1%25eth0]', jwks: jwksOfB }, 'baseUrl'],
      [{ baseUrl: b.sut.baseUrl, jwksUrl: 'http://[::ffff:10.0.0.1%25lo]/.well-known/jwks.json' }, 'jwksUrl'],
      // Credentials in the URL: they would be stored and shown; the peer's credentials go in `credentials`.
      [{ baseUrl: b.sut.baseUrl.replace('http://', 'http://user:pass@'), jwks: jwksOfB }, 'baseUrl'],
      [{ baseUrl: b.sut.baseUrl, jwksUrl: `${b.sut.baseUrl.replace('http://', 'http://user:pass@')}/.well-known/jwks.json` }, 'jwksUrl'],
      // Reachable, but not a JWK set.
      [{ baseUrl: b.sut.baseUrl, jwksUrl: `${b.sut.baseUrl}/health` }, 'jwksUrl'],
      // A itself: its own jurisdiction, or its own keys (what a baseUrl / jwksUrl naming A yields).
      [{ country: 'FR', baseUrl: b.sut.baseUrl, jwks: jwksOfB }, 'country'],
      [{ baseUrl: a.sut.baseUrl, jwksUrl: `${a.sut.baseUrl}/.well-known/jwks.json` }, 'jwksUrl'],
    ];
    for (const [body, field] of cases) {
      const refused = await register(body);
      expect([refused.status, refused.body.errors?.map((error) => error.field)]).toEqual([400, [field]]);
      expect(refused.body.errors?.[0].messages.join(' ')).not.toMatch(/TypeError|Invalid URL/);
    }
    const jwksOfA = (await request<Record<string, unknown>>('GET', `${a.sut.baseUrl}/.well-known/jwks.json`)).body;
    const itself = await register({ country: 'fr', baseUrl: a.sut.baseUrl, jwks: jwksOfA });
    expect([itself.status, itself.body.errors?.map((error) => error.field)]).toEqual([400, ['country', 'jwks']]);
    expect((await request<{ items: unknown[] }>('GET', `${a.sut.baseUrl}/peers`, { key: a.admin })).body.items).toHaveLength(peersBefore);
    // Nor can a registered peer be given this window's own jurisdiction afterwards.
    const moved = await request<Problem>('PATCH', `${a.sut.baseUrl}/partners/${bAtA.id}`, { key: a.admin, body: { country: 'fr' } });
    expect([moved.status, moved.body.errors?.map((error) => error.field)]).toEqual([400, ['country']]);
    expect((await request<{ country: string }>('GET', `${a.sut.baseUrl}/peers/${bAtA.id}`, { key: a.admin })).body.country).toBe('DE');
  });

  it('registers one of five parallel registrations of a slug: the others get 409 PARTNER.SLUG_TAKEN and store no peer', async () => {
    const peersBefore = (await request<{ items: unknown[] }>('GET', `${a.sut.baseUrl}/peers`, { key: a.admin })).body.items.length;
    const jwksOfB = (await request<Record<string, unknown>>('GET', `${b.sut.baseUrl}/.well-known/jwks.json`)).body;
    // A subscription nothing here matches (Antarctica), so this extra peer gets none of the alerts the next tests follow.
    const body = { slug: 'racing-window', name: 'Racing window', country: 'DE', baseUrl: b.sut.baseUrl, jwks: jwksOfB, subscriptions: [{ countries: ['AQ'] }] };
    const attempts = await Promise.all(Array.from({ length: 5 }, () => request<Problem>('POST', `${a.sut.baseUrl}/peers`, { key: a.admin, body })));
    expect(attempts.map((attempt) => attempt.status).sort()).toEqual([201, 409, 409, 409, 409]);
    expect(attempts.filter((attempt) => attempt.status === 409).map((attempt) => attempt.body.code)).toEqual(Array(4).fill('PARTNER.SLUG_TAKEN'));
    expect((await request<{ items: unknown[] }>('GET', `${a.sut.baseUrl}/peers`, { key: a.admin })).body.items).toHaveLength(peersBefore + 1);
    const [keys] = await a.sut.app.get(DataSource).query<Array<{ count: number }>>(`SELECT count(*)::int AS count FROM api_keys WHERE name = 'partner racing-window'`);
    expect(keys.count).toBe(1);
  });

  it('files in A; B receives and verifies it, stores a foreign incident its search and trends count, and acknowledges it to A', async () => {
    const acknowledged = await waitFor(() => deliveryToB(1), (delivery) => Boolean(delivery?.acknowledgedAt), {
      timeoutMs: 120_000,
      description: 'B acknowledging version 1 at A',
    });
    expect(acknowledged?.msgType).toBe('Alert');
    expect(acknowledged?.acknowledgementNote).toBe('received and verified by the DE single window');

    copyId = (await searchIds(b, title))[0];
    expect(copyId).toBeDefined();
    const copy = await detailAt(b, copyId);
    expect(copy.incident).toMatchObject({ title, version: 1, status: 'active', tlp: 'GREEN', originJurisdiction: 'FR', onwardSharing: false });
    expect(copy.foreignOrigin).toEqual({ peerId: aAtB.id, originJurisdiction: 'FR', originIncidentId: incidentId, originAlertId: acknowledged?.alertId, originVersion: 1 });
    expect(await trendTotal(b, 'NZ')).toBe(1);
    // The copy is the originator's: B can neither amend nor retract it.
    const amend = await request<Problem>('PATCH', `${b.sut.baseUrl}/incidents/${copyId}`, { key: b.regulator, body: { title: 'changed in B' } });
    expect([amend.status, amend.body.code]).toEqual([409, 'INCIDENT.FOREIGN']);
    // Its labels are A's: B's review queue never lists it.
    const queue = await request<{ items: Array<{ incidentId: string }> }>('GET', `${b.sut.baseUrl}/reviews?limit=100`, { key: b.analyst });
    expect(queue.body.items.map((item) => item.incidentId)).not.toContain(copyId);
    // B does not send A's incident back to A.
    expect((await detailAt(b, copyId)).deliveries).toEqual([]);
  });

  /** The event A recorded for B (what its dispatcher POSTs), signed afresh for the webhook with `secret`. */
  async function deliveryOfA(version: number, ofIncident = incidentId): Promise<{ body: string; headers: Record<string, string> }> {
    const [{ event, alert_id: alertId }] = await a.sut.app.get(DataSource).query<Array<{ event: Record<string, unknown>; alert_id: string }>>(
      `SELECT d.event, d.alert_id FROM deliveries d WHERE d.partner_id = $1 AND d.incident_id = $2 AND d.version = $3`,
      [bAtA.id, ofIncident, version],
    );
    return signed(JSON.stringify(event), alertId, bAtA.webhookSecret);
  }

  function signed(body: string, webhookId: string, secret: string): { body: string; headers: Record<string, string> } {
    const timestamp = new Date();
    return {
      body,
      headers: {
        'content-type': 'application/cloudevents+json; charset=utf-8',
        'webhook-id': webhookId,
        'webhook-timestamp': Math.floor(timestamp.getTime() / 1000).toString(),
        'webhook-signature': new Webhook(secret).sign(webhookId, timestamp, body),
      },
    };
  }

  const postToB = (delivery: { body: string; headers: Record<string, string> }) =>
    request<Problem & { outcome?: string; incidentId?: string }>('POST', `${b.sut.baseUrl}/federation/alerts`, { rawBody: delivery.body, headers: delivery.headers });

  it('answers a repeat 200 duplicate and stores nothing twice', async () => {
    const counts = async (): Promise<unknown> =>
      b.sut.app.get(DataSource).query(
        `SELECT (SELECT count(*) FROM incidents) AS incidents, (SELECT count(*) FROM foreign_incidents) AS links,
                (SELECT count(*) FROM incident_classifications) AS classifications, (SELECT count(*) FROM peer_messages) AS messages`,
      );
    const before = await counts();
    const repeat = await postToB(await deliveryOfA(1));
    expect([repeat.status, repeat.body.outcome, repeat.body.incidentId]).toEqual([200, 'duplicate', copyId]);
    expect(await counts()).toEqual(before);
    expect((await detailAt(b, copyId)).incident.version).toBe(1);
  });

  it('refuses a tampered alert, a wrong webhook signature and an unknown peer with problem+json', async () => {
    const genuine = await deliveryOfA(1);
    const event = JSON.parse(genuine.body) as { id: string; source: string; data: { incident: { title: string } } };
    // Content changed after A signed it; the webhook HMAC is recomputed with the right secret, so only the JWS can tell.
    event.data.incident.title = 'Tampered in transit';
    const tampered = await postToB(signed(JSON.stringify(event), event.id, bAtA.webhookSecret));
    expect([tampered.status, tampered.body.code]).toEqual([401, 'FEDERATION.BAD_SIGNATURE']);
    expect(tampered.headers.get('content-type')).toMatch(/^application\/problem\+json/);

    // A registered peer (FR) with a wrong HMAC and a jurisdiction no peer is registered for (JP) get the very same
    // answer, so an unauthenticated caller cannot learn which windows are peers here.
    const forged = 'whsec_' + Buffer.from('not the secret A was given!!').toString('base64');
    const wrongSecret = await postToB(signed(genuine.body, event.id, forged));
    const unknown = await postToB(signed(JSON.stringify({ ...JSON.parse(genuine.body), source: '/aisw/JP' }), event.id, forged));
    const answer = (response: typeof wrongSecret) => {
      const { type, title, status, detail, code, reason } = response.body as Problem & { type: string; title: string; detail: string; reason: string };
      return { httpStatus: response.status, contentType: response.headers.get('content-type'), type, title, status, detail, code, reason };
    };
    expect(answer(wrongSecret)).toMatchObject({ httpStatus: 401, code: 'FEDERATION.BAD_SIGNATURE', reason: 'bad-webhook-signature' });
    expect(answer(unknown)).toEqual(answer(wrongSecret));
    expect(JSON.stringify(unknown.body)).not.toMatch(/JP|registered here with|No peer/);
    expect(Object.keys(unknown.body).sort()).toEqual(Object.keys(wrongSecret.body).sort());

    // A stale timestamp is refused before any peer is looked up: the same 401 for a peer and for a stranger.
    const staleDelivery = (body: string) => {
      const delivery = signed(body, event.id, bAtA.webhookSecret);
      const then = new Date(Date.now() - 10 * 60_000);
      return { body, headers: { ...delivery.headers, 'webhook-timestamp': Math.floor(then.getTime() / 1000).toString(), 'webhook-signature': new Webhook(bAtA.webhookSecret).sign(event.id, then, body) } };
    };
    const stalePeer = await postToB(staleDelivery(genuine.body));
    const staleStranger = await postToB(staleDelivery(JSON.stringify({ ...JSON.parse(genuine.body), source: '/aisw/JP' })));
    expect(answer(stalePeer)).toMatchObject({ httpStatus: 401, code: 'FEDERATION.BAD_SIGNATURE', reason: 'stale-timestamp' });
    expect(answer(staleStranger)).toEqual(answer(stalePeer));

    // A timestamp that is not Unix seconds is a malformed request: 400 naming the header, not 401.
    for (const bad of ['abc', '1795953600.5', '-1', '12abc']) {
      const malformed = await postToB({ ...genuine, headers: { ...genuine.headers, 'webhook-timestamp': bad } });
      expect([malformed.status, malformed.body.errors?.map((error) => error.field)]).toEqual([400, ['webhook-timestamp']]);
    }

    const unsigned = await request<Problem>('POST', `${b.sut.baseUrl}/federation/alerts`, { rawBody: genuine.body });
    expect(unsigned.status).toBe(400);
    expect(unsigned.body.errors?.map((error) => error.field)).toEqual(['webhook-id', 'webhook-timestamp', 'webhook-signature']);
    expect((await detailAt(b, copyId)).incident.title).toBe(title);
  });

  /**
   * A's genuine version-1 alert for B turned into a new incident (fresh ids) with `change` applied to `data` and
   * `data.incident`, then signed by A's real signing key and webhook secret, so B's checks pass up to the content rules.
   */
  async function hostileAlertOfA(
    change: { data?: Record<string, unknown>; incident?: Record<string, unknown>; classification?: Record<string, unknown> },
    incident = randomUUID(),
  ): Promise<{ body: string; headers: Record<string, string>; incident: string; alertId: string }> {
    const genuine = JSON.parse((await deliveryOfA(1)).body) as Record<string, unknown> & {
      data: Record<string, unknown> & { incident: Record<string, unknown>; classification: Record<string, unknown> };
    };
    const alertId = randomUUID();
    const event: Record<string, unknown> = {
      ...genuine,
      id: alertId,
      subject: incident,
      data: {
        ...genuine.data,
        alertId,
        references: [],
        ...change.data,
        incident: { ...genuine.data.incident, id: incident, ...change.incident },
        classification: { ...genuine.data.classification, ...change.classification },
      },
    };
    event.jws = await a.sut.app.get(AlertSigner).sign(event);
    return { ...signed(JSON.stringify(event), alertId, bAtA.webhookSecret), incident, alertId };
  }

  /** What B holds of the copy of A's incident `incident` and of alert `alertId`: rows in incidents, foreign_incidents, peer_messages. */
  const heldAtB = async (incident: string, alertId: string): Promise<number[]> => {
    const local = foreignIncidentId(aAtB.id, incident);
    const [row] = await b.sut.app.get(DataSource).query<Array<{ incidents: string; links: string; messages: string }>>(
      `SELECT (SELECT count(*) FROM incidents WHERE id = $1) AS incidents, (SELECT count(*) FROM foreign_incidents WHERE incident_id = $1) AS links,
              (SELECT count(*) FROM peer_messages WHERE alert_id = $2) AS messages`,
      [local, alertId],
    );
    return [Number(row.incidents), Number(row.links), Number(row.messages)];
  };

  it("refuses a correctly signed alert whose content a local filing could not have (spoofed origin, future date, before 1950), storing nothing", async () => {
    const cases: Array<[{ data?: Record<string, unknown>; incident?: Record<string, unknown> }, string]> = [
      // A (FR) claims an incident of CN, a window it is not.
      [{ incident: { originJurisdiction: 'CN' } }, 'data.incident.originJurisdiction'],
      // A claims an incident of B's own jurisdiction, even dressed up as onward-shared.
      [{ incident: { originJurisdiction: 'DE', tlp: 'GREEN', onwardSharing: true } }, 'data.incident.originJurisdiction'],
      // Onward-shared foreign incidents are CLEAR or GREEN ones their originator lets travel on; this one is not.
      [{ incident: { originJurisdiction: 'SG', tlp: 'GREEN', onwardSharing: false } }, 'data.incident.originJurisdiction'],
      [{ incident: { occurredAt: '2999-01-01T00:00:00Z' } }, 'data.incident.occurredAt'],
      // The same lower bound as POST /incidents (1950-01-01).
      [{ incident: { occurredAt: '1949-12-31T00:00:00Z' } }, 'data.incident.occurredAt'],
    ];
    for (const [change, field] of cases) {
      const hostile = await hostileAlertOfA(change);
      const refused = await postToB(hostile);
      expect([refused.status, refused.body.code, refused.body.errors?.map((error) => error.field)]).toEqual([400, 'FEDERATION.INVALID_ALERT', [field]]);
      if (change.incident?.occurredAt === '1949-12-31T00:00:00Z') expect(refused.body.errors?.[0].messages).toEqual(['occurredAt must not be before 1950-01-01']);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await heldAtB(hostile.incident, hostile.alertId)).toEqual([0, 0, 0]);
    }
  });

  it('refuses with 400 naming the field, never 500, a signed alert PostgreSQL or a reader cannot take, or a local filing could not have; stores nothing', async () => {
    type Change = { data?: Record<string, unknown>; incident?: Record<string, unknown>; classification?: Record<string, unknown> };
    const cases: Array<[Change, string[]]> = [
      // PostgreSQL refuses NUL in text and jsonb (invalid byte sequence 0x00).
      [{ classification: { classifierVersion: 'x\u0000y' } }, ['/data/classification/classifierVersion']],
      [{ incident: { personalFields: ['title\u0000'] } }, ['data.incident.personalFields']],
      // The incident version column is a 32-bit integer; 2^53 + 1 is not even a JSON number JavaScript can hold.
      [{ data: { version: 2147483648 }, incident: { version: 2147483648 } }, ['/data/version', '/data/incident/version']],
      // Sent as 9007199254740993 (below), which JSON.parse reads as 2^53, the number the JWS covers.
      [{ data: { version: 2 ** 53 }, incident: { version: 2 ** 53 } }, ['/data/version', '/data/incident/version']],
      // The stored column is varchar(40); the schema said 50.
      [{ classification: { classifierVersion: 'v'.repeat(45) } }, ['/data/classification/classifierVersion']],
      // A leap second: RFC 3339 date-time, but no PostgreSQL timestamp.
      [{ incident: { filedAt: '2016-12-31T23:59:60Z' } }, ['data.incident.filedAt']],
      // Classifications our classifier never produces, which broke ?view=mit and the EU AI Act Art. 73 report.
      [{ classification: { harmTypes: [{ type: 'deepfake', evidence: [] }, { type: 5, evidence: [] }] } }, ['data.classification.harmTypes.1.type']],
      [{ classification: { euAiAct: { category: 'zzz', categories: [], deadlineDays: 'soon', legalBasis: null, widespread: false, evidence: [] } } }, ['data.classification.euAiAct.category', 'data.classification.euAiAct.deadlineDays']],
      // The text and vocabulary rules of POST /incidents.
      [{ incident: { title: '\u200B\u200B' } }, ['data.incident.title']],
      [{ incident: { title: 'Invoice \u202Egpj.exe', description: 'Trojan \u2066Source\u2069' } }, ['data.incident.title', 'data.incident.description']],
      [{ incident: { country: 'XX' } }, ['data.incident.country']],
      [{ incident: { personalFields: ['password'] } }, ['data.incident.personalFields']],
      [{ incident: { filedAt: '9999-12-31T23:59:59Z' } }, ['data.incident.filedAt']],
      [{ incident: { occurredAt: '2026-01-01t00:00:00z' } }, ['data.incident.occurredAt']],
      [{ incident: { sector: 'weapons_of_doom' } }, ['data.incident.sector']],
    ];
    for (const [change, fields] of cases) {
      let hostile = await hostileAlertOfA(change);
      if (change.data?.version === 2 ** 53) {
        hostile = { ...hostile, ...signed(hostile.body.replaceAll(`"version":${2 ** 53}`, '"version":9007199254740993'), hostile.alertId, bAtA.webhookSecret) };
        expect(hostile.body).toContain('"version":9007199254740993');
      }
      const refused = await postToB(hostile);
      expect([JSON.stringify(change), refused.status, refused.body.code, refused.body.errors?.map((error) => error.field).sort()]).toEqual([
        JSON.stringify(change),
        400,
        'FEDERATION.INVALID_ALERT',
        [...fields].sort(),
      ]);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await heldAtB(hostile.incident, hostile.alertId)).toEqual([0, 0, 0]);
    }
    // A NUL in the note of an Update or a Cancel: refused, and the copy stays as it was until a clean Cancel retracts it.
    const incident = randomUUID();
    expect((await postToB(await hostileAlertOfA({ incident: { title: `NUL note ${incident}` } }, incident))).body.outcome).toBe('stored');
    for (const msgType of ['Update', 'Cancel']) {
      const hostile = await hostileAlertOfA({ data: { msgType, version: 2, note: 'bye\u0000' }, incident: { version: 2, status: msgType === 'Cancel' ? 'retracted' : 'active' } }, incident);
      const refused = await postToB(hostile);
      expect([refused.status, refused.body.errors?.map((error) => error.field)]).toEqual([400, ['data.note']]);
    }
    const cancel = await hostileAlertOfA({ data: { msgType: 'Cancel', version: 2, note: 'filed in error' }, incident: { version: 2, status: 'retracted' } }, incident);
    expect((await postToB(cancel)).body.outcome).toBe('retracted');
  });

  it('refuses a peer alert body over 512 KiB with 413 problem+json (the documented limit)', async () => {
    const genuine = JSON.parse((await deliveryOfA(1)).body) as Record<string, unknown>;
    const tooLarge = await postToB(signed(JSON.stringify({ ...genuine, padding: 'x'.repeat(513 * 1024) }), genuine.id as string, bAtA.webhookSecret));
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('accepts unknown members of data and data.incident (forward compatibility, schema) but stores none of them', async () => {
    const marker = `unknown-member-${randomUUID()}`;
    const incident = randomUUID();
    const hostile = await hostileAlertOfA(
      { data: { futureMember: marker }, incident: { futureMember: marker, title: `Forward compatible alert ${marker}`, country: 'IS' } },
      incident,
    );
    const stored = await postToB(hostile);
    expect([stored.status, stored.body.outcome]).toEqual([200, 'stored']);
    const local = foreignIncidentId(aAtB.id, incident);
    const [row] = await b.sut.app.get(DataSource).query<Array<{ row: string }>>('SELECT row_to_json(i)::text AS row FROM incidents i WHERE id = $1', [local]);
    expect(row.row).toContain(`Forward compatible alert ${marker}`);
    expect(row.row.split(marker)).toHaveLength(2); // the title only
    const events = await b.sut.app.get(DataSource).query<Array<{ payload: string }>>('SELECT payload::text AS payload FROM outbox_messages WHERE aggregate_id = $1', [local]);
    expect(events.length).toBeGreaterThan(0);
    for (const { payload } of events) expect(payload).not.toContain('futureMember');
    expect(JSON.stringify(await detailAt(b, local))).not.toContain('futureMember');
    // Retracted again, so the other tests' counts at B are untouched.
    const cancel = await hostileAlertOfA({ data: { msgType: 'Cancel', version: 2 }, incident: { version: 2, status: 'retracted' } }, incident);
    expect([(await postToB(cancel)).body.outcome]).toEqual(['retracted']);
  });

  it('carries a follow-up and a request for assistance raised in B back to the filer in A', async () => {
    const sent = await request<{ id: string; status: string }>('POST', `${b.sut.baseUrl}/federation/incidents/${copyId}/follow-ups`, {
      key: b.analyst,
      body: {
        followUp: { text: 'The same system is deployed in three German cities.', fields: { affectedCities: 3 } },
        assistanceRequest: { request: "Please share the deployer's contact.", urgency: 'priority' },
      },
    });
    expect([sent.status, sent.body.status]).toEqual([202, 'pending']);
    const followUps = await waitFor(
      async () => (await request<{ items: Array<{ kind: string; text: string; partnerName: string; urgency: string | null }> }>(
        'GET', `${a.sut.baseUrl}/incidents/${incidentId}/follow-ups`, { key: a.regulator })).body.items,
      (items) => items.length === 2,
      { timeoutMs: 60_000, description: "B's follow-up and request in A" },
    );
    // Both were stored in one transaction, so their order in the list is by id: compare them sorted by kind.
    const byKind = followUps.map(({ kind, text, partnerName, urgency }) => ({ kind, text, partnerName, urgency })).sort((x, y) => y.kind.localeCompare(x.kind));
    expect(byKind).toEqual([
      { kind: 'follow-up', text: 'The same system is deployed in three German cities.', partnerName: 'German AI single window', urgency: null },
      { kind: 'assistance-request', text: "Please share the deployer's contact.", partnerName: 'German AI single window', urgency: 'priority' },
    ]);
    const sentState = await waitFor(
      async () => (await request<{ items: Array<{ id: string; status: string; createdAt: string; sentAt: string | null }> }>(
        'GET', `${b.sut.baseUrl}/federation/incidents/${copyId}/follow-ups`, { key: b.regulator })).body.items,
      (items) => items[0]?.status === 'sent',
      { description: 'the follow-up marked sent in B' },
    );
    expect(sentState.map(({ id, status }) => ({ id, status }))).toEqual([{ id: sent.body.id, status: 'sent' }]);
    // sentAt is when A accepted it, not A's earlier automatic acknowledgement of the alert.
    expect(Date.parse(sentState[0].sentAt!)).toBeGreaterThanOrEqual(Date.parse(sentState[0].createdAt));
    const notForeign = await request<Problem>('GET', `${a.sut.baseUrl}/federation/incidents/${incidentId}/follow-ups`, { key: a.regulator });
    expect([notForeign.status, notForeign.body.code]).toEqual([404, 'FEDERATION.NOT_FOREIGN']);
    const local = await request<Problem>('POST', `${b.sut.baseUrl}/federation/incidents/${copyId}/follow-ups`, { key: b.analyst, body: {} });
    expect([local.status, local.body.errors?.[0].field]).toEqual([400, 'body']);
  });

  it("updates B's copy when A amends the incident, keeping A's version", async () => {
    const amended = await request<{ version: number }>('PATCH', `${a.sut.baseUrl}/incidents/${incidentId}`, {
      key: a.regulator,
      body: { title: `${title} (amended)`, onwardSharing: true },
    });
    expect([amended.status, amended.body.version]).toEqual([200, 2]);
    const copy = await waitFor(() => detailAt(b, copyId), (detail) => detail.incident.version === 2, { timeoutMs: 120_000, description: 'the Update in B' });
    expect(copy.incident).toMatchObject({ title: `${title} (amended)`, status: 'active', onwardSharing: true });
    expect(copy.foreignOrigin?.originVersion).toBe(2);
    await waitFor(() => deliveryToB(2), (delivery) => Boolean(delivery?.acknowledgedAt), { timeoutMs: 60_000, description: 'the Update acknowledged' });
  });

  it("shares a GREEN incident on to C through B once A allows onward sharing, keeping A's marking and jurisdiction", async () => {
    // Version 1 did not allow onward sharing, so C first hears of the incident with version 2, as an Alert from B.
    const toC = await waitFor(
      async () => (await detailAt(b, copyId)).deliveries.find((delivery) => delivery.partnerName === 'Singapore AI single window'),
      (delivery) => Boolean(delivery?.acknowledgedAt),
      { timeoutMs: 120_000, description: 'B sharing the copy on to C, acknowledged' },
    );
    expect([toC?.msgType, toC?.version]).toEqual(['Alert', 2]);
    const [atC] = await searchIds(c, `${title} (amended)`);
    const copyAtC = await detailAt(c, atC);
    expect(copyAtC.incident).toMatchObject({ tlp: 'GREEN', originJurisdiction: 'FR', version: 2, onwardSharing: true });
    expect(copyAtC.foreignOrigin).toMatchObject({ peerId: bAtC.id, originJurisdiction: 'FR', originIncidentId: copyId });
  });

  it("removes the copy from B's search and trends when A retracts the incident", async () => {
    expect(await searchIds(b, title)).toEqual([copyId]);
    const retracted = await request('POST', `${a.sut.baseUrl}/incidents/${incidentId}/retraction`, { key: a.regulator, body: { reason: 'Filed in error' } });
    expect(retracted.status).toBe(200);
    const copy = await waitFor(() => detailAt(b, copyId), (detail) => detail.incident.status === 'retracted', { timeoutMs: 120_000, description: 'the Cancel in B' });
    expect(copy.incident.version).toBe(3);
    expect(await searchIds(b, title)).toEqual([]);
    expect(await trendTotal(b, 'NZ')).toBe(0);
    const cancel = await waitFor(() => deliveryToB(3), (delivery) => Boolean(delivery?.acknowledgedAt), { timeoutMs: 60_000, description: 'the Cancel acknowledged' });
    expect(cancel?.msgType).toBe('Cancel');
    // The retraction reaches C through B too.
    await waitFor(async () => searchIds(c, title), (ids) => ids.length === 0, { timeoutMs: 120_000, description: 'the Cancel at C' });
  });

  it('never lets AMBER or RED travel on, whatever the originator says, and never sends RED copies to analysts', async () => {
    const fileAtA = async (tlp: string, suffix: string, extra: Record<string, unknown> = {}): Promise<string> => {
      const filed = await request<{ id: string }>('POST', `${a.sut.baseUrl}/incidents`, {
        key: a.regulator,
        body: { ...filing, title: `${title} ${suffix}`, tlp, onwardSharing: true, ...extra },
      });
      expect(filed.status).toBe(201);
      return filed.body.id;
    };
    const amber = await fileAtA('AMBER', 'amber');
    const red = await fileAtA('RED', 'red', { recipients: ['de-window'] });
    const copyOf = async (originId: string): Promise<string | undefined> =>
      (await b.sut.app.get(DataSource).query<Array<{ incident_id: string }>>('SELECT incident_id FROM foreign_incidents WHERE origin_incident_id = $1', [originId]))[0]?.incident_id;
    const [amberCopy, redCopy] = await Promise.all(
      [amber, red].map((id) => waitFor(() => copyOf(id), (found) => found !== undefined, { timeoutMs: 120_000, description: 'the copy in B' })),
    );
    expect((await detailAt(b, amberCopy!)).incident).toMatchObject({ tlp: 'AMBER', onwardSharing: true });
    expect((await request('GET', `${b.sut.baseUrl}/incidents/${redCopy}`, { key: b.analyst })).status).toBe(404);
    expect(await searchIds(b, `${title} red`)).not.toContain(redCopy);
    // A GREEN one filed after them does reach C (the rule lets GREEN through when allowed).
    await fileAtA('GREEN', 'marker');
    await waitFor(() => searchIds(c, `${title} marker`), (ids) => ids.length === 1, { timeoutMs: 120_000, description: 'the GREEN marker at C' });
    // B's router has consumed every incident event B published for the AMBER and RED copies (offsets committed with
    // the routed alerts in one Kafka transaction), so what it did not send, it will never send.
    const outboxDone = async (): Promise<number> =>
      Number((await b.sut.app.get(DataSource).query<Array<{ pending: string }>>(
        `SELECT count(*) AS pending FROM outbox_messages WHERE aggregate_id = ANY($1) AND published_at IS NULL`, [[amberCopy, redCopy]]))[0].pending);
    await waitFor(outboxDone, (pending) => pending === 0, { description: "B's events of the AMBER and RED copies published" });
    await waitFor(() => routerLag(b.sut), (lag) => lag === 0, { timeoutMs: 60_000, description: "B's router caught up" });
    const routed = await b.sut.app.get(DataSource).query<unknown[]>('SELECT * FROM alert_recipients WHERE incident_id = ANY($1)', [[amberCopy, redCopy]]);
    expect(routed).toEqual([]);
    const markingsAtC = await c.sut.app.get(DataSource).query<Array<{ tlp: string }>>('SELECT DISTINCT tlp FROM incidents');
    expect(markingsAtC).toEqual([{ tlp: 'GREEN' }]);
    const peerAtC = await request<{ foreignIncidents: number }>('GET', `${c.sut.baseUrl}/peers/${bAtC.id}`, { key: c.admin });
    expect(peerAtC.body.foreignIncidents).toBe(2); // the first incident and the marker, nothing else
  });
  // Before the key rotation below: C holds B's JWK set inline, so it cannot verify what B signs after rotating.
  it('purges the copy (B) and the onward copy (C) when A narrows sharing to RED: the withdrawal Cancel leaves identifiers and neutral values only', async () => {
    const marker = `withdrawn-${Date.now().toString(36)}`;
    const filed = await request<{ id: string }>('POST', `${a.sut.baseUrl}/incidents`, {
      key: a.regulator,
      body: { ...filing, title: `${title} ${marker}`, description: `${String((filing as Record<string, unknown>).description)} ${marker}`, tlp: 'GREEN', onwardSharing: true, aiSystemName: `System ${marker}` },
    });
    expect(filed.status).toBe(201);
    const copyIn = async (window: Window, originId: string): Promise<string | undefined> =>
      (await window.sut.app.get(DataSource).query<Array<{ incident_id: string }>>('SELECT incident_id FROM foreign_incidents WHERE origin_incident_id = $1', [originId]))[0]
        ?.incident_id;
    const atB = (await waitFor(() => copyIn(b, filed.body.id), (found) => found !== undefined, { timeoutMs: 120_000, description: 'the copy in B' }))!;
    const atC = (await waitFor(() => copyIn(c, atB), (found) => found !== undefined, { timeoutMs: 120_000, description: 'the onward copy in C' }))!;
    expect(JSON.stringify(await detailAt(b, atB))).toContain(marker);

    // A narrows to RED without naming B: B gets a withdrawal Cancel, and B's copy, no longer GREEN, goes to C as one too.
    expect((await request('PATCH', `${a.sut.baseUrl}/incidents/${filed.body.id}`, { key: a.regulator, body: { tlp: 'RED' } })).status).toBe(200);
    const status = async (window: Window, id: string): Promise<string> =>
      (await window.sut.app.get(DataSource).query<Array<{ status: string }>>('SELECT status FROM incidents WHERE id = $1', [id]))[0].status;
    await waitFor(() => status(b, atB), (found) => found === 'retracted', { timeoutMs: 120_000, description: 'the withdrawal Cancel in B' });
    await waitFor(() => status(c, atC), (found) => found === 'retracted', { timeoutMs: 120_000, description: 'the withdrawal Cancel in C' });

    for (const [window, id] of [[b, atB], [c, atC]] as const) {
      const db = window.sut.app.get(DataSource);
      const [copy] = await db.query<Array<Record<string, unknown>>>(
        `SELECT title, country, reporting_organisation, ai_system_name, developer, deployer, harm_description, source_urls, personal_fields, onward_sharing, tlp, status
           FROM incidents WHERE id = $1`,
        [id],
      );
      expect(copy).toMatchObject({
        title: 'Withdrawn: this incident may no longer be shared with you',
        country: 'ZZ',
        reporting_organisation: 'withheld',
        ai_system_name: null,
        developer: null,
        deployer: null,
        harm_description: null,
        source_urls: [],
        personal_fields: [],
        onward_sharing: false,
        tlp: 'RED',
        status: 'retracted',
      });
      // Nothing of the withdrawn content in the row, its read model, its classification history or its queued events.
      const [left] = await db.query<Array<{ n: string }>>(
        `SELECT (SELECT count(*) FROM incidents i WHERE i.id = $1 AND row_to_json(i)::text LIKE $2)
              + (SELECT count(*) FROM incident_search s WHERE s.incident_id = $1 AND row_to_json(s)::text LIKE $2)
              + (SELECT count(*) FROM incident_classifications c WHERE c.incident_id = $1 AND (c.result::text LIKE $2 OR c.result->'mechanism'->'evidence' <> '[]'))
              + (SELECT count(*) FROM outbox_messages o WHERE o.aggregate_id = $1 AND o.payload::text LIKE $2) AS n`,
        [id, `%${marker}%`],
      );
      expect(Number(left.n)).toBe(0);
      // Through the API: gone from the detail (RED now: nobody here), the retracted list and the export.
      expect(JSON.stringify((await request('GET', `${window.sut.baseUrl}/incidents/${id}`, { key: window.regulator })).body)).not.toContain(marker);
      const retracted = await request<{ items: Array<{ id: string }> }>('GET', `${window.sut.baseUrl}/incidents?status=retracted&limit=100`, { key: window.regulator });
      expect(JSON.stringify(retracted.body)).not.toContain(marker);
      const csv = await fetch(`${window.sut.baseUrl}/incidents/export.csv?status=retracted`, { headers: { authorization: `Bearer ${window.regulator}` } });
      expect(csv.status).toBe(200);
      expect(await csv.text()).not.toContain(marker);
    }
  }, 300_000);

  it('never resurrects an incident whose Cancel overtook its Alert (B suspended at A while A files and retracts)', async () => {
    expect((await request('POST', `${a.sut.baseUrl}/partners/${bAtA.id}/suspension`, { key: a.admin, body: { reason: 'maintenance at B' } })).status).toBe(200);
    const filed = await request<{ id: string }>('POST', `${a.sut.baseUrl}/incidents`, { key: a.regulator, body: { ...filing, title: `${title} overtaken` } });
    expect(filed.status).toBe(201);
    expect((await request('POST', `${a.sut.baseUrl}/incidents/${filed.body.id}/retraction`, { key: a.regulator, body: { reason: 'Duplicate filing' } })).status).toBe(200);
    const held = async (): Promise<number> =>
      Number((await a.sut.app.get(DataSource).query<Array<{ n: string }>>('SELECT count(*) AS n FROM deliveries WHERE incident_id = $1 AND partner_id = $2', [filed.body.id, bAtA.id]))[0].n);
    await waitFor(held, (count) => count === 2, { timeoutMs: 120_000, description: 'the Alert and the Cancel held for B' });
    // The Cancel arrives first.
    const cancel = await postToB(await deliveryOfA(2, filed.body.id));
    expect([cancel.status, cancel.body.outcome]).toEqual([200, 'ignored']);
    expect((await request('DELETE', `${a.sut.baseUrl}/partners/${bAtA.id}/suspension`, { key: a.admin })).status).toBe(200);
    const acknowledged = async (): Promise<number> =>
      Number((await a.sut.app.get(DataSource).query<Array<{ n: string }>>(
        'SELECT count(*) AS n FROM deliveries WHERE incident_id = $1 AND partner_id = $2 AND acknowledged_at IS NOT NULL', [filed.body.id, bAtA.id]))[0].n);
    await waitFor(acknowledged, (count) => count === 2, { timeoutMs: 120_000, description: 'both alerts delivered and acknowledged after the resume' });
    const copies = await b.sut.app.get(DataSource).query<unknown[]>(
      'SELECT i.id FROM incidents i JOIN foreign_incidents f ON f.incident_id = i.id WHERE f.origin_incident_id = $1', [filed.body.id]);
    expect(copies).toEqual([]);
  });

  it('works the other way round: B files, A verifies with the key B rotated to (fetched again from its JWK set URL)', async () => {
    const rotated = await request<{ kid: string }>('POST', `${b.sut.baseUrl}/signing-keys/rotate`, { key: b.admin });
    expect(rotated.status).toBe(201);
    expect(bAtA.keyIds).not.toContain(rotated.body.kid);
    const filed = await request<{ id: string }>('POST', `${b.sut.baseUrl}/incidents`, { key: b.regulator, body: { ...filing, title: `${title} from Germany` } });
    expect(filed.status).toBe(201);
    const toA = await waitFor(
      async () => (await detailAt(b, filed.body.id)).deliveries.find((delivery) => delivery.partnerName === 'French AI single window'),
      (delivery) => Boolean(delivery?.acknowledgedAt),
      { timeoutMs: 120_000, description: 'A acknowledging the alert of B' },
    );
    expect(toA?.acknowledgementNote).toBe('received and verified by the FR single window');
    const [{ incident_id: atA }] = await a.sut.app.get(DataSource).query<Array<{ incident_id: string }>>(
      'SELECT incident_id FROM foreign_incidents WHERE origin_incident_id = $1', [filed.body.id]);
    expect((await detailAt(a, atA)).incident).toMatchObject({ title: `${title} from Germany`, originJurisdiction: 'DE', version: 1 });
    expect(await searchIds(a, `${title} from Germany`)).toContain(atA);
    const peer = await request<{ keyIds: string[] }>('GET', `${a.sut.baseUrl}/peers/${bAtA.id}`, { key: a.admin });
    expect(peer.body.keyIds).toContain(rotated.body.kid);
  });
  it("keeps a foreign CLEAR incident out of B's public feed until A allows onward sharing", async () => {
    const clearTitle = `${title} clear`;
    const filed = await request<{ id: string }>('POST', `${a.sut.baseUrl}/incidents`, { key: a.regulator, body: { ...filing, title: clearTitle, tlp: 'CLEAR' } });
    expect(filed.status).toBe(201);
    const copyOf = async (): Promise<string | undefined> =>
      (await b.sut.app.get(DataSource).query<Array<{ incident_id: string }>>('SELECT incident_id FROM foreign_incidents WHERE origin_incident_id = $1', [filed.body.id]))[0]?.incident_id;
    const copy = await waitFor(copyOf, (found) => found !== undefined, { timeoutMs: 120_000, description: 'the CLEAR copy in B' });
    const publicTitles = async (window: Window): Promise<string[]> =>
      (await request<{ items: Array<{ title: string }> }>('GET', `${window.sut.baseUrl}/public/alerts?limit=100`)).body.items.map((item) => item.title);
    expect(await publicTitles(a)).toContain(clearTitle);
    expect(await publicTitles(b)).not.toContain(clearTitle);
    expect((await request('PATCH', `${a.sut.baseUrl}/incidents/${filed.body.id}`, { key: a.regulator, body: { onwardSharing: true } })).status).toBe(200);
    await waitFor(() => detailAt(b, copy!), (detail) => detail.incident.onwardSharing === true, { timeoutMs: 120_000, description: 'the Update in B' });
    expect(await publicTitles(b)).toContain(clearTitle);
  });
});
