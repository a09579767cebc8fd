import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** AES-256-GCM (NIST SP 800-38D) with a 96-bit random IV and a 128-bit tag, from node:crypto (OpenSSL). */
const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const FORMAT = 'v1';
/** Key id: what a sealed value names to find its key-encryption key again. */
export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
/** One `AISW_DATA_ENCRYPTION_KEYS` entry: `<key id>:<base64 of 32 random bytes>`. */
const ENTRY = /^([A-Za-z0-9_-]{1,32}):([A-Za-z0-9+/]{43}=)$/;

/**
 * Key id of the publicly known development key used when no key is configured outside production (a warning is
 * logged). Anything sealed with it is as good as plain text: set a real key and run `data-keys:reencrypt`.
 */
export const INSECURE_DEVELOPMENT_KEY_ID = 'insecure-dev';
// 32 bytes everyone can read in this repository: only so that a development database survives restarts.
const INSECURE_DEVELOPMENT_KEY = Buffer.alloc(KEY_BYTES, 0x42);

/** Why a sealed value could not be opened: unknown key id, malformed envelope, or failed authentication (tampering). */
export class DataDecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataDecryptionError';
  }
}

/** Where the key-encryption keys come from (environment variables of the same names). */
export interface DataKeySources {
  NODE_ENV: 'development' | 'test' | 'production';
  AISW_DATA_ENCRYPTION_KEYS: string;
  AISW_DATA_ENCRYPTION_KEYS_FILE: string;
}

/**
 * Parses a key list: comma- or newline-separated `<key id>:<base64 of 32 bytes>` entries, the FIRST being the current
 * key (seals new values), the others kept only to open values sealed before a rotation.
 * Errors: throws naming the bad entry's position (never its value).
 */
export function parseDataKeys(text: string): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  const entries = text.split(/[,\n]/).map((entry) => entry.trim()).filter((entry) => entry !== '');
  entries.forEach((entry, index) => {
    const match = ENTRY.exec(entry);
    if (!match) throw new Error(`AISW_DATA_ENCRYPTION_KEYS entry ${index + 1} must be <key id>:<base64 of 32 random bytes> (key id: 1..32 of [A-Za-z0-9_-])`);
    const key = Buffer.from(match[2], 'base64');
    if (key.length !== KEY_BYTES) throw new Error(`AISW_DATA_ENCRYPTION_KEYS entry ${index + 1} (key id ${match[1]}) must decode to 32 bytes`);
    if (keys.has(match[1])) throw new Error(`AISW_DATA_ENCRYPTION_KEYS names key id ${match[1]} twice`);
    keys.set(match[1], key);
  });
  if (keys.size === 0) throw new Error('AISW_DATA_ENCRYPTION_KEYS names no key');
  return keys;
}

/** A new key list entry: `<keyId>:<base64 of 32 bytes from the system CSPRNG>`. */
export const generateDataKeyEntry = (keyId: string): string => `${keyId}:${randomBytes(KEY_BYTES).toString('base64')}`;

const b64 = (bytes: Buffer): string => bytes.toString('base64url');

function gcmSeal(key: Buffer, plaintext: Buffer, aad: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES }).setAAD(Buffer.from(aad, 'utf8'));
  return Buffer.concat([iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

function gcmOpen(key: Buffer, sealed: Buffer, aad: string): Buffer {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new DataDecryptionError('sealed value is truncated');
  const decipher = createDecipheriv(ALGORITHM, key, sealed.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES })
    .setAAD(Buffer.from(aad, 'utf8'))
    .setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new DataDecryptionError('sealed value failed authentication (tampered, or sealed for another record or key)');
  }
}

/**
 * Envelope encryption of secrets stored in PostgreSQL (alert-signing private keys, partner webhook secrets).
 * Each value gets its own random 256-bit data key; the value is sealed with it (AES-256-GCM), and the data key is
 * wrapped with the current key-encryption key (KEK, AES-256-GCM) from AISW_DATA_ENCRYPTION_KEYS. The stored text is
 * `v1.<kek id>.<wrapped data key>.<sealed value>` (base64url parts, each `iv ‖ ciphertext ‖ tag`), at most
 * 2·(n+28)·4/3 + 60 characters for an n-byte value. `context` (e.g. `partner_webhook_secrets:<id>`) is bound as
 * additional authenticated data, so a sealed value copied onto another row does not open.
 * Rotation: put a new key first in the list; values sealed under older ids still open; `rewrap` re-wraps a value's
 * data key under the current key without touching the value (CLI `data-keys:reencrypt`).
 */
export class DataKeyring {
  private constructor(
    private readonly keys: ReadonlyMap<string, Buffer>,
    /** True when no key was configured and the public development key stands in. */
    readonly insecure: boolean,
  ) {}

  /** The id new values are sealed under (the first configured key). */
  get currentKeyId(): string {
    return this.keys.keys().next().value!;
  }

  /** Every key id this keyring can open, current first. */
  get keyIds(): string[] {
    return [...this.keys.keys()];
  }

  /** A keyring of explicit keys, current first (tests, the CLI). */
  static of(keys: Map<string, Buffer>): DataKeyring {
    return new DataKeyring(keys, false);
  }

  /**
   * Loads the keys from AISW_DATA_ENCRYPTION_KEYS, else from the file AISW_DATA_ENCRYPTION_KEYS_FILE (same format;
   * e.g. a mounted Kubernetes Secret). With neither: production throws; development and test fall back to the
   * public development key (`insecure` is then true and the caller should warn).
   */
  static load(sources: DataKeySources): DataKeyring {
    if (sources.AISW_DATA_ENCRYPTION_KEYS) return DataKeyring.of(parseDataKeys(sources.AISW_DATA_ENCRYPTION_KEYS));
    if (sources.AISW_DATA_ENCRYPTION_KEYS_FILE) {
      let text: string;
      try {
        text = readFileSync(sources.AISW_DATA_ENCRYPTION_KEYS_FILE, 'utf8');
      } catch (error) {
        throw new Error(`AISW_DATA_ENCRYPTION_KEYS_FILE ${sources.AISW_DATA_ENCRYPTION_KEYS_FILE} cannot be read: ${(error as Error).message}`, { cause: error });
      }
      return DataKeyring.of(parseDataKeys(text));
    }
    if (sources.NODE_ENV === 'production') {
      throw new Error('AISW_DATA_ENCRYPTION_KEYS or AISW_DATA_ENCRYPTION_KEYS_FILE is required in production (secrets in PostgreSQL are encrypted with it)');
    }
    return new DataKeyring(new Map([[INSECURE_DEVELOPMENT_KEY_ID, INSECURE_DEVELOPMENT_KEY]]), true);
  }

  /** Seals `plaintext` for the record named by `context`. */
  seal(plaintext: string, context: string): string {
    const dataKey = randomBytes(KEY_BYTES);
    const kekId = this.currentKeyId;
    const wrapped = gcmSeal(this.keys.get(kekId)!, dataKey, `${FORMAT}.${kekId}.${context}`);
    return `${FORMAT}.${kekId}.${b64(wrapped)}.${b64(gcmSeal(dataKey, Buffer.from(plaintext, 'utf8'), context))}`;
  }

  /** Opens a value sealed for `context`. Errors: DataDecryptionError (unknown key id, malformed, tampered, wrong context). */
  open(sealed: string, context: string): string {
    const { kekId, wrapped, value } = this.parse(sealed);
    const dataKey = gcmOpen(this.kek(kekId), wrapped, `${FORMAT}.${kekId}.${context}`);
    return gcmOpen(dataKey, value, context).toString('utf8');
  }

  /** The key id a sealed value names. Errors: DataDecryptionError when it is not a sealed value. */
  keyIdOf(sealed: string): string {
    return this.parse(sealed).kekId;
  }

  /** Re-wraps the value's data key under the current key (the value itself is not re-encrypted). Same errors as `open`. */
  rewrap(sealed: string, context: string): string {
    const { kekId, wrapped, value } = this.parse(sealed);
    const dataKey = gcmOpen(this.kek(kekId), wrapped, `${FORMAT}.${kekId}.${context}`);
    gcmOpen(dataKey, value, context); // refuse to re-wrap a value that no longer authenticates
    const current = this.currentKeyId;
    return `${FORMAT}.${current}.${b64(gcmSeal(this.keys.get(current)!, dataKey, `${FORMAT}.${current}.${context}`))}.${b64(value)}`;
  }

  private kek(kekId: string): Buffer {
    const key = this.keys.get(kekId);
    if (!key) throw new DataDecryptionError(`data encryption key id ${kekId} is not configured (AISW_DATA_ENCRYPTION_KEYS)`);
    return key;
  }

  private parse(sealed: string): { kekId: string; wrapped: Buffer; value: Buffer } {
    const parts = sealed.split('.');
    if (parts.length !== 4 || parts[0] !== FORMAT || !KEY_ID_PATTERN.test(parts[1]) || !/^[A-Za-z0-9_-]+$/.test(parts[2] + parts[3])) {
      throw new DataDecryptionError(`not a ${FORMAT} sealed value`);
    }
    return { kekId: parts[1], wrapped: Buffer.from(parts[2], 'base64url'), value: Buffer.from(parts[3], 'base64url') };
  }
}
