import { Webhook } from 'standardwebhooks';
import { AlertVerificationError } from './alert-verification-error.js';
import { parseAlertEvent, type AlertEvent } from './alert-event.js';
import { parseReceivedAlertEvent, type ReceivedAlertEvent } from './surge-alert-event.js';
import { verifyAlertSignature, type AlertKeySet } from './verify-alert-signature.js';

/** Request headers as Node (`IncomingMessage.headers`) or the Fetch API (`Headers`) give them. */
export type WebhookHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/** An alert delivery that passed every check; `E` is the kind of event accepted. */
export interface VerifiedAlertDelivery<E extends ReceivedAlertEvent = AlertEvent> {
  /** Standard Webhooks `webhook-id`: the alert id, stable across retries; de-duplicate on it. */
  webhookId: string;
  event: E;
  /** `kid` of the key that signed the alert. */
  kid: string;
}

/** Verifies webhook deliveries for one partner; see {@link createAlertVerifier} and {@link createReceivedAlertVerifier}. */
export type AlertVerifier<E extends ReceivedAlertEvent = AlertEvent> = (rawBody: string | Uint8Array, headers: WebhookHeaders) => Promise<VerifiedAlertDelivery<E>>;

const WEBHOOK_HEADERS = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;

/**
 * Checks a webhook delivery's Standard Webhooks 1.0 signature and parses its body as an alert event.
 * `rawBody` must be the exact bytes received (before any JSON parsing); `headers` must hold `webhook-id`,
 * `webhook-timestamp` (Unix seconds) and `webhook-signature` (space-separated `v1,<base64 HMAC-SHA256>` of
 * `<webhook-id>.<webhook-timestamp>.<body>` under the `whsec_` secret). Timestamps more than 5 minutes away are
 * refused (Standard Webhooks 1.0 "Verifying webhooks"). `webhookSecret` may be one secret or several (during a
 * rotation: the old and the new one); the delivery passes when any listed signature matches any of them. Does not
 * check the alert's own `jws` signature: use {@link verifyAlertSignature}, or {@link createAlertVerifier} for both.
 * Errors: throws {@link AlertVerificationError} `bad-webhook-signature`, `stale-timestamp` or `invalid-envelope`
 * (see {@link parseAlertEvent}); throws a plain Error when a secret is not a valid `whsec_` secret or none is given.
 */
export function verifyWebhook(rawBody: string | Uint8Array, headers: WebhookHeaders, webhookSecret: string | readonly string[]): AlertEvent {
  return checkWebhook(webhooksFor(webhookSecret), rawBody, headers, parseAlertEvent).event;
}

/**
 * A verifier for one partner's webhook endpoint that runs every check a receiver needs, in order: Standard Webhooks
 * signature and timestamp, the alert event schema, then the alert's Ed25519 JWS against the sender's keys
 * (`keys`: usually `remoteAlertKeys(appUrl)`, created once). Store or act on the alert only after it resolves.
 * `webhookSecret` may list several secrets while you rotate (see docs/partner-integration.md, "Rotating your webhook
 * secret"). Errors: the verifier rejects with {@link AlertVerificationError} (`error.httpStatus` is the status to
 * answer); `createAlertVerifier` throws a plain Error when a secret is not a valid `whsec_` secret or none is given.
 */
export function createAlertVerifier(options: { webhookSecret: string | readonly string[]; keys: AlertKeySet }): AlertVerifier {
  return verifierFor(options, parseAlertEvent);
}

/**
 * As {@link createAlertVerifier}, for a partner that has opted in to surge alerts (a subscription with
 * `trendSignals: true`): accepts an `org.aisw.alert.v1` or an `org.aisw.surge-alert.v1` delivery, each validated
 * against its own schema ({@link parseReceivedAlertEvent}), with the same webhook and `jws` checks. Branch on
 * `event.type` (or {@link isSurgeAlertEvent}). Errors: as {@link createAlertVerifier}.
 */
export function createReceivedAlertVerifier(options: { webhookSecret: string | readonly string[]; keys: AlertKeySet }): AlertVerifier<ReceivedAlertEvent> {
  return verifierFor(options, parseReceivedAlertEvent);
}

function verifierFor<E extends ReceivedAlertEvent>(
  options: { webhookSecret: string | readonly string[]; keys: AlertKeySet },
  parse: (body: string | Buffer) => E,
): AlertVerifier<E> {
  const webhooks = webhooksFor(options.webhookSecret);
  return async (rawBody, headers) => {
    const { webhookId, event } = checkWebhook(webhooks, rawBody, headers, parse);
    const { kid } = await verifyAlertSignature(event, options.keys);
    return { webhookId, event, kid };
  };
}

function webhooksFor(secrets: string | readonly string[]): Webhook[] {
  const list = typeof secrets === 'string' ? [secrets] : [...secrets];
  if (list.length === 0) throw new Error('give at least one webhook secret');
  return list.map((secret) => new Webhook(secret));
}

function checkWebhook<E>(webhooks: Webhook[], rawBody: string | Uint8Array, headers: WebhookHeaders, parse: (body: string | Buffer) => E): { webhookId: string; event: E } {
  const values = Object.fromEntries(WEBHOOK_HEADERS.map((name) => [name, headerValue(headers, name)]));
  // standardwebhooks signs a string or a Node Buffer only; a Buffer view keeps the exact bytes without copying.
  const body = typeof rawBody === 'string' ? rawBody : Buffer.from(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength);
  // The library checks every signature in the header against one secret; a rotation needs any-of over the secrets.
  // A stale timestamp fails the same way for every secret, so the first error reports it.
  let firstError: unknown;
  for (const webhook of webhooks) {
    try {
      webhook.verify(body, values, { jsonParse: false });
    } catch (error) {
      firstError ??= error;
      continue;
    }
    return { webhookId: values['webhook-id'], event: parse(body) };
  }
  const message = firstError instanceof Error ? firstError.message : String(firstError);
  const reason = /timestamp too (old|new)/i.test(message) ? 'stale-timestamp' : 'bad-webhook-signature';
  throw new AlertVerificationError(reason, `webhook verification failed: ${message}`, [], { cause: firstError });
}

/** A header's value; repeated headers are joined with a space (as `webhook-signature` lists signatures). */
function headerValue(headers: WebhookHeaders, name: string): string {
  // Duck-typed: a Headers from another fetch implementation is not an instance of the global one.
  if (typeof (headers as { get?: unknown }).get === 'function') return (headers as Headers).get(name) ?? '';
  const record = headers as Readonly<Record<string, string | readonly string[] | undefined>>;
  const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  return typeof value === 'string' ? value : (value?.join(' ') ?? '');
}
