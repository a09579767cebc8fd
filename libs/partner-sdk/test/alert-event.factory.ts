// Test factories: real alert events signed the way the single window signs them (src/signing/alert-signer.service.ts,
// src/messaging/cloud-event.ts); used by the SDK specs and src/demo-partner specs. Change together with those files.
import { randomUUID } from 'node:crypto';
import { CloudEvent, Kafka } from 'cloudevents';
import { calculateJwkThumbprint, exportJWK, FlattenedSign, generateKeyPair, type CryptoKey, type JSONWebKeySet, type JWK } from 'jose';
import { Webhook } from 'standardwebhooks';
import { alertSigningInput, EventTypes, SIGNATURE_ALGORITHM, SURGE_ALERT_EVENT_V1_SCHEMA, type AlertData, type IncidentSnapshot, type SurgeAlertData, type SurgeSignalSnapshot } from '@app/contracts';
import type { AlertEvent, ReceivedAlertEvent } from '../src/index.js';

export function incidentSnapshot(overrides: Partial<IncidentSnapshot> = {}): IncidentSnapshot {
  return {
    id: randomUUID(),
    title: 'Uber AV Killed Pedestrian in Arizona',
    description: 'A self-driving Uber test vehicle struck and killed a pedestrian crossing the road in Tempe, Arizona.',
    occurredAt: '2018-03-18T00:00:00.000Z',
    country: 'US',
    language: 'en',
    sector: 'autonomous_driving',
    reportingOrganisation: 'National Transportation Safety Board',
    aiSystemName: 'Uber ATG self-driving system',
    developer: 'Uber Advanced Technologies Group',
    deployer: null,
    harmDescription: 'Death of a pedestrian.',
    sourceUrls: ['https://www.ntsb.gov/investigations/Pages/HWY18MH010.aspx'],
    tlp: 'GREEN',
    originJurisdiction: 'CN',
    filedAt: '2026-11-29T11:59:58.120Z',
    version: 1,
    status: 'active',
    updatedAt: '2026-11-29T11:59:58.120Z',
    ...overrides,
  };
}

export function alertData(overrides: Partial<AlertData> = {}): AlertData {
  return {
    alertId: randomUUID(),
    msgType: 'Alert',
    version: 1,
    references: [],
    partnerId: randomUUID(),
    sentAt: '2026-11-29T12:00:00.000Z',
    incident: incidentSnapshot(),
    classification: {
      classifierVersion: '1.2.0',
      mechanism: {
        label: 'loss_of_control',
        confidence: 0.8500000000000001,
        evidence: [
          { kind: 'phrase', field: 'title', start: 0, end: 6, text: 'Uber A', term: 'uber av', supports: 'loss_of_control', weight: 0.3 },
        ],
      },
      magnitude: { label: 'general', confidence: 0.6, evidence: [] },
      source: {
        label: 'system',
        confidence: 1e-7,
        evidence: [{ kind: 'field', field: 'sector', value: 'autonomous_driving', supports: 'system', weight: 0.25 }],
      },
    },
    ...overrides,
  };
}

/** The structured event without `jws`, as `toStructuredEvent` builds it in the router. */
export function unsignedAlertEvent(data: AlertData = alertData(), overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    specversion: '1.0',
    id: data.alertId,
    source: '/aisw/CN',
    type: EventTypes.alert,
    subject: data.incident.id,
    time: data.sentAt,
    datacontenttype: 'application/json',
    data,
    ...overrides,
  };
}

/**
 * A surge signal with the figures of a real EARS C2 onset (test/integration/surge-alerts.int-spec.ts: four DE
 * incidents in one week after empty weeks).
 */
export function surgeSignal(overrides: Partial<SurgeSignalSnapshot> = {}): SurgeSignalSnapshot {
  return {
    id: randomUUID(),
    dimension: 'country',
    value: 'DE',
    weekStart: '2026-08-10T00:00:00.000Z',
    weekEnd: '2026-08-17T00:00:00.000Z',
    count: 4,
    expected: 0,
    sd: 1,
    statistic: 4,
    threshold: 3,
    method: 'EARS-C2(baseline=7,guard=2,threshold=3,minSd=1)',
    detectedAt: '2026-08-17T05:59:58.120Z',
    ...overrides,
  };
}

export function surgeAlertData(overrides: Partial<SurgeAlertData> = {}): SurgeAlertData {
  return {
    alertId: randomUUID(),
    msgType: 'Alert',
    urgency: 'routine',
    tlp: 'GREEN',
    partnerId: randomUUID(),
    sentAt: '2026-08-17T06:00:00.000Z',
    signal: surgeSignal(),
    ...overrides,
  };
}

/** The structured surge alert without `jws`, as the router builds it (alert-router.service.ts surgeAlertsFor). */
export function unsignedSurgeAlertEvent(data: SurgeAlertData = surgeAlertData(), overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    specversion: '1.0',
    id: data.alertId,
    source: '/aisw/CN',
    type: EventTypes.surgeAlert,
    subject: data.signal.id,
    time: data.sentAt,
    datacontenttype: 'application/json',
    dataschema: SURGE_ALERT_EVENT_V1_SCHEMA.$id,
    data,
    ...overrides,
  };
}

export interface TestSigner {
  kid: string;
  /** Public JWK set holding this signer's key. */
  jwks: JSONWebKeySet;
  publicJwk: JWK;
  /** Adds `jws` as AlertSigner.sign does; `header` overrides protected header members (for negative tests). */
  sign<E extends ReceivedAlertEvent = AlertEvent>(event: Record<string, unknown>, header?: Record<string, unknown>): Promise<E>;
}

/** A fresh Ed25519 key, with `kid` = RFC 7638 thumbprint as the single window makes it. */
export async function createTestSigner(): Promise<TestSigner> {
  const { publicKey, privateKey } = await generateKeyPair(SIGNATURE_ALGORITHM, { extractable: true });
  const exported = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(exported);
  const publicJwk: JWK = { ...exported, kid, use: 'sig', alg: SIGNATURE_ALGORITHM };
  return {
    kid,
    publicJwk,
    jwks: { keys: [publicJwk] },
    sign: <E extends ReceivedAlertEvent = AlertEvent>(event: Record<string, unknown>, header: Record<string, unknown> = {}) => signWith<E>(privateKey, kid, event, header),
  };
}

async function signWith<E>(key: CryptoKey, kid: string, event: Record<string, unknown>, header: Record<string, unknown>): Promise<E> {
  const jws = await new FlattenedSign(alertSigningInput(event))
    .setProtectedHeader({ alg: SIGNATURE_ALGORITHM, kid, b64: false, crit: ['b64'], ...header })
    .sign(key);
  return { ...event, jws: `${jws.protected}..${jws.signature}` } as E;
}

export const TEST_WEBHOOK_SECRET = `whsec_${Buffer.alloc(32, 42).toString('base64')}`;

/** Body and headers of a Standard Webhooks delivery, as WebhookDispatcher sends it. */
export function signedWebhook(
  event: unknown,
  options: { secret?: string; webhookId?: string; timestamp?: Date; body?: string } = {},
): { body: string; headers: Record<string, string> } {
  const body = options.body ?? JSON.stringify(event);
  const webhookId = options.webhookId ?? String((event as { id?: unknown }).id);
  const timestamp = options.timestamp ?? new Date();
  return {
    body,
    headers: {
      'content-type': 'application/cloudevents+json; charset=utf-8',
      'webhook-id': webhookId,
      'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
      'webhook-signature': new Webhook(options.secret ?? TEST_WEBHOOK_SECRET).sign(webhookId, timestamp, body),
    },
  };
}

/** The Kafka record the router writes (binary mode, `toKafkaBinaryMessage`), with Buffer headers as kafkajs reads them. */
export function kafkaBinaryRecord(event: ReceivedAlertEvent): { key: Buffer; value: Buffer; headers: Record<string, Buffer> } {
  const { data, ...attributes } = event;
  const message = Kafka.binary(new CloudEvent({ ...attributes, data }));
  const headers: Record<string, Buffer> = {
    correlation_id: Buffer.from(randomUUID()),
    causation_id: Buffer.from(randomUUID()),
  };
  for (const [name, value] of Object.entries(message.headers)) {
    if (value !== undefined && value !== null) headers[name] = Buffer.from(String(value));
  }
  return { key: Buffer.from(event.subject), value: Buffer.from(JSON.stringify(data)), headers };
}
