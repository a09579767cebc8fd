import { v5 as uuidv5 } from 'uuid';

// Fixed UUID namespace of this product's alert ids (RFC 9562 §5.5 name-based UUIDs). Never change it:
// partners de-duplicate on alert ids.
const ALERT_NAMESPACE = '4f9a7c52-3c1e-5b8e-9d47-6a0e2b1c9f30';

/**
 * Deterministic alert id for (incident, partner, version): re-routing the same event after a crash yields the
 * same id, which is also the Standard Webhooks `webhook-id`, so a partner can drop repeats.
 */
export function alertIdFor(incidentId: string, partnerId: string, version: number): string {
  return uuidv5(`${incidentId}/${partnerId}/${version}`, ALERT_NAMESPACE);
}

/**
 * Deterministic alert id of the surge alert about one signal for one partner: a signal is announced to a partner once,
 * and a re-routed event keeps the id (the alert log's primary key drops the repeat; partners de-duplicate on it).
 */
export function surgeAlertIdFor(signalId: string, partnerId: string): string {
  return uuidv5(`surge/${signalId}/${partnerId}`, ALERT_NAMESPACE);
}
