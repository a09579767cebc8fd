import { describe, expect, it } from '@jest/globals';
import { withoutCredentials } from './webhook-url.js';

describe(withoutCredentials.name, () => {
  it.each([
    ['https://user:pass@example.com/', 'https://***@example.com/'],
    ['https://user@example.com/hook?x=1', 'https://***@example.com/hook?x=1'],
    ['http://a:b@c@example.com:8443/hook', 'http://***@example.com:8443/hook'], // the last @ of the authority ends the userinfo
    ['https://:secret@[2001:db8::1]/', 'https://***@[2001:db8::1]/'],
  ])('masks the credentials of %s', (url, shown) => {
    expect(withoutCredentials(url)).toBe(shown);
  });

  it.each(['https://example.com/path/with@sign', 'https://example.com/?to=ops@example.com', 'https://example.com/#me@there'])(
    'leaves %s alone (an @ after the authority is no credential)',
    (url) => {
      expect(withoutCredentials(url)).toBe(url);
    },
  );

  it('keeps null (a Kafka-only partner)', () => {
    expect(withoutCredentials(null)).toBeNull();
  });
});
