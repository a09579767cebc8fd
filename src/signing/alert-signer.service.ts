import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { createPrivateKey, sign as signBytes, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, exportPKCS8, generateKeyPair, type JWK } from 'jose';
import { DataSource, MoreThan } from 'typeorm';
import { alertSigningInput, SIGNATURE_ALGORITHM, type CanonicalFragments } from '@app/contracts';
import type { Environment } from '../config/environment.js';
import { DataKeyring } from '../data-encryption/data-keyring.js';
import { SigningKeyEntity, signingKeyContext } from './signing-key.entity.js';

const UNIQUE_VIOLATION = '23505';
const ACTIVE_KEY_REFRESH_MS = 60_000;


/** Advisory lock key that serialises signing-key rotations ("sign"). */
const SIGNING_KEY_ROTATION_LOCK = 0x7369676e;
/** A public key as published in the JWK set (RFC 7517 §4, RFC 8037 OKP). */
export interface PublishedJwk extends JWK {
  kid: string;
  use: 'sig';
  alg: typeof SIGNATURE_ALGORITHM;
}

/** The active key, opened: its KeyObject and the JWS protected header (base64url) every signature by it carries. */
interface ActiveKey {
  kid: string;
  key: KeyObject;
  /** BASE64URL(UTF8(JWS Protected Header)) for `{ alg: Ed25519, kid, b64: false, crit: ["b64"] }`. */
  protectedHeader: string;
  loadedAt: number;
}

/**
 * Signs alerts with the active Ed25519 key (JWS, RFC 7515/7797, over the RFC 8785 canonical event; see
 * `alertSigningInput` in libs/contracts) and publishes the public keys as a JWK set. Creates the first key at
 * start. `rotate()` makes a new active key; retired keys stay published for JWKS_RETENTION_DAYS. Other replicas
 * pick up a rotation within a minute. Private keys are stored sealed by DataKeyring (AISW_DATA_ENCRYPTION_KEYS).
 * Signing uses node:crypto's one-shot Ed25519 `sign` with the opened KeyObject kept in memory (jose's FlattenedSign
 * went through WebCrypto per alert at about twice the CPU); the result is the same compact detached JWS, which jose
 * and the partner SDK verify (alert-signer.spec.ts).
 */
@Injectable()
export class AlertSigner implements OnApplicationBootstrap {
  private readonly logger = new Logger(AlertSigner.name);
  private active?: ActiveKey;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService<Environment, true>,
    private readonly keyring: DataKeyring,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.activeKey();
  }

  /**
   * Compact detached JWS `<protected>..<signature>` over the event (its `jws` attribute, if any, is ignored).
   * RFC 7797 §3 with `b64: false`: the JWS signing input is ASCII(BASE64URL(protected header)) || '.' || the
   * payload bytes as they are (here the RFC 8785 form of the event). `fragments`: canonical forms of sub-values this
   * event shares with others (see `alertSigningInput`); the signature is the same with or without them.
   * Errors: rejects when no active key can be loaded or opened, or the event is not canonicalisable JSON.
   */
  async sign(event: Record<string, unknown>, fragments?: CanonicalFragments): Promise<string> {
    const { key, protectedHeader } = await this.activeKey();
    const payload = alertSigningInput(event, fragments);
    const input = Buffer.allocUnsafe(protectedHeader.length + 1 + payload.length);
    input.write(protectedHeader, 0, 'ascii');
    input[protectedHeader.length] = 0x2e; // '.'
    input.set(payload, protectedHeader.length + 1);
    return `${protectedHeader}..${signBytes(null, input, key).toString('base64url')}`;
  }

  /** Public keys: the active one and those retired within JWKS_RETENTION_DAYS, newest first. */
  async jwks(): Promise<{ keys: PublishedJwk[] }> {
    const retainedSince = new Date(Date.now() - this.config.get('JWKS_RETENTION_DAYS', { infer: true }) * 86_400_000);
    const keys = await this.dataSource.manager.find(SigningKeyEntity, {
      where: [{ status: 'active' }, { status: 'retired', retiredAt: MoreThan(retainedSince) }],
      order: { createdAt: 'DESC' },
    });
    return { keys: keys.map((key) => ({ ...key.publicJwk, kid: key.kid, use: 'sig', alg: SIGNATURE_ALGORITHM })) };
  }

  /**
   * Generates a new active key and retires the current one, in one transaction. Returns the new `kid`. Rotations run
   * one after another (a transaction-scoped advisory lock, also across replicas): two at once each retired the same
   * active key and the second insert broke the one-active-key index (a 500).
   */
  async rotate(): Promise<string> {
    const created = await this.generate();
    await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [SIGNING_KEY_ROTATION_LOCK]);
      await manager.update(SigningKeyEntity, { status: 'active' }, { status: 'retired', retiredAt: new Date() });
      await manager.insert(SigningKeyEntity, created);
    });
    this.active = undefined;
    this.logger.log(`signing key rotated; active kid ${created.kid}`);
    return created.kid;
  }

  private async activeKey(): Promise<ActiveKey> {
    if (this.active && Date.now() - this.active.loadedAt < ACTIVE_KEY_REFRESH_MS) return this.active;
    let stored = await this.dataSource.manager.findOneBy(SigningKeyEntity, { status: 'active' });
    if (!stored) {
      const created = await this.generate();
      try {
        await this.dataSource.manager.insert(SigningKeyEntity, created);
        this.logger.log(`created the first alert-signing key (kid ${created.kid})`);
      } catch (error) {
        if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error; // another replica made one first
      }
      stored = await this.dataSource.manager.findOneByOrFail(SigningKeyEntity, { status: 'active' });
    }
    const key = createPrivateKey(this.keyring.open(stored.privateKeySealed, signingKeyContext(stored.kid)));
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`signing key ${stored.kid} is ${key.asymmetricKeyType ?? 'not asymmetric'}, not Ed25519`);
    const protectedHeader = Buffer.from(JSON.stringify({ alg: SIGNATURE_ALGORITHM, kid: stored.kid, b64: false, crit: ['b64'] })).toString('base64url');
    this.active = { kid: stored.kid, key, protectedHeader, loadedAt: Date.now() };
    return this.active;
  }

  private async generate(): Promise<SigningKeyEntity> {
    const { publicKey, privateKey } = await generateKeyPair(SIGNATURE_ALGORITHM, { extractable: true });
    const publicJwk = (await exportJWK(publicKey)) as Record<string, string>;
    const kid = await calculateJwkThumbprint(publicJwk);
    return Object.assign(new SigningKeyEntity(), {
      kid,
      publicJwk,
      privateKeySealed: this.keyring.seal(await exportPKCS8(privateKey), signingKeyContext(kid)),
      status: 'active' as const,
      retiredAt: null,
    });
  }
}
