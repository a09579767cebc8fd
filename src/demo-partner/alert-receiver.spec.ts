import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { createReceiverServer, MAX_WEBHOOK_BODY_BYTES, type ReceiverOptions, type ReceiverServer } from './alert-receiver.js';

const secret = `whsec_${randomBytes(32).toString('base64')}`;

function cloudEvent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    specversion: '1.0',
    id: `alert-${randomUUID()}`,
    source: '/aisw/gb',
    type: 'org.aisw.alert.v1',
    subject: `incident/${randomUUID()}`,
    time: '2026-11-29T12:00:00.000Z',
    datacontenttype: 'application/json',
    data: { msgType: 'Alert', version: 1 },
    ...overrides,
  };
}

/** Headers and body of a Standard Webhooks delivery signed with `signingSecret`. */
function signedDelivery(event: Record<string, unknown>, webhookId = event.id as string, signingSecret = secret) {
  const body = JSON.stringify(event);
  const timestamp = new Date();
  return {
    body,
    headers: {
      'content-type': 'application/cloudevents+json; charset=utf-8',
      'webhook-id': webhookId,
      'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
      'webhook-signature': new Webhook(signingSecret).sign(webhookId, timestamp, body),
    },
  };
}

describe(createReceiverServer.name, () => {
  let outDir: string;
  let sut: ReceiverServer;
  let baseUrl: string;
  const started: ReceiverServer[] = [];

  async function start(overrides: Partial<ReceiverOptions> = {}): Promise<ReceiverServer> {
    const receiver = await createReceiverServer({ partnerName: 'test-partner', webhookSecret: secret, outDir, ...overrides });
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

  beforeEach(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'demo-partner-'));
    sut = await start();
  });

  afterEach(async () => {
    await Promise.all(started.splice(0).map((receiver) => receiver.close()));
    await rm(outDir, { recursive: true, force: true });
  });

  it('stores a correctly signed CloudEvent and answers 204', async () => {
    const event = cloudEvent();
    const delivery = signedDelivery(event);

    const response = await post(delivery);

    expect(response.status).toBe(204);
    const lines = await storedLines();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ webhookId: event.id, alertId: event.id, verified: true, event });
    expect(typeof lines[0].receivedAt).toBe('string');
  });

  it('rejects a tampered body with 401 and stores nothing', async () => {
    const delivery = signedDelivery(cloudEvent());
    const tampered = { ...delivery, body: delivery.body.replace('"version":1', '"version":2') };

    const response = await post(tampered);

    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: expect.stringContaining('verification failed') });
    expect(await storedLines()).toHaveLength(0);
    expect(sut.store.count).toBe(0);
  });

  it('rejects missing signature headers and a wrong secret with 401', async () => {
    const delivery = signedDelivery(cloudEvent());
    const { 'webhook-signature': _omitted, ...unsigned } = delivery.headers;
    const otherSecret = `whsec_${randomBytes(32).toString('base64')}`;

    expect((await post({ body: delivery.body, headers: unsigned })).status).toBe(401);
    expect((await post(signedDelivery(cloudEvent(), undefined, otherSecret))).status).toBe(401);
    expect(await storedLines()).toHaveLength(0);
  });

  it('answers a repeat webhook-id with 200 and stores it once', async () => {
    const event = cloudEvent();

    const first = await post(signedDelivery(event));
    const repeat = await post(signedDelivery(event));

    expect(first.status).toBe(204);
    expect(repeat.status).toBe(200);
    expect(await storedLines()).toHaveLength(1);
    const listing = (await (await fetch(`${baseUrl}/alerts`)).json()) as Record<string, unknown>;
    expect(listing).toMatchObject({ count: 1, repeats: 1 });
  });

  it('lists stored alerts at GET /alerts, and remembers them after a restart', async () => {
    const event = cloudEvent();
    await post(signedDelivery(event, 'delivery-1'));

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
    expect((await post(signedDelivery(event, 'delivery-1'))).status).toBe(200);
    expect(await storedLines()).toHaveLength(1);
  });

  it('answers 400 to a verified body that is not a CloudEvents 1.0 event', async () => {
    const response = await post(signedDelivery({ ...cloudEvent(), specversion: '0.3' }, 'delivery-bad'));

    expect(response.status).toBe(400);
    expect(await storedLines()).toHaveLength(0);
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

  describe('acknowledgement', () => {
    let app: Server;
    let appUrl: string;
    let answers: number[];
    const acks: Array<{ url: string; authorization: string | undefined; contentType: string | undefined; body: unknown }> = [];

    beforeEach(async () => {
      acks.length = 0;
      app = createServer((req: IncomingMessage, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          acks.push({
            url: req.url ?? '',
            authorization: req.headers.authorization,
            contentType: req.headers['content-type'],
            body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
          });
          res.writeHead(answers.shift() ?? 204).end();
        });
      });
      await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
      appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
    });

    afterEach(async () => {
      await new Promise<void>((resolve) => app.close(() => resolve()));
    });

    it('acknowledges a stored alert, retrying after a 5xx', async () => {
      answers = [503, 204];
      const receiver = await start({ appUrl, partnerApiKey: 'key-123', acknowledgement: { backoffMs: [10, 10] } });
      const event = cloudEvent({ id: 'alert/with space' });

      expect((await post(signedDelivery(event))).status).toBe(204);
      await receiver.settled();

      expect(acks).toHaveLength(2);
      expect(acks[1]).toEqual({
        url: '/alerts/alert%2Fwith%20space/ack',
        authorization: 'Bearer key-123',
        contentType: 'application/json',
        body: { note: 'received by demo partner test-partner' },
      });
    });

    it('keeps running when the ack endpoint answers 404, and does not retry it', async () => {
      answers = [404];
      const receiver = await start({ appUrl, partnerApiKey: 'key-123', acknowledgement: { backoffMs: [10, 10] } });

      expect((await post(signedDelivery(cloudEvent()))).status).toBe(204);
      await receiver.settled();

      expect(acks).toHaveLength(1);
      expect((await fetch(`${baseUrl}/health`)).status).toBe(200);
    });

    it('does not acknowledge a repeat delivery again', async () => {
      answers = [];
      const receiver = await start({ appUrl, partnerApiKey: 'key-123' });
      const event = cloudEvent();

      await post(signedDelivery(event));
      await post(signedDelivery(event));
      await receiver.settled();

      expect(acks).toHaveLength(1);
    });
  });
});
