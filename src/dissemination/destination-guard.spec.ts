import { describe, expect, it } from '@jest/globals';
import { DestinationGuard, DestinationRefusedError, describeRange } from './destination-guard.js';

describe(DestinationGuard.name, () => {
  const sut = new DestinationGuard('');

  it.each(['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '100.64.0.1'])(
    'refuses %s by default',
    (address) => {
      expect(sut.permits(address)).toBe(false);
    },
  );

  it.each(['8.8.8.8', '2001:4860:4860::8888', '1.1.1.1'])('permits the public address %s', (address) => {
    expect(sut.permits(address)).toBe(true);
  });

  it('permits allow-listed networks only', () => {
    const demo = new DestinationGuard('127.0.0.0/8, ::1/128');
    expect(demo.permits('127.0.0.1')).toBe(true);
    expect(demo.permits('::1')).toBe(true);
    expect(demo.permits('10.0.0.1')).toBe(false);
  });

  it('refuses a literal metadata address when resolving, naming the range', async () => {
    await expect(sut.resolve('169.254.169.254')).rejects.toThrow(DestinationRefusedError);
    await expect(sut.resolve('169.254.169.254')).rejects.toThrow(/a link-local address/);
  });

  it('refuses a name that resolves to loopback', async () => {
    await expect(sut.resolve('localhost')).rejects.toThrow(/loopback/);
  });

  it.each([
    ['http://169.254.169.254/latest/meta-data', '169.254.169.254 is a link-local address'],
    ['https://10.1.2.3:8443/hook', '10.1.2.3 is a private address'],
    ['http://[::1]:4000/hook', '::1 is a loopback address'],
    ['http://[fd00::5]/hook', 'fd00::5 is a unique local address'],
    ['http://0x7f.1/hook', '127.0.0.1 is a loopback address'], // WHATWG URL turns the hex form into dotted form
    ['http://2130706433/hook', '127.0.0.1 is a loopback address'],
    ['http://[::ffff:192.168.0.1]/hook', '192.168.0.1 is a private address'],
    ['http://localhost:4000/hook', 'localhost is a loopback name'],
    ['http://api.LOCALHOST/hook', 'api.localhost is a loopback name'],
  ])('refuses registering %s without DNS', (url, reason) => {
    expect(sut.refusalOf(url)).toMatch(new RegExp(`^${reason.replace(/[.[\]]/g, '\\$&')} `));
  });

  it.each([
    'http://[fe80::1%25eth0]/',
    'http://[fe80::a9fe:a9fe%251]/',
    'http://[::ffff:10.0.0.1%25lo]/',
    'https://[2001:4860:4860::8888%25eth0]/hook', // a zone id on a public address is refused too
    'http://[fe80::1%eth0]/',
    'http://fe80::1%25eth0/',
    'http://exa%2541mple.com/',
    'not a url',
  ])('refuses %s, which the WHATWG URL parser deliveries use refuses (IPv6 zone ids among them)', (url) => {
    expect(sut.refusalOf(url)).toMatch(/^not a URL the WHATWG URL Standard accepts/);
    expect(new DestinationGuard('0.0.0.0/0, ::/0').refusalOf(url)).toMatch(/^not a URL the WHATWG URL Standard accepts/);
  });

  it.each(['https://user:pass@aisw.example.sg/alerts', 'https://user@aisw.example.sg/alerts', 'https://:token@8.8.8.8/hook'])(
    'refuses %s: credentials do not belong in a webhook URL',
    (url) => {
      expect(sut.refusalOf(url)).toMatch(/^a URL may not carry credentials/);
    },
  );

  it('refuses a host that still holds a percent sign after parsing (a zone id in an opaque host)', () => {
    expect(sut.refusalOf('git://fe80%25eth0/')).toBe('a host with a zone id or percent sign (%) is not accepted');
  });

  it.each(['https://aisw.example.sg/alerts', 'https://8.8.8.8/hook', 'https://[2001:4860:4860::8888]/hook', 'https://intranet.example/hook'])(
    'leaves %s to delivery (a public address, or a name DNS decides at connect time)',
    (url) => {
      expect(sut.refusalOf(url)).toBeNull();
    },
  );

  it('lets allow-listed loopback URLs be registered (the demo and the tests)', () => {
    const demo = new DestinationGuard('127.0.0.0/8');
    expect(demo.refusalOf('http://127.0.0.1:4501/webhooks/alerts')).toBeNull();
    expect(demo.refusalOf('http://localhost:4501/webhooks/alerts')).toBeNull();
    expect(demo.refusalOf('http://[::1]:4501/webhooks/alerts')).toMatch(/^::1 is a loopback address/);
    expect(demo.refusalOf('http://10.0.0.1/')).toMatch(/^10\.0\.0\.1 is a private address/);
  });

  it('rejects an invalid allow-list entry at construction', () => {
    expect(() => new DestinationGuard('not-a-cidr')).toThrow();
  });
});

describe(describeRange.name, () => {
  it.each([
    ['unspecified', 'an unspecified'],
    ['linkLocal', 'a link-local'],
    ['ipv4Mapped', 'an IPv4-mapped'],
    ['loopback', 'a loopback'],
    ['rfc6052', 'an RFC 6052 translated'],
    ['6to4', 'a 6to4'],
    ['uniqueLocal', 'a unique local'],
  ])('%s reads "%s address"', (range, words) => {
    expect(describeRange(range)).toBe(words);
  });
});
