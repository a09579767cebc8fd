import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JSONWebKeySet } from 'jose';
import { alertSigningInput } from '@app/contracts';
import { kafkaBinaryRecord } from '../test/alert-event.factory.js';
import { parseAlertEvent } from './alert-event.js';
import { fromKafkaMessage } from './kafka-alert.js';
import { verifyAlertSignature } from './verify-alert-signature.js';

// Keeps the test vector in docs/partner-integration.md honest: partners test their verifiers with it.
const doc = readFileSync(join(process.cwd(), 'docs/partner-integration.md'), 'utf8');

function testVector(name: string): unknown {
  const match = new RegExp(`<!-- test-vector:${name} -->\\s*\`\`\`json\\n([\\s\\S]*?)\\n\`\`\``).exec(doc);
  if (!match) throw new Error(`docs/partner-integration.md has no test vector "${name}"`);
  return JSON.parse(match[1]);
}

describe('docs/partner-integration.md test vector', () => {
  const event = parseAlertEvent(testVector('event'));
  const jwks = testVector('jwks') as JSONWebKeySet;

  it('is a valid alert event whose signature verifies with the documented key set', async () => {
    await expect(verifyAlertSignature(event, jwks)).resolves.toEqual({ kid: jwks.keys[0].kid, algorithm: 'Ed25519' });
  });

  it('states the length and SHA-256 of its canonical payload correctly', () => {
    const stated = /payload of this event \(without `jws`\) is (\d+) bytes[\s\S]*?SHA-256 \(hex\) `([0-9a-f]{64})`/.exec(doc);
    const payload = alertSigningInput(event);

    expect(stated?.slice(1)).toEqual([String(payload.byteLength), createHash('sha256').update(payload).digest('hex')]);
  });

  it('verifies the same after the Kafka binary-mode round trip', async () => {
    await expect(verifyAlertSignature(fromKafkaMessage(kafkaBinaryRecord(event)), jwks)).resolves.toMatchObject({ kid: jwks.keys[0].kid });
  });

  it('fails once a member is changed', async () => {
    await expect(verifyAlertSignature({ ...event, subject: event.data.incident.id.replace(/.$/, '0') }, jwks)).rejects.toMatchObject({
      reason: 'bad-alert-signature',
    });
  });
});
