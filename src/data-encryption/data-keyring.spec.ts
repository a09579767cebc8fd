import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { validateEnvironment } from '../config/environment.js';
import { DataDecryptionError, DataKeyring, generateDataKeyEntry, INSECURE_DEVELOPMENT_KEY_ID, parseDataKeys } from './data-keyring.js';

const SECRET = `whsec_${randomBytes(32).toString('base64')}`;
const CONTEXT = 'partner_webhook_secrets:0b0e9f1e-7a51-4d8a-9a35-2f7c8f0d2c11';
const keyring = (...ids: string[]): { ring: DataKeyring; list: string } => {
  const list = ids.map((id) => generateDataKeyEntry(id)).join(',');
  return { ring: DataKeyring.of(parseDataKeys(list)), list };
};

/** Flips one bit of the base64url part `part` (2: wrapped data key, 3: sealed value) of a sealed value. */
function flipBit(sealed: string, part: number): string {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[part], 'base64url');
  bytes[bytes.length >> 1] ^= 0x01;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

describe('DataKeyring (envelope encryption of secrets at rest, AES-256-GCM)', () => {
  it('seals to text that holds no trace of the secret and opens it again', () => {
    const { ring } = keyring('k1');
    const sealed = ring.seal(SECRET, CONTEXT);
    expect(sealed).toMatch(/^v1\.k1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain(SECRET);
    expect(sealed).not.toContain(SECRET.slice(6, 30));
    expect(ring.open(sealed, CONTEXT)).toBe(SECRET);
    // A fresh data key and IV each time: the same secret never seals to the same text.
    expect(ring.seal(SECRET, CONTEXT)).not.toBe(sealed);
  });

  it('refuses a tampered wrapped data key, a tampered value, and a value moved onto another row', () => {
    const { ring } = keyring('k1');
    const sealed = ring.seal(SECRET, CONTEXT);
    expect(() => ring.open(flipBit(sealed, 2), CONTEXT)).toThrow(DataDecryptionError);
    expect(() => ring.open(flipBit(sealed, 3), CONTEXT)).toThrow(/failed authentication/);
    expect(() => ring.open(sealed, 'partner_webhook_secrets:another-row')).toThrow(/failed authentication/);
    expect(() => ring.open(sealed.replace('v1.', 'v2.'), CONTEXT)).toThrow(/not a v1 sealed value/);
    expect(() => ring.open(sealed.split('.').slice(0, 3).join('.'), CONTEXT)).toThrow(DataDecryptionError);
  });

  it('names an unknown key id, and a key with the right id but other bytes fails authentication', () => {
    const sealed = keyring('k1').ring.seal(SECRET, CONTEXT);
    expect(() => keyring('k2').ring.open(sealed, CONTEXT)).toThrow('data encryption key id k1 is not configured');
    expect(() => keyring('k1').ring.open(sealed, CONTEXT)).toThrow(/failed authentication/);
  });

  it('rotates by key id: old values open under the new list, rewrap moves them to the current key', () => {
    const old = keyring('k1');
    const sealed = old.ring.seal(SECRET, CONTEXT);
    const next = generateDataKeyEntry('k2');
    const rotated = DataKeyring.of(parseDataKeys(`${next},${old.list}`));
    expect(rotated.currentKeyId).toBe('k2');
    expect(rotated.open(sealed, CONTEXT)).toBe(SECRET);
    expect(rotated.keyIdOf(sealed)).toBe('k1');
    const rewrapped = rotated.rewrap(sealed, CONTEXT);
    expect(rotated.keyIdOf(rewrapped)).toBe('k2');
    expect(DataKeyring.of(parseDataKeys(next)).open(rewrapped, CONTEXT)).toBe(SECRET); // k1 no longer needed
    expect(() => rotated.rewrap(flipBit(sealed, 3), CONTEXT)).toThrow(DataDecryptionError);
  });

  it('parses the key list strictly and never echoes key material in errors', () => {
    const entry = generateDataKeyEntry('k1');
    expect(parseDataKeys(` ${entry} ,\n${generateDataKeyEntry('k0')}\n`).size).toBe(2);
    expect(() => parseDataKeys(`${entry},${entry}`)).toThrow('names key id k1 twice');
    const short = `k1:${randomBytes(16).toString('base64')}`;
    expect(() => parseDataKeys(short)).toThrow(/entry 1 must be/);
    try {
      parseDataKeys(short);
    } catch (error) {
      expect((error as Error).message).not.toContain(short.slice(3));
    }
    expect(() => parseDataKeys(' , ')).toThrow('names no key');
  });

  it('loads from the variable or a file; production refuses to start without a key, development falls back with a flag', () => {
    const { list } = keyring('k1');
    const directory = mkdtempSync(join(tmpdir(), 'aisw-keys-'));
    writeFileSync(join(directory, 'keys'), `${list}\n`);
    const base = { NODE_ENV: 'production' as const, AISW_DATA_ENCRYPTION_KEYS: '', AISW_DATA_ENCRYPTION_KEYS_FILE: '' };
    expect(DataKeyring.load({ ...base, AISW_DATA_ENCRYPTION_KEYS: list }).currentKeyId).toBe('k1');
    expect(DataKeyring.load({ ...base, AISW_DATA_ENCRYPTION_KEYS_FILE: join(directory, 'keys') }).keyIds).toEqual(['k1']);
    expect(() => DataKeyring.load({ ...base, AISW_DATA_ENCRYPTION_KEYS_FILE: join(directory, 'missing') })).toThrow(/cannot be read/);
    expect(() => DataKeyring.load(base)).toThrow(/required in production/);
    const development = DataKeyring.load({ ...base, NODE_ENV: 'development' });
    expect(development.insecure).toBe(true);
    expect(development.currentKeyId).toBe(INSECURE_DEVELOPMENT_KEY_ID);
  });

  it('validateEnvironment: production without a key is a configuration error; a malformed list is named', () => {
    expect(() => validateEnvironment({ NODE_ENV: 'production' })).toThrow(/AISW_DATA_ENCRYPTION_KEYS: required in production/);
    expect(validateEnvironment({ NODE_ENV: 'production', AISW_DATA_ENCRYPTION_KEYS_FILE: '/run/secrets/keys' }).NODE_ENV).toBe('production');
    expect(() => validateEnvironment({ AISW_DATA_ENCRYPTION_KEYS: 'k1:not-base64' })).toThrow(/AISW_DATA_ENCRYPTION_KEYS must be/);
    expect(validateEnvironment({ AISW_DATA_ENCRYPTION_KEYS: keyring('a', 'b').list }).AISW_DATA_ENCRYPTION_KEYS).toContain('a:');
  });
});
