import { describe, expect, it } from '@jest/globals';
import { DestinationGuard, DestinationRefusedError } from './destination-guard.js';

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
    await expect(sut.resolve('169.254.169.254')).rejects.toThrow(/linkLocal/);
  });

  it('refuses a name that resolves to loopback', async () => {
    await expect(sut.resolve('localhost')).rejects.toThrow(/loopback/);
  });

  it('rejects an invalid allow-list entry at construction', () => {
    expect(() => new DestinationGuard('not-a-cidr')).toThrow();
  });
});
