import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AlertVerificationError,
  createReceivedAlertVerifier,
  isSurgeAlertEvent,
  remoteAlertKeys,
  type AlertKeySet,
  type ReceivedAlertEvent,
  type VerifiedAlertDelivery,
} from '@app/partner-sdk';
import { sendAcknowledgement, type AcknowledgementSenderOptions } from './acknowledgement-sender.js';
import { ReceivedAlertStore } from './received-alert-store.js';
import { silentLogger, type StructuredLogger } from './structured-logger.js';

/** Raw webhook bodies above this size are refused with 413. */
export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

/** Default single window base URL (as partner-config.ts defaults APP_URL). */
const DEFAULT_APP_URL = 'http://127.0.0.1:3000';
/** Seconds a sender should wait before retrying when the JWK set could not be fetched. */
const KEYS_UNAVAILABLE_RETRY_AFTER_SECONDS = 30;

export interface ReceiverOptions {
  partnerName: string;
  /** Standard Webhooks secret, `whsec_<base64>`. */
  webhookSecret: string;
  /** Folder for `alerts.jsonl`; created if missing. */
  outDir: string;
  /** Single window base URL (no trailing slash): its JWK set verifies alerts, acknowledgements go there. */
  appUrl?: string;
  /**
   * Public keys that verify the alerts' `jws` signatures: a JWK set or a resolver. Default: the JWK set at
   * `{appUrl}/.well-known/jwks.json`, fetched on the first alert and cached (`remoteAlertKeys`, partner SDK).
   */
  alertKeys?: AlertKeySet;
  /** When set, each newly stored alert is acknowledged at `POST {appUrl}/alerts/{id}/ack`. */
  partnerApiKey?: string;
  log?: StructuredLogger;
  /** Overrides for the acknowledgement client (retry backoff, timeout, fetch) — tests. */
  acknowledgement?: Pick<AcknowledgementSenderOptions, 'backoffMs' | 'attemptTimeoutMs' | 'fetch'>;
  /** How long {@link ReceiverServer.close} waits for acknowledgements in flight (default 5000 ms). */
  shutdownGraceMs?: number;
}

/** A running (or ready to run) demo partner receiver. */
export interface ReceiverServer {
  readonly server: Server;
  readonly store: ReceivedAlertStore;
  /** Starts listening; resolves with the bound port (pass 0 for an ephemeral one). */
  listen(port: number, host?: string): Promise<number>;
  /** Resolves when every acknowledgement started so far has finished (tests). */
  settled(): Promise<void>;
  /**
   * Stops accepting connections, lets in-flight requests finish, waits up to `shutdownGraceMs` for
   * acknowledgements, then abandons their retries.
   */
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Extra members of the JSON error body. */
    readonly body: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/**
 * Builds the demo partner's HTTP receiver (node:http, no framework):
 *
 * - `POST /webhooks/alerts` — a Standard Webhooks 1.0 delivery: headers `webhook-id`, `webhook-timestamp`
 *   (Unix seconds, within ±5 min) and `webhook-signature` (`v1,<base64 HMAC-SHA256>` over
 *   `<id>.<timestamp>.<raw body>`), checked against the raw bytes; then the body is validated as an
 *   `org.aisw.alert.v1` CloudEvent (ALERT_EVENT_V1_SCHEMA) or, for a surge alert, an `org.aisw.surge-alert.v1`
 *   (SURGE_ALERT_EVENT_V1_SCHEMA), and its `jws` verified against the app's JWK set (all with the partner SDK's
 *   `createReceivedAlertVerifier`). Only then is it stored, with `signatureVerified: true`
 *   and the signing `kid`. Answers 204 when stored as a line of `alerts.jsonl`, 200 `{ status: 'repeat' }` when
 *   that `webhook-id` was already stored (nothing written; counted), 401 on missing headers / bad webhook
 *   signature / stale timestamp / bad alert signature / unknown key, 400 on a body that is not a valid alert
 *   event (`details` lists the failing JSON Pointer paths), 503 with Retry-After when the JWK set cannot be
 *   fetched, 413 above {@link MAX_WEBHOOK_BODY_BYTES}. Errors are `{ "error": string, "reason"?: string }`.
 *   After answering a newly stored alert, acknowledges it asynchronously when `partnerApiKey` is set.
 * - `GET /alerts` — `{ partner, count, repeats, alerts: [{ alertId, webhookId, receivedAt, type, subject }] }`.
 * - `GET /health` — `{ status: 'ok' }`.
 *
 * Errors: rejects when the secret is not a valid Standard Webhooks secret or `outDir` is unusable.
 */
export async function createReceiverServer(options: ReceiverOptions): Promise<ReceiverServer> {
  const log = options.log ?? silentLogger;
  const appUrl = options.appUrl ?? DEFAULT_APP_URL;
  // remoteAlertKeys fetches nothing until the first alert, so a receiver can start before the app.
  const verify = createReceivedAlertVerifier({ webhookSecret: options.webhookSecret, keys: options.alertKeys ?? remoteAlertKeys(appUrl) });
  const store = await ReceivedAlertStore.open(options.outDir, log);
  const shutdown = new AbortController();
  const inFlight = new Set<Promise<unknown>>();

  const acknowledge = (alertId: string): void => {
    if (!options.partnerApiKey) return;
    const sender: AcknowledgementSenderOptions = {
      appUrl,
      partnerApiKey: options.partnerApiKey,
      partnerName: options.partnerName,
      log,
      ...options.acknowledgement,
    };
    const task = sendAcknowledgement(alertId, sender, shutdown.signal).finally(() => inFlight.delete(task));
    inFlight.add(task);
  };

  const receiveAlert = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const rawBody = await readBody(req, MAX_WEBHOOK_BODY_BYTES);
    let delivery: VerifiedAlertDelivery<ReceivedAlertEvent>;
    try {
      delivery = await verify(rawBody, req.headers);
    } catch (error) {
      if (!(error instanceof AlertVerificationError)) throw error;
      log('warn', 'rejected webhook delivery', {
        webhookId: header(req, 'webhook-id'),
        reason: error.reason,
        error: error.message,
        remote: req.socket.remoteAddress,
      });
      throw new HttpError(
        error.httpStatus,
        error.message,
        { reason: error.reason, ...(error.details.length ? { details: error.details } : {}) },
        error.reason === 'keys-unavailable' ? { 'Retry-After': String(KEYS_UNAVAILABLE_RETRY_AFTER_SECONDS) } : {},
      );
    }
    const { webhookId, event, kid } = delivery;
    const outcome = await store.record({
      receivedAt: new Date().toISOString(),
      webhookId,
      alertId: event.id,
      verified: true,
      signatureVerified: true,
      kid,
      event,
    });
    if (outcome === 'repeat') {
      log('info', 'repeat delivery ignored', { webhookId, alertId: event.id, repeats: store.repeats });
      sendJson(res, 200, { status: 'repeat', webhookId, alertId: event.id });
      return;
    }
    if (isSurgeAlertEvent(event)) {
      const { dimension, value, weekStart, count, expected, method } = event.data.signal;
      log('info', 'surge alert stored', { webhookId, alertId: event.id, type: event.type, signalId: event.subject, dimension, value, weekStart, count, expected, method, tlp: event.data.tlp, kid });
    } else log('info', 'alert stored', { webhookId, alertId: event.id, type: event.type, subject: event.subject, kid });
    res.writeHead(204).end();
    acknowledge(event.id);
  };

  const listAlerts = (res: ServerResponse): void => {
    sendJson(res, 200, {
      partner: options.partnerName,
      count: store.count,
      repeats: store.repeats,
      alerts: store.list().map((a) => ({
        alertId: a.alertId,
        webhookId: a.webhookId,
        receivedAt: a.receivedAt,
        type: a.event.type,
        subject: a.event.subject ?? null,
      })),
    });
  };

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://receiver').pathname;
    const route = `${req.method} ${path}`;
    const handle = async (): Promise<void> => {
      if (route === 'POST /webhooks/alerts') return receiveAlert(req, res);
      if (route === 'GET /alerts') return listAlerts(res);
      if (route === 'GET /health') return sendJson(res, 200, { status: 'ok' });
      const allowed = { '/webhooks/alerts': 'POST', '/alerts': 'GET', '/health': 'GET' }[path];
      if (allowed) {
        res.setHeader('Allow', allowed);
        throw new HttpError(405, `method ${req.method} not allowed on ${path}`);
      }
      throw new HttpError(404, `no route ${route}`);
    };
    handle().catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      if (status === 500) log('error', 'request failed', { route, error: String(error) });
      if (res.headersSent) return void res.destroy();
      if (status === 413) res.setHeader('Connection', 'close');
      if (error instanceof HttpError) for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
      sendJson(res, status, error instanceof HttpError ? { error: error.message, ...error.body } : { error: 'internal error' });
      // The rest of an oversized body is not read; close the connection once the answer is out.
      if (status === 413) res.once('finish', () => req.destroy());
    });
  });

  return {
    server,
    store,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve((server.address() as AddressInfo).port);
        });
      }),
    settled: async () => {
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
    close: async () => {
      const graceMs = options.shutdownGraceMs ?? 5000;
      const closed = new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
      server.closeIdleConnections();
      await Promise.race([Promise.allSettled([...inFlight]), delay(graceMs)]);
      shutdown.abort();
      await Promise.allSettled([...inFlight]);
      // Keep-alive connections that were busy when close() began would otherwise hold the server open.
      await Promise.race([closed, delay(graceMs)]);
      server.closeAllConnections();
      await closed;
    },
  };
}

/** Reads the whole request body. Errors: HttpError 413 as soon as more than `limit` bytes are announced or read. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new HttpError(413, `body larger than ${limit} bytes`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        reject(new HttpError(413, `body larger than ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(' ') : value;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
