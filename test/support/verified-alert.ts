import { expect } from '@jest/globals';
import type { JSONWebKeySet } from 'jose';
import { Webhook } from 'standardwebhooks';
import { parseAlertEvent, verifyAlertSignature, type AlertEvent } from '@app/partner-sdk';
import { request } from './http.js';
import type { RecordedRequest, RecordingPartner } from './recording-partner.js';
import { waitFor } from './wait-for.js';

/**
 * Waits until `partner` has received exactly one webhook naming `incidentId`, then checks what a partner would: its
 * Standard Webhooks signature under `webhookSecret` and its JWS against the app's published JWK set. Returns the
 * request, the parsed alert and the signing key id.
 */
export async function receiveVerifiedAlert(
  baseUrl: string,
  partner: RecordingPartner,
  incidentId: string,
  webhookSecret: string,
): Promise<{ received: RecordedRequest; event: AlertEvent; kid: string }> {
  const [received] = await waitFor(
    async () => partner.received.filter((entry) => entry.body.includes(incidentId)),
    (entries) => entries.length === 1,
    { description: 'the alert at the partner', timeoutMs: 60_000 },
  );
  expect(() => new Webhook(webhookSecret).verify(received.body, received.headers as Record<string, string>)).not.toThrow();
  const event = parseAlertEvent(received.body);
  const jwks = await request<JSONWebKeySet>('GET', `${baseUrl}/.well-known/jwks.json`);
  const { kid } = await verifyAlertSignature(event, jwks.body);
  return { received, event, kid };
}
