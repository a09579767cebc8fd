import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository, type EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error.js';
import type { Environment } from '../config/environment.js';
import { ApiKeyEntity, type Role } from './api-key.entity.js';

/** Who is calling, resolved from the API key. */
export interface Principal {
  keyId: string;
  name: string;
  role: Role;
  partnerId: string | null;
}

/** SHA-256 hex of a key; keys carry 256 random bits, so a fast hash is enough (no password stretching needed). */
export const hashApiKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

/** Most verified keys kept in memory; beyond it the oldest entry is dropped. */
const MAX_CACHED_KEYS = 10_000;

/**
 * Issues and verifies API keys of the form `aisw_<43 base64url chars>`. The plain key is returned once, at
 * creation; only its hash is stored. A verified key is trusted from memory for API_KEY_CACHE_SECONDS (a database
 * lookup per request was a fifth of a filing's round trips): a key revoked through this process (`revoke`,
 * `forgetPartnerKeys`) is refused at once, one revoked by another process (replica, direct SQL) within that time.
 * Unknown and revoked keys are never cached, so a new key works at once.
 */
@Injectable()
export class ApiKeysService {
  /** Outcome of the key each request presented (rate limiter, then guard: one lookup per request). */
  private readonly perRequest = new WeakMap<object, { key: string; principal: Principal | null }>();
  /** Verified principals by key hash, with the time (ms since epoch) until which they are trusted. */
  private readonly verified = new Map<string, { principal: Principal; until: number }>();
  private readonly cacheMs: number;

  constructor(
    @InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>,
    config: ConfigService<Environment, true>,
  ) {
    this.cacheMs = config.get('API_KEY_CACHE_SECONDS', { infer: true }) * 1000;
  }

  /** Issues a key; pass `manager` to write it inside the caller's transaction. */
  async issue(
    input: { name: string; role: Role; partnerId?: string | null },
    manager?: EntityManager,
  ): Promise<{ id: string; key: string }> {
    const key = `aisw_${randomBytes(32).toString('base64url')}`;
    const id = randomUUID();
    await (manager?.getRepository(ApiKeyEntity) ?? this.keys).insert({
      id,
      name: input.name,
      role: input.role,
      partnerId: input.partnerId ?? null,
      keyHash: hashApiKey(key),
      revokedAt: null,
    });
    return { id, key };
  }

  /** Marks the key revoked (idempotent). Errors: AUTH.KEY_NOT_FOUND (404). */
  async revoke(id: string): Promise<void> {
    const key = await this.keys.findOneBy({ id });
    if (!key) throw new DomainError('AUTH.KEY_NOT_FOUND', `No API key ${id}`);
    if (!key.revokedAt) await this.keys.update({ id }, { revokedAt: new Date() });
    this.forget((principal) => principal.keyId === id);
  }

  /** Drops the partner's keys from memory: call after revoking them in SQL (partner removal). */
  forgetPartnerKeys(partnerId: string): void {
    this.forget((principal) => principal.partnerId === partnerId);
  }

  private forget(matches: (principal: Principal) => boolean): void {
    for (const [hash, entry] of this.verified) if (matches(entry.principal)) this.verified.delete(hash);
  }

  /** The principal of a key verified within API_KEY_CACHE_SECONDS, from memory only (no database lookup), or null. */
  cachedPrincipal(key: string): Principal | null {
    const cached = this.verified.get(hashApiKey(key));
    return cached && cached.until > Date.now() ? cached.principal : null;
  }

  /**
   * `verify`, once per request: the rate limiter (before routing) and ApiKeyGuard share the outcome, so a request
   * costs at most one lookup, an unknown key included. A lookup that fails (database down) is not remembered.
   */
  async verifyForRequest(request: object, key: string): Promise<Principal | null> {
    const seen = this.perRequest.get(request);
    if (seen?.key === key) return seen.principal;
    const principal = await this.verify(key);
    this.perRequest.set(request, { key, principal });
    return principal;
  }

  /** Returns the principal of a valid, unrevoked key, or null. */
  async verify(key: string): Promise<Principal | null> {
    if (!/^aisw_[A-Za-z0-9_-]{43}$/.test(key)) return null;
    const keyHash = hashApiKey(key);
    const now = Date.now();
    const cached = this.verified.get(keyHash);
    if (cached && cached.until > now) return cached.principal;
    this.verified.delete(keyHash);
    const found = await this.keys.findOneBy({ keyHash, revokedAt: IsNull() });
    if (!found) return null;
    const principal: Principal = { keyId: found.id, name: found.name, role: found.role, partnerId: found.partnerId };
    if (this.cacheMs > 0) {
      if (this.verified.size >= MAX_CACHED_KEYS) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(keyHash, { principal, until: now + this.cacheMs });
    }
    return principal;
  }
}
