import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** Prefix of Standard Webhooks secrets (`whsec_<base64 key>`). */
const SECRET_PREFIX = 'whsec_';

/**
 * The HMAC key of a Standard Webhooks secret (`whsec_` + base64, or bare base64), decoded once so that every POST
 * does not decode it again.
 * Errors: throws (as the `standardwebhooks` package does) when the secret is not base64 or is empty.
 */
export function webhookSigningKey(secret: string): Buffer {
  new Webhook(secret); // the library's own checks: valid base64, not empty
  return Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
}

/**
 * One Standard Webhooks 1.0 `v1` signature (`v1,<base64 HMAC-SHA256>` over `<msg id>.<unix seconds>.<body>`, UTF-8)
 * with node:crypto's HMAC. Byte for byte what `new Webhook(secret).sign(msgId, timestamp, body)` of the
 * `standardwebhooks` package returns (webhook-signature.spec.ts verifies with its `verify`); that package hashes in
 * JavaScript (fast-sha256), about ten times the CPU for an alert-sized body.
 * @param key from `webhookSigningKey`
 * @param timestamp the `webhook-timestamp` sent (whole seconds are signed)
 */
export function webhookSignature(key: Buffer, msgId: string, timestamp: Date, body: string): string {
  const mac = createHmac('sha256', key).update(`${msgId}.${Math.floor(timestamp.getTime() / 1000)}.${body}`, 'utf8').digest('base64');
  return `v1,${mac}`;
}
