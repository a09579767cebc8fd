import { afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AlertEvent, SurgeAlertEvent } from '@app/partner-sdk';
import {
  createTestSigner,
  signedWebhook,
  TEST_WEBHOOK_SECRET,
  surgeAlertData,
  surgeSignal,
  unsignedAlertEvent,
  unsignedSurgeAlertEvent,
  type TestSigner,
} from '../../libs/partner-sdk/test/alert-event.factory.js';
import { createReceiverServer, MAX_WEBHOOK_BODY_BYTES, type ReceiverOptions, type ReceiverServer } from './alert-receiver.js';

const secret = TEST_WEBHOOK_SECRET;

describe(createReceiverServer.name, () => {
  let signer: TestSigner;
  let outDir: string;
  let sut: ReceiverServer;
  let baseUrl: string;
  const started: ReceiverServer[] = [];

  /** A real alert event signed by `signer` (as the app's AlertSigner does). */
  const alertEvent = (overrides: Record<string, unknown> = {}): Promise<AlertEvent> => signer.sign(unsignedAlertEvent(undefined, overrides));

  async function start(overrides: Partial<ReceiverOptions> = {}): Promise<ReceiverServer> {
    const receiver = await createReceiverServer({ partnerName: 'test-partner', webhookSecret: secret, outDir, alertKeys: signer.jwks, ...overrides });
    started.push(receiver);
    const port = await receiver.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${port}`;
    return receiver;
  }

  const post = (delivery: { body: string; headers: Record<string, string> }) =>
    fetch(`${baseUrl}/webhooks/alerts`, { method: 'POST', headers: delivery.headers, body: delivery.body });

  async function storedLines(): Promise<Array<Record<string, unknown>>> {
    const text = await readFile(join(outDir, 'alerts.jsonl'), 'utf8').catch(() => '');
    return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  beforeAll(async () => {
    signer = await createTestSigner();
  });

  beforeEach(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'demo-partner-'));
    sut = await start();
  });

  afterEach(async () => {
    await Promise.all(started.splice(0).map((receiver) => receiver.close()));
    await rm(outDir, { recursive: true, force: true });
  });

  it('stores a verified, correctly signed alert with its kid and answers 204', async () => {
    const event = await alertEvent();

    const response = await post(signedWebhook(event));

    expect(response.status).toBe(204);
    const lines = await storedLines();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ webhookId: event.id, alertId: event.id, verified: true, signatureVerified: true, kid: signer.kid, event });
    expect(typeof lines[0].receivedAt).toBe('string');
  });

  it('stores a signed surge alert, logs its figures, and refuses one whose figures break the surge alert schema', async () => {
    const lines: Array<{ msg: string; fields?: Record<string, unknown> }> = [];
    const receiver = await start({ log: (_level, msg, fields) => lines.push({ msg, fields }) });
    const event = await signer.sign<SurgeAlertEvent>(unsignedSurgeAlertEvent(surgeAlertData({ signal: surgeSignal({ dimension: 'sector', value: 'finance', count: 7 }) })));

    expect((await post(signedWebhook(event))).status).toBe(204);
    expect(await storedLines()).toEqual([expect.objectContaining({ alertId: event.id, signatureVerified: true, kid: signer.kid, event })]);
    expect(receiver.store.list().map((alert) => alert.event.type)).toEqual(['org.aisw.surge-alert.v1']);
    expect(lines.find((line) => line.msg === 'surge alert stored')?.fields).toEqual(
      expect.objectContaining({ alertId: event.id, signalId: event.data.signal.id, dimension: 'sector', value: 'finance', count: 7, weekStart: '2026-08-10T00:00:00.000Z' }),
    );

    const broken = await signer.sign(unsignedSurgeAlertEvent(surgeAlertData({ urgency: 'flash' as 'routine' })));
    const refused = await post(signedWebhook(broken));
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual(expect.objectContaining({ reason: 'invalid-envelope', details: [{ path: '/data/urgency', message: 'must be "routine"' }] }));
    expect(await storedLines()).toHaveLength(1);
  });

  it('rejects a tampered body with 401 and stores nothing', async () => {
    const delivery = signedWebhook(await alertEvent());
    const tampered = { ...delivery, body: delivery.body.replace('"version":1', '"version":2') };

    const response = await post(tampered);

    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: expect.stringContaining('webhook verification failed'), reason: 'bad-webhook-signature' });
    expect(await storedLines()).toHaveLength(0);
    expect(sut.store.count).toBe(0);
  });

  it('rejects missing signature headers, a wrong secret and a stale timestamp with 401', async () => {
    const event = await alertEvent();
    const delivery = signedWebhook(event);
    const { 'webhook-signature': _omitted, ...unsigned } = delivery.headers;
    const otherSecret = `whsec_${randomBytes(32).toString('base64')}`;
    const stale = await post(signedWebhook(event, { timestamp: new Date(Date.now() - 10 * 60_000) }));

    expect((await post({ body: delivery.body, headers: unsigned })).status).toBe(401);
    expect((await post(signedWebhook(event, { secret: otherSecret }))).status).toBe(401);
    expect(stale.status).toBe(401);
    expect(await stale.json()).toMatchObject({ reason: 'stale-timestamp' });
    expect(await storedLines()).toHaveLength(0);
  });

  it('rejects with 401 an alert whose signature does not cover what was sent, though the webhook HMAC is right', async () => {
    const event = await alertEvent();
    const altered = { ...event, data: { ...event.data, incident: { ...event.data.incident, tlp: 'CLEAR' } } };

    const response = await post(signedWebhook(altered));

    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: expect.stringContaining('does not verify'), reason: 'bad-alert-signature' });
    expect(await storedLines()).toHaveLength(0);
  });

  it('rejects with 401 an alert signed by a key the app does not publish', async () => {
    const stranger = await createTestSigner();

    const response = await post(signedWebhook(await stranger.sign(unsignedAlertEvent())));

    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ reason: 'unknown-key' });
    expect(sut.store.count).toBe(0);
  });

  it('answers 400 with the failing paths to a verified body that is not a valid alert event', async () => {
    const event = await alertEvent();
    const { id: _id, ...withoutId } = { ...event, specversion: '0.3' };

    const response = await post(signedWebhook(withoutId, { webhookId: event.id }));

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: expect.stringContaining('does not match'),
      reason: 'invalid-envelope',
      details: expect.arrayContaining([
        { path: '/id', message: 'is required' },
        { path: '/specversion', message: 'must be "1.0"' },
      ]),
    });
    expect(await storedLines()).toHaveLength(0);
  });

  it('answers 400 to a verified body that is not JSON', async () => {
    const response = await post(signedWebhook(undefined, { body: 'not json', webhookId: 'delivery-bad' }));

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ reason: 'invalid-envelope' });
  });

  it('accepts a signed alert carrying an unknown CloudEvents extension attribute', async () => {
    const event = await alertEvent({ traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' });

    expect((await post(signedWebhook(event))).status).toBe(204);
    expect(sut.store.count).toBe(1);
  });

  it('answers 503 with Retry-After and stores nothing when the key set cannot be fetched', async () => {
    await start({ alertKeys: () => Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } })) });

    const response = await post(signedWebhook(await alertEvent()));

    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('30');
    expect(await response.json()).toMatchObject({ reason: 'keys-unavailable' });
    expect(await storedLines()).toHaveLength(0);
  });

  it('answers a repeat webhook-id with 200 and stores it once', async () => {
    const event = await alertEvent();

    const first = await post(signedWebhook(event));
    const repeat = await post(signedWebhook(event));

    expect(first.status).toBe(204);
    expect(repeat.status).toBe(200);
    expect(await storedLines()).toHaveLength(1);
    const listing = (await (await fetch(`${baseUrl}/alerts`)).json()) as Record<string, unknown>;
    expect(listing).toMatchObject({ count: 1, repeats: 1 });
  });

  it('lists stored alerts at GET /alerts, and remembers them after a restart', async () => {
    const event = await alertEvent();
    await post(signedWebhook(event, { webhookId: 'delivery-1' }));

    const listing = await (await fetch(`${baseUrl}/alerts`)).json();

    const expected = {
      partner: 'test-partner',
      count: 1,
      alerts: [{ alertId: event.id, webhookId: 'delivery-1', receivedAt: expect.any(String), type: event.type, subject: event.subject }],
    };
    expect(listing).toEqual({ ...expected, repeats: 0 });

    await sut.close();
    await start();
    expect(await (await fetch(`${baseUrl}/alerts`)).json()).toEqual({ ...expected, repeats: 0 });
    expect((await post(signedWebhook(event, { webhookId: 'delivery-1' }))).status).toBe(200);
    expect(await storedLines()).toHaveLength(1);
  });

  it('refuses a body above 1 MiB with 413', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${baseUrl}/webhooks/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end(Buffer.alloc(MAX_WEBHOOK_BODY_BYTES + 1, 'a'));
    });

    expect(status).toBe(413);
    expect(await storedLines()).toHaveLength(0);
  });

  it('answers GET /health', async () => {
    const response = await fetch(`${baseUrl}/health`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  describe('with the app (JWK set and acknowledgements)', () => {
    let app: Server;
    let appUrl: string;
    let answers: number[];
    let jwksRequests: number;
    const acks: Array<{ url: string; authorization: string | undefined; contentType: string | undefined; body: unknown }> = [];

    beforeEach(async () => {
      acks.length = 0;
      jwksRequests = 0;
      app = createServer((req: IncomingMessage, res) => {
        if (req.method === 'GET' && req.url === '/.well-known/jwks.json') {
          jwksRequests += 1;
          res.writeHead(200, { 'Content-Type': 'application/jwk-set+json' }).end(JSON.stringify(signer.jwks));
          return;
        }
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          acks.push({
            url: req.url ?? '',
            authorization: req.headers.authorization,
            contentType: req.headers['content-type'],
            body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
          });
          const status = answers.shift() ?? 200;
          const alertId = decodeURIComponent((req.url ?? '').split('/')[2] ?? '');
          if (status === 200) res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ alertId, acknowledgedAt: new Date().toISOString() }));
          else res.writeHead(status).end();
        });
      });
      await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
      appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
    });

    afterEach(async () => {
      await new Promise<void>((resolve) => app.close(() => resolve()));
    });

    it('verifies alerts against {appUrl}/.well-known/jwks.json by default, fetching it once', async () => {
      await start({ appUrl, alertKeys: undefined });

      expect((await post(signedWebhook(await alertEvent()))).status).toBe(204);
      expect((await post(signedWebhook(await alertEvent()))).status).toBe(204);
      expect(jwksRequests).toBe(1);
      expect((await storedLines()).map((line) => line.kid)).toEqual([signer.kid, signer.kid]);
    });

    it('acknowledges a stored alert, retrying after a 5xx', async () => {
      answers = [503, 200];
      const receiver = await start({ appUrl, partnerApiKey: 'key-123', acknowledgement: { backoffMs: [10, 10] } });
      const event = await alertEvent();

      expect((await post(signedWebhook(event))).status).toBe(204);
      await receiver.settled();

      expect(acks).toHaveLength(2);
      expect(acks[1]).toEqual({
        url: `/alerts/${event.id}/ack`,
        authorization: 'Bearer key-123',
        contentType: 'application/json',
        body: { note: 'received by demo partner test-partner' },
      });
    });

    it('keeps running when the ack endpoint answers 404, and does not retry it', async () => {
      answers = [404];
      const receiver = await start({ appUrl, partnerApiKey: 'key-123', acknowledgement: { backoffMs: [10, 10] } });

      expect((await post(signedWebhook(await alertEvent()))).status).toBe(204);
      await receiver.settled();

      expect(acks).toHaveLength(1);
      expect((await fetch(`${baseUrl}/health`)).status).toBe(200);
    });

    it('does not acknowledge a repeat delivery again, nor an alert it refused', async () => {
      answers = [];
      const receiver = await start({ appUrl, partnerApiKey: 'key-123' });
      const event = await alertEvent();
      const stranger = await createTestSigner();

      await post(signedWebhook(event));
      await post(signedWebhook(event));
      await post(signedWebhook(await stranger.sign(unsignedAlertEvent())));
      await receiver.settled();

      expect(acks).toHaveLength(1);
    });
  });
});
