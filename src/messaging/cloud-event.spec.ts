import { describe, expect, it } from '@jest/globals';
import { CloudEvent, Kafka } from 'cloudevents';
import { fromKafkaBinaryMessage, toKafkaBinaryMessage, type CloudEventAttributes } from './cloud-event.js';

/** What the cloudevents SDK's Kafka binding writes for the same attributes (the reference for the hand-built headers). */
function sdkBinary(attributes: CloudEventAttributes<unknown>, extraHeaders: Record<string, string>): { headers: Record<string, string>; order: string[] } {
  const defined = Object.fromEntries(Object.entries(attributes).filter(([, value]) => value !== undefined));
  const message = Kafka.binary(new CloudEvent({ ...defined, datacontenttype: 'application/json' }));
  const headers: Record<string, string> = { ...extraHeaders };
  for (const [name, value] of Object.entries(message.headers)) if (value !== undefined && value !== null) headers[name] = String(value);
  return { headers, order: Object.keys(headers) };
}

const base: CloudEventAttributes<unknown> = {
  id: '6f1c3c8e-2d7f-4a53-9a43-0a3f3f1b6a11',
  type: 'org.aisw.alert.v1',
  source: '/aisw/DE',
  subject: '0b0e9f1e-7a51-4d8a-9a35-2f7c8f0d2c11',
  time: '2026-11-30T01:02:03.456Z',
  data: { title: 'Ünïcode ✓ 漢字', n: 0.1, nested: [1, { a: null }] },
};

describe(toKafkaBinaryMessage.name, () => {
  it.each<[string, CloudEventAttributes<unknown>]>([
    ['an incident event (no schema, no signature)', base],
    ['a signed alert with a schema', { ...base, dataschema: 'https://aisw.example/schemas/alert.v1.json', jws: 'eyJhbGciOiJFZDI1NTE5In0..c2ln' }],
    ['a time without fractional seconds', { ...base, time: '2026-11-30T01:02:03Z' }],
  ])('writes the headers the cloudevents SDK writes, in its order, for %s', (_case, attributes) => {
    const extra = { 'aisw-correlation-id': 'c-1', 'aisw-causation-id': 'e-1' };

    const message = toKafkaBinaryMessage(attributes, 'key-1', extra);

    const expected = sdkBinary(attributes, extra);
    expect(message.headers).toEqual(expected.headers);
    expect(Object.keys(message.headers)).toEqual(expected.order);
    expect(message.key).toBe('key-1');
    expect(message.value).toBe(JSON.stringify(attributes.data));
  });

  it('reads back through the SDK to the same attributes', () => {
    const attributes = { ...base, dataschema: 'https://aisw.example/schemas/alert.v1.json', jws: 'eyJhbGciOiJFZDI1NTE5In0..c2ln' };
    const message = toKafkaBinaryMessage(attributes, 'key-1');

    const parsed = fromKafkaBinaryMessage({
      key: Buffer.from(message.key),
      value: Buffer.from(message.value),
      headers: Object.fromEntries(Object.entries(message.headers).map(([name, value]) => [name, Buffer.from(String(value))])),
    });

    expect(parsed).toEqual(attributes);
  });

  it('refuses an event without id, type or source', () => {
    expect(() => toKafkaBinaryMessage({ ...base, id: '' }, 'k')).toThrow(TypeError);
    expect(() => toKafkaBinaryMessage({ ...base, source: '' }, 'k')).toThrow(TypeError);
  });
});
