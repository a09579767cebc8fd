// CPU per webhook of the per-alert steps changed in round 3 (docs/filing-performance.md), old way and new way, on
// the bench's real incident turned into ten partners' alerts: signing the alert (jose FlattenedSign over WebCrypto,
// canonicalising each alert whole, vs node:crypto with a KeyObject and the shared incident canonicalised once), the
// Kafka binary-mode message (cloudevents SDK vs headers built directly) and the Standard Webhooks signature of the
// POST (standardwebhooks with the secret opened per POST vs node:crypto HMAC with the key opened once). CPU time of
// this process (process.cpuUsage, user + system) per webhook, so other load on the machine matters less.
//
//   node dist/scripts/bench/webhook-steps.js   env: BENCH_ROUNDS (default 400 events = 4,000 alerts per step)
import { randomBytes, randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import canonicalize from 'canonicalize';
import { CloudEvent, Kafka } from 'cloudevents';
import { exportPKCS8, FlattenedSign, generateKeyPair, importPKCS8 } from 'jose';
import { Webhook } from 'standardwebhooks';
import { alertSigningInput, canonicalFragment, type CanonicalFragments } from '@app/contracts';
import { DataKeyring, generateDataKeyEntry, parseDataKeys } from '../../src/data-encryption/data-keyring.js';
import { webhookSignature, webhookSigningKey } from '../../src/dissemination/webhook-signature.js';
import { toKafkaBinaryMessage, toStructuredEvent, type CloudEventAttributes } from '../../src/messaging/cloud-event.js';
import { filingBody } from './service-benchmarks.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 400);
const PARTNERS = 10;

/** CPU µs per call of `step` over ROUNDS × PARTNERS calls, after a warm-up of a tenth as many. */
async function cpuPerCall(step: (round: number) => Promise<void> | void): Promise<number> {
  for (let round = 0; round < ROUNDS / 10; round++) await step(round);
  const before = process.cpuUsage();
  for (let round = 0; round < ROUNDS; round++) await step(round);
  const used = process.cpuUsage(before);
  return Math.round((used.user + used.system) / (ROUNDS * PARTNERS));
}

async function main(): Promise<void> {
  const body = filingBody();
  const incident = { ...body, id: randomUUID(), version: 1 };
  const classification = { classifierVersion: '0.5.0', mechanism: { label: 'misuse', confidence: 0.8, evidence: [] } };
  const alerts = (): Array<CloudEventAttributes<Record<string, unknown>>> => {
    const shared = { incident: { ...incident }, classification: { ...classification }, redactions: { phone: 1 } };
    return Array.from({ length: PARTNERS }, () => {
      const alertId = randomUUID();
      const data = { alertId, msgType: 'Alert', version: 1, references: [], partnerId: randomUUID(), sentAt: new Date().toISOString(), ...shared };
      return { id: alertId, type: 'org.aisw.alert.v1', source: '/aisw/DE', subject: incident.id, time: data.sentAt, dataschema: 'https://aisw.example/schemas/alert/v1.json', data };
    });
  };
  const { privateKey } = await generateKeyPair('Ed25519', { extractable: true });
  const pem = await exportPKCS8(privateKey);
  const cryptoKey = await importPKCS8(pem, 'Ed25519');
  const { createPrivateKey, sign } = await import('node:crypto');
  const keyObject = createPrivateKey(pem);
  const header = Buffer.from(JSON.stringify({ alg: 'Ed25519', kid: 'k', b64: false, crit: ['b64'] })).toString('base64url');

  const signOld = await cpuPerCall(async () => {
    for (const alert of alerts()) {
      await new FlattenedSign(alertSigningInput(toStructuredEvent(alert))).setProtectedHeader({ alg: 'Ed25519', kid: 'k', b64: false, crit: ['b64'] }).sign(cryptoKey);
    }
  });
  const signNew = await cpuPerCall(() => {
    const batch = alerts();
    const fragments: CanonicalFragments = new WeakMap();
    for (const shared of [batch[0].data.incident, batch[0].data.classification, batch[0].data.redactions]) canonicalFragment(fragments, shared as object);
    for (const alert of batch) {
      const payload = alertSigningInput(toStructuredEvent(alert), fragments);
      sign(null, Buffer.concat([Buffer.from(`${header}.`), payload]), keyObject).toString('base64url');
    }
  });
  const canonicalWhole = await cpuPerCall(() => {
    for (const alert of alerts()) canonicalize(toStructuredEvent(alert));
  });

  const signed = alerts().map((alert) => ({ ...alert, jws: `${header}..sig` }));
  const messageOld = await cpuPerCall(() => {
    for (const alert of signed) {
      const message = Kafka.binary(new CloudEvent({ ...alert, datacontenttype: 'application/json' }));
      JSON.stringify(message.value);
    }
  });
  const messageNew = await cpuPerCall(() => {
    for (const alert of signed) toKafkaBinaryMessage(alert, alert.subject);
  });

  const keyring = DataKeyring.of(parseDataKeys(generateDataKeyEntry('bench')));
  const secretId = randomUUID();
  const sealed = keyring.seal(`whsec_${randomBytes(32).toString('base64')}`, `partner_webhook_secrets:${secretId}`);
  const bodies = signed.map((alert) => JSON.stringify(toStructuredEvent(alert)));
  const hmacOld = await cpuPerCall(() => {
    for (const [n, text] of bodies.entries()) new Webhook(keyring.open(sealed, `partner_webhook_secrets:${secretId}`)).sign(signed[n].id, new Date(), text);
  });
  const key = webhookSigningKey(keyring.open(sealed, `partner_webhook_secrets:${secretId}`));
  const hmacNew = await cpuPerCall(() => {
    for (const [n, text] of bodies.entries()) webhookSignature(key, signed[n].id, new Date(), text);
  });

  console.log(
    JSON.stringify({
      alertBytes: bodies[0].length,
      cpuUsPerWebhook: {
        sign: { before: signOld, after: signNew, canonicaliseWholeAlert: canonicalWhole },
        kafkaMessage: { before: messageOld, after: messageNew },
        webhookSignature: { before: hmacOld, after: hmacNew },
        total: { before: signOld + messageOld + hmacOld, after: signNew + messageNew + hmacNew },
      },
      loadAverage: loadavg()[0].toFixed(1),
    }),
  );
}

await main();
