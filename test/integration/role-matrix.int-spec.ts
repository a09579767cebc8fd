import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Express } from 'express';
import { DataSource } from 'typeorm';
import type { Role } from '../../src/auth/api-key.entity.js';
import { loadDemoIncidents } from '../support/demo-incidents.js';
import { request } from '../support/http.js';
import { keysForEveryRole } from '../support/role-keys.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

const ROLES: Role[] = ['regulator', 'partner', 'analyst', 'admin'];

/**
 * Who may call what: every route the running app registers must have an entry here (a new endpoint without one
 * fails this suite, which forces a decision). `public` needs no key; otherwise the roles allowed, every other role
 * gets 403. `/metrics` also takes METRICS_TOKEN (see operations.int-spec.ts).
 */
const ACCESS: Record<string, 'public' | Role[]> = {
  'GET /health': 'public',
  'GET /health/live': 'public',
  'GET /.well-known/jwks.json': 'public',
  'GET /schemas/alert/v1.json': 'public',
  'GET /schemas/acknowledgement/v1.json': 'public',
  'GET /schemas/surge-alert/v1.json': 'public',
  'GET /public/alerts': 'public',
  'GET /docs': 'public',
  'GET /docs/': 'public',
  'GET /docs/swagger-ui-init.js': 'public',
  'GET /docs/index.html': 'public',
  'GET /docs/docs/swagger-ui-init.js': 'public',
  'GET /docs/LICENSE': 'public',
  'GET /docs/openapi.json': 'public',
  'GET /docs-yaml': 'public',
  // The dashboard's static files (no data; the page asks for an API key and calls the API with it).
  'GET /dashboard/': 'public',
  'GET /dashboard/vendor/echarts/echarts.esm.min.mjs': 'public',
  'GET /dashboard/favicon.svg': 'public',
  'POST /incidents': ['regulator'],
  'PATCH /incidents/:id': ['regulator'],
  'POST /incidents/:id/retraction': ['regulator'],
  'GET /incidents': ['analyst', 'regulator', 'admin'],
  'GET /incidents/export.csv': ['analyst', 'regulator', 'admin'],
  'GET /incidents/:id': ['regulator', 'analyst', 'admin'],
  'POST /incidents/:id/follow-ups': ['regulator'],
  'GET /incidents/:id/follow-ups': ['regulator', 'admin'],
  'POST /incidents/:id/follow-ups/:followUpId/answer': ['regulator', 'admin'],
  'GET /incidents/:id/classifications': ['regulator', 'analyst', 'admin'],
  'GET /reviews': ['analyst', 'admin'],
  'POST /reviews/:id': ['analyst'],
  'GET /taxonomy': ['regulator', 'partner', 'analyst', 'admin'],
  'GET /trends': ['analyst', 'regulator', 'admin'],
  'POST /partners': ['admin'],
  'GET /partners': ['admin'],
  'GET /partners/:id': ['admin'],
  'PATCH /partners/:id': ['admin'],
  'DELETE /partners/:id': ['admin'],
  'POST /partners/:id/suspension': ['admin'],
  'DELETE /partners/:id/suspension': ['admin'],
  'GET /partners/:id/subscriptions': ['admin'],
  'POST /partners/:id/subscriptions': ['admin'],
  'GET /partners/:id/subscriptions/:subscriptionId': ['admin'],
  'PATCH /partners/:id/subscriptions/:subscriptionId': ['admin'],
  'DELETE /partners/:id/subscriptions/:subscriptionId': ['admin'],
  'GET /partners/:id/webhook-secrets': ['admin'],
  'POST /partners/:id/webhook-secrets': ['admin'],
  'DELETE /partners/:id/webhook-secrets/:secretId': ['admin'],
  'POST /alerts/:id/ack': ['partner'],
  'GET /alerts/overdue': ['admin'],
  'POST /alerts/:id/redelivery': ['admin'],
  'POST /partners/:id/redeliveries': ['admin'],
  'POST /api-keys': ['admin'],
  'DELETE /api-keys/:id': ['admin'],
  'POST /signing-keys/rotate': ['admin'],
  'GET /metrics': ['admin'],
  'GET /audit': ['admin'],
  'POST /incidents\\:batch': ['regulator'],
  'GET /alerts/:id/cap': ['partner', 'regulator', 'analyst', 'admin'],
  'GET /alerts/:id.cap': ['partner', 'regulator', 'analyst', 'admin'],
  'GET /schemas/stix/incident-extension/v1.json': 'public',
  // TAXII 2.1 (src/taxii): errors are TAXII error messages (`error_code` carries the code), not problem+json.
  'GET /taxii2': ['partner', 'admin'],
  'GET /taxii2/aisw': ['partner', 'admin'],
  'GET /taxii2/aisw/collections': ['partner', 'admin'],
  'GET /taxii2/aisw/collections/:collectionId': ['partner', 'admin'],
  'GET /taxii2/aisw/collections/:collectionId/objects': ['partner', 'admin'],
  'GET /taxii2/aisw/collections/:collectionId/objects/:objectId': ['partner', 'admin'],
  'GET /taxii2/aisw/collections/:collectionId/objects/:objectId/versions': ['partner', 'admin'],
  'GET /taxii2/aisw/collections/:collectionId/manifest': ['partner', 'admin'],
  'GET /signals': ['analyst', 'regulator', 'admin'],
  // Federation (src/federation). The inbound endpoint takes no API key: the peer's Standard Webhooks HMAC and alert JWS
  // authenticate each delivery (401 FEDERATION.BAD_SIGNATURE; 400 without the webhook headers).
  'POST /federation/alerts': 'public',
  'POST /peers': ['admin'],
  'GET /peers': ['admin'],
  'GET /peers/:id': ['admin'],
  'PUT /peers/:id/credentials': ['admin'],
  'POST /federation/incidents/:id/follow-ups': ['regulator', 'analyst'],
  'GET /federation/incidents/:id/follow-ups': ['regulator', 'analyst', 'admin'],
  'GET /reports/periodic': ['analyst', 'regulator', 'admin'],
  'GET /incidents/:id/reports/eu-ai-act-art73': ['regulator', 'analyst', 'admin'],
  'GET /incidents/:id/reports/oecd-crf': ['regulator', 'analyst', 'admin'],
  'GET /schemas/reports/eu-ai-act-art73/v1.json': 'public',
  'GET /schemas/reports/oecd-crf/v1.json': 'public',
  'GET /incidents/:id/related': ['analyst', 'regulator', 'admin'],
};

const NOT_FOUND_HANDLER = '{/*splat}';

interface RouteLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/**
 * `METHOD /path` of every route registered on the Express router of the running app (Nest controllers and /docs),
 * except Nest's catch-all `{/*splat}` that answers 404 to every unknown path.
 */
function registeredRoutes(sut: TestApp): string[] {
  const express = sut.app.getHttpAdapter().getInstance() as Express & { router: { stack: RouteLayer[] } };
  const routes = new Set<string>();
  for (const layer of express.router.stack) {
    if (!layer.route || layer.route.path === NOT_FOUND_HANDLER) continue;
    for (const [method, enabled] of Object.entries(layer.route.methods)) {
      if (enabled && method !== '_all') routes.add(`${method.toUpperCase()} ${layer.route.path}`);
    }
  }
  return [...routes].sort();
}

/**
 * The route with every `:param` replaced by a fresh UUID (so nothing is found, but the guard decides first); an
 * escaped colon (`/incidents\\:batch`) is a literal one.
 */
const concrete = (path: string): string => path.replace(/(?<!\\):[A-Za-z]+/g, () => randomUUID()).replace(/\\:/g, ':');

/** The error code of an error answer: problem+json `code`, or TAXII 2.1 `error_code` (TAXII routes); null otherwise. */
async function errorCodeOf(response: Response): Promise<{ type: 'problem' | 'taxii'; code: string } | null> {
  const type = response.headers.get('content-type') ?? '';
  if (type.startsWith('application/problem+json')) return { type: 'problem', code: ((await response.json()) as Problem).code };
  if (type.startsWith('application/taxii+json')) return { type: 'taxii', code: ((await response.json()) as { error_code: string }).error_code };
  await response.arrayBuffer();
  return null;
}

interface Problem {
  status: number;
  code: string;
  correlationId: string;
}

/** The access table against the running app, and partner isolation (alerts, RED incidents) through Kafka. */
describe('role matrix', () => {
  let sut: TestApp;
  let keys: Record<Role, string>;
  let routes: string[];

  beforeAll(async () => {
    sut = await startTestApp('role-matrix');
    keys = await keysForEveryRole(sut, 'matrix-partner');
    routes = registeredRoutes(sut);
  });

  afterAll(() => sut?.close());

  it('has an access decision for every registered route, and no entry for a route that does not exist', () => {
    expect(routes.filter((route) => !(route in ACCESS))).toEqual([]);
    expect(Object.keys(ACCESS).filter((route) => !routes.includes(route))).toEqual([]);
  });

  it('answers 401 problem+json without a key on every route that is not public, and serves public ones', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const [method, path] = route.split(' ');
      const response = await fetch(`${sut.baseUrl}${concrete(path)}`, { method });
      const type = response.headers.get('content-type') ?? '';
      if (ACCESS[route] === 'public') {
        if (response.status === 401 || response.status === 403) failures.push(`${route}: ${response.status} although public`);
        await response.arrayBuffer();
        continue;
      }
      const error = await errorCodeOf(response);
      const expectedType = path.startsWith('/taxii2') ? 'taxii' : 'problem';
      if (response.status !== 401 || error?.type !== expectedType || error.code !== 'AUTH.UNAUTHENTICATED') {
        failures.push(`${route}: ${response.status} ${error?.code} (${type})`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('documents 400, 401, 403 and 429 error answers (problem+json; TAXII error messages under /taxii2) on every route of the OpenAPI document', async () => {
    const openapi = (await (await fetch(`${sut.baseUrl}/docs/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>;
    };
    const missing: string[] = [];
    for (const route of routes) {
      const [method, path] = route.split(' ');
      // Express paths as OpenAPI writes them: `:id` → `{id}`, an escaped colon (`/incidents\\:batch`) kept literal.
      const documented = path.replace(/(?<!\\):(\w+)/g, '{$1}').replace(/\\:/g, ':');
      const operation = openapi.paths[documented]?.[method.toLowerCase()];
      if (!operation) {
        // Served outside Nest's router (Swagger UI, the dashboard's files) or left out of the document on purpose.
        if (!path.startsWith('/docs') && !path.startsWith('/dashboard/')) missing.push(`${route} not in the document`);
        continue;
      }
      const wanted = [...(path.startsWith('/health') ? [] : ['400']), ...(ACCESS[route] === 'public' ? [] : ['401', '403']), '429'];
      const type = path.startsWith('/taxii2') ? 'application/taxii+json;version=2.1' : 'application/problem+json';
      for (const status of wanted) if (!operation.responses[status]?.content?.[type]) missing.push(`${route} ${status}`);
    }
    expect(missing).toEqual([]);
  });

  it('answers 401 to a revoked or unknown key', async () => {
    const revoked = await sut.issueKey('regulator');
    const [{ id }] = await sut.app
      .get(DataSource)
      .query<Array<{ id: string }>>(`SELECT id FROM api_keys WHERE role = 'regulator' ORDER BY created_at DESC LIMIT 1`);
    expect((await request('DELETE', `${sut.baseUrl}/api-keys/${id}`, { key: keys.admin })).status).toBe(204);
    expect((await request<Problem>('GET', `${sut.baseUrl}/trends`, { key: revoked })).status).toBe(401);
    expect((await request<Problem>('GET', `${sut.baseUrl}/trends`, { key: `aisw_${'A'.repeat(43)}` })).status).toBe(401);
  });

  it.each(ROLES)('gives %s 403 problem+json outside its privileges and lets it through inside them', async (role) => {
    const failures: string[] = [];
    for (const route of routes) {
      const access = ACCESS[route];
      if (access === 'public') continue;
      const [method, path] = route.split(' ');
      const response = await fetch(`${sut.baseUrl}${concrete(path)}`, { method, headers: { authorization: `Bearer ${keys[role]}` } });
      const problem = await errorCodeOf(response);
      const allowed = access.includes(role);
      if (!allowed && (response.status !== 403 || problem?.code !== 'AUTH.FORBIDDEN')) {
        failures.push(`${route}: ${response.status} ${problem?.code}, expected 403`);
      }
      if (allowed && (response.status === 401 || response.status === 403)) failures.push(`${route}: ${response.status}, expected access`);
      if (response.status >= 500) failures.push(`${route}: ${response.status}`);
    }
    expect(failures).toEqual([]);
  });

  it('refuses an undeclared query parameter on every route of the app with 400 naming it, before the route acts', async () => {
    // Served by Express outside Nest (Swagger UI, the dashboard's static files): no parameters to validate. The health
    // probes ignore parameters (monitors add cache-busting ones): checked in the next test.
    const outsideNest = (path: string) => path.startsWith('/docs') || path.startsWith('/dashboard/') || path.startsWith('/health');
    const rotationsBefore = await sut.app.get(DataSource).query<unknown[]>('SELECT 1 FROM signing_keys');
    const failures: string[] = [];
    for (const route of routes) {
      const [method, path] = route.split(' ');
      if (outsideNest(path)) continue;
      const access = ACCESS[route];
      const headers: Record<string, string> = path.startsWith('/taxii2') ? { accept: 'application/taxii+json;version=2.1' } : {};
      if (access !== 'public') headers.authorization = `Bearer ${keys[access[0]]}`;
      const response = await fetch(`${sut.baseUrl}${concrete(path)}?x=1`, { method, headers });
      const type = response.headers.get('content-type') ?? '';
      const body = type.includes('json') ? ((await response.json()) as { errors?: Array<{ field: string }>; details?: { field?: string } }) : (await response.text(), {});
      const fields = path.startsWith('/taxii2') ? [body.details?.field] : (body.errors ?? []).map((error) => error.field);
      if (response.status !== 400 || !fields.includes('x')) failures.push(`${route}: ${response.status} ${JSON.stringify(fields)} (${type})`);
    }
    expect(failures).toEqual([]);
    // The trial's case: POST /signing-keys/rotate?x=1 rotated the key although it answered for an unknown parameter.
    expect(await sut.app.get(DataSource).query<unknown[]>('SELECT 1 FROM signing_keys')).toHaveLength(rotationsBefore.length);
  });

  it('marks answers no-store unless the route is public and cacheable', async () => {
    const cacheControl = async (path: string, key?: string) =>
      (await fetch(`${sut.baseUrl}${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} })).headers.get('cache-control');
    expect(await cacheControl('/incidents?limit=1', keys.analyst)).toBe('no-store');
    expect(await cacheControl('/trends', keys.analyst)).toBe('no-store');
    expect(await cacheControl('/incidents')).toBe('no-store'); // the 401
    expect(await cacheControl('/incidents?bogus=1', keys.analyst)).toBe('no-store'); // a 400
    expect(await cacheControl('/.well-known/jwks.json')).toBe('public, max-age=300');
    // An error is never cacheable, also on a cacheable route (the 400 for an undeclared parameter) and under /taxii2.
    expect(await cacheControl('/.well-known/jwks.json?x=1')).toBe('no-store');
    expect(await cacheControl('/public/alerts?limit=abc')).toBe('no-store');
    expect(await cacheControl('/taxonomy?x=1', keys.analyst)).toBe('no-store');
    expect(await cacheControl('/taxii2/?x=1', keys.partner)).toBe('no-store');
  });

  it('answers the health probes whatever query parameters a monitor adds', async () => {
    for (const path of ['/health', '/health/live']) {
      const response = await fetch(`${sut.baseUrl}${path}?_=1732950000&x=1`);
      expect([path, response.status, ((await response.json()) as { status: string }).status]).toEqual([path, 200, 'ok']);
    }
  });

  describe('partner isolation', () => {
    let partnerA: { id: string; apiKey: string };
    let partnerB: { id: string; apiKey: string };
    let greenId: string;
    let redId: string;
    const incidents = loadDemoIncidents();
    const RED_TITLE = 'Isolation check: RED, named partner A only';
    const green = incidents.find((entry) => entry.filing.tlp === 'GREEN')!.filing;

    const deliveriesOf = (partnerId: string) =>
      sut.app
        .get(DataSource)
        .query<Array<{ alert_id: string; incident_id: string }>>('SELECT alert_id, incident_id FROM deliveries WHERE partner_id = $1', [partnerId]);

    beforeAll(async () => {
      const onboard = async (slug: string) => {
        const response = await request<{ id: string; apiKey: string }>('POST', `${sut.baseUrl}/partners`, {
          key: keys.admin,
          body: { slug, name: `Partner ${slug}`, country: 'DE' },
        });
        expect(response.status).toBe(201);
        return response.body;
      };
      partnerA = await onboard('iso-a');
      partnerB = await onboard('iso-b');
      const file = async (body: Record<string, unknown>) => {
        const response = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, { key: keys.regulator, body });
        expect(response.status).toBe(201);
        return response.body.id;
      };
      greenId = await file({ ...green, title: 'Isolation check: shared with every partner' });
      redId = await file({ ...green, title: RED_TITLE, tlp: 'RED', recipients: ['iso-a'] });
      await waitFor(
        async () => [(await deliveriesOf(partnerA.id)).length, (await deliveriesOf(partnerB.id)).length],
        ([a, b]) => a === 2 && b === 1,
        { description: 'A holding the GREEN and RED alerts, B the GREEN one', timeoutMs: 60_000 },
      );
    });

    it('never sends a partner a RED incident it was not named on', async () => {
      const heldByB = (await deliveriesOf(partnerB.id)).map((row) => row.incident_id);
      expect(heldByB).toEqual([greenId]);
      expect((await deliveriesOf(partnerA.id)).map((row) => row.incident_id).sort()).toEqual([greenId, redId].sort());
    });

    it('refuses a partner the incident endpoints, so it cannot read the RED incident either', async () => {
      for (const path of [`/incidents/${redId}`, `/incidents/${redId}/classifications`, `/incidents/${greenId}`]) {
        const response = await request<Problem>('GET', `${sut.baseUrl}${path}`, { key: partnerB.apiKey });
        expect(response.status).toBe(403);
        expect(response.body.code).toBe('AUTH.FORBIDDEN');
      }
      const feed = await request<{ items: Array<{ id: string }> }>('GET', `${sut.baseUrl}/public/alerts`);
      expect(feed.body.items.map((item) => item.id)).not.toContain(redId);
    });

    it('serves the RED alert as CAP only to the filing regulator and the named partner; everyone else gets 404 as for an unknown id', async () => {
      const redOfA = (await deliveriesOf(partnerA.id)).find((row) => row.incident_id === redId)!.alert_id;
      const greenOfB = (await deliveriesOf(partnerB.id))[0].alert_id;
      const cap = async (alertId: string, key: string) => {
        const response = await fetch(`${sut.baseUrl}/alerts/${alertId}/cap`, { headers: { authorization: `Bearer ${key}` } });
        const text = await response.text();
        return { status: response.status, text, code: response.status === 200 ? null : (JSON.parse(text) as Problem).code };
      };
      const unknown = await cap(randomUUID(), keys.analyst);
      expect([unknown.status, unknown.code]).toEqual([404, 'ALERT.NOT_FOUND']);
      const otherRegulator = await sut.issueKey('regulator');
      for (const [who, key] of [['analyst', keys.analyst], ['admin', keys.admin], ['another regulator', otherRegulator], ['partner B', partnerB.apiKey]]) {
        for (const suffix of ['/cap', '.cap']) {
          const response = await fetch(`${sut.baseUrl}/alerts/${redOfA}${suffix}`, { headers: { authorization: `Bearer ${key}` } });
          const text = await response.text();
          const code = response.headers.get('content-type')?.startsWith('application/problem+json') ? (JSON.parse(text) as Problem).code : text.slice(0, 60);
          expect({ who, suffix, status: response.status, code }).toEqual({ who, suffix, status: 404, code: unknown.code });
          expect(text).not.toContain(RED_TITLE);
        }
        // The same callers still read the GREEN alert (partner B its own).
        expect({ who, status: (await cap(greenOfB, key)).status }).toEqual({ who, status: 200 });
      }
      for (const key of [keys.regulator, partnerA.apiKey]) {
        const own = await cap(redOfA, key);
        expect(own.status).toBe(200);
        expect(own.text).toContain(`<headline>${RED_TITLE}</headline>`);
      }
    });

    it("leaves the RED alert out of an admin's TAXII view of partner A's collection, and keeps it in partner A's own", async () => {
      const taxii = (path: string, key: string) =>
        fetch(`${sut.baseUrl}/taxii2/aisw/collections/${partnerA.id}/${path}`, { headers: { authorization: `Bearer ${key}`, accept: 'application/taxii+json;version=2.1' } });
      const namesIn = async (response: Response) => {
        expect(response.status).toBe(200);
        const body = (await response.json()) as { objects?: Array<{ type: string; name?: string }> };
        return (body.objects ?? []).filter((object) => object.type === 'incident').map((object) => object.name);
      };
      const greenTitle = 'Isolation check: shared with every partner';
      expect(await namesIn(await taxii('objects/?match[version]=all', keys.admin))).toEqual([greenTitle]);
      expect((await namesIn(await taxii('objects/?match[version]=all', partnerA.apiKey))).sort()).toEqual([greenTitle, RED_TITLE].sort());
      const manifest = async (key: string) => ((await (await taxii('manifest/?match[type]=incident', key)).json()) as { objects?: unknown[] }).objects ?? [];
      expect([(await manifest(keys.admin)).length, (await manifest(partnerA.apiKey)).length]).toEqual([1, 2]);
      const redStixId = (await (await taxii('objects/?match[type]=incident', partnerA.apiKey)).json() as { objects: Array<{ id: string; name: string }> })
        .objects.find((object) => object.name === RED_TITLE)!.id;
      expect((await taxii(`objects/${redStixId}/`, keys.admin)).status).toBe(404);
      expect((await taxii(`objects/${redStixId}/versions/`, keys.admin)).status).toBe(404);
    });

    it('lists an overdue RED alert to an admin without its title', async () => {
      const database = sut.app.get(DataSource);
      const alerts = [...(await deliveriesOf(partnerA.id)), ...(await deliveriesOf(partnerB.id))].map((row) => row.alert_id);
      await database.query(`UPDATE deliveries SET overdue_at = now() WHERE alert_id = ANY($1::uuid[])`, [alerts]);
      try {
        const overdue = await request<{ items: Array<{ incidentId: string; incidentTitle: string | null }> }>('GET', `${sut.baseUrl}/alerts/overdue?limit=100`, { key: keys.admin });
        expect(overdue.status).toBe(200);
        const titles = overdue.body.items.map((item) => [item.incidentId === redId ? 'red' : 'green', item.incidentTitle]).sort();
        expect(titles).toEqual([['green', 'Isolation check: shared with every partner'], ['green', 'Isolation check: shared with every partner'], ['red', null]]);
      } finally {
        await database.query(`UPDATE deliveries SET overdue_at = NULL WHERE alert_id = ANY($1::uuid[])`, [alerts]);
      }
    });

    it("answers another partner's alert ids exactly like unknown ones, and lets each partner acknowledge its own", async () => {
      const alertsOfA = await deliveriesOf(partnerA.id);
      const unknown = await request<Problem>('POST', `${sut.baseUrl}/alerts/${randomUUID()}/ack`, { key: partnerB.apiKey, body: {} });
      expect(unknown.status).toBe(404);
      for (const { alert_id: alertId } of alertsOfA) {
        const foreign = await request<Problem>('POST', `${sut.baseUrl}/alerts/${alertId}/ack`, { key: partnerB.apiKey, body: {} });
        expect(foreign.status).toBe(404);
        expect(foreign.body.code).toBe(unknown.body.code);
      }
      const [{ alert_id: ownOfB }] = await deliveriesOf(partnerB.id);
      expect((await request('POST', `${sut.baseUrl}/alerts/${ownOfB}/ack`, { key: partnerB.apiKey, body: {} })).status).toBe(200);
      const redOfA = alertsOfA.find((row) => row.incident_id === redId)!.alert_id;
      expect((await request('POST', `${sut.baseUrl}/alerts/${redOfA}/ack`, { key: partnerA.apiKey, body: {} })).status).toBe(200);
      const [acknowledged] = await sut.app
        .get(DataSource)
        .query<Array<{ n: string }>>('SELECT count(*) AS n FROM deliveries WHERE acknowledged_at IS NOT NULL');
      expect(Number(acknowledged.n)).toBe(2);
    });
  });
});
