import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { Webhook } from 'standardwebhooks';
import { webhookSignature, webhookSigningKey } from './webhook-signature.js';

describe(webhookSignature.name, () => {
  const bodies = ['', '{}', JSON.stringify({ data: { title: 'Ünïcode ✓ 漢字 😀 \u2028', n: 1e-7 } }), JSON.stringify({ text: 'x'.repeat(70_000) })];

  it.each(bodies.map((body): [number, string] => [body.length, body]))('is the signature standardwebhooks makes and verifies (body of %i characters)', (_length, body) => {
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    const timestamp = new Date();
    const msgId = '6f1c3c8e-2d7f-4a53-9a43-0a3f3f1b6a11';

    const signature = webhookSignature(webhookSigningKey(secret), msgId, timestamp, body);

    const library = new Webhook(secret);
    expect(signature).toBe(library.sign(msgId, timestamp, body));
    const headers = { 'webhook-id': msgId, 'webhook-timestamp': Math.floor(timestamp.getTime() / 1000).toString(), 'webhook-signature': signature };
    expect(() => library.verify(body, headers)).not.toThrow();
    expect(() => new Webhook(`whsec_${randomBytes(32).toString('base64')}`).verify(body, headers)).toThrow();
  });

  it('accepts a bare base64 secret as the library does', () => {
    const bare = randomBytes(24).toString('base64');
    const timestamp = new Date('2026-11-30T01:02:03.999Z');

    expect(webhookSignature(webhookSigningKey(bare), 'id', timestamp, 'body')).toBe(new Webhook(bare).sign('id', timestamp, 'body'));
  });

  it('refuses an empty secret as the library does', () => {
    expect(() => webhookSigningKey('whsec_')).toThrow();
  });
});
