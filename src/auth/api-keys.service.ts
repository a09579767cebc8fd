import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository, type EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error.js';
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

/**
 * Issues and verifies API keys of the form `aisw_<43 base64url chars>`. The plain key is returned once, at
 * creation; only its hash is stored.
 */
@Injectable()
export class ApiKeysService {
  constructor(@InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>) {}

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
  }

  /** Returns the principal of a valid, unrevoked key, or null. */
  async verify(key: string): Promise<Principal | null> {
    if (!/^aisw_[A-Za-z0-9_-]{43}$/.test(key)) return null;
    const found = await this.keys.findOneBy({ keyHash: hashApiKey(key), revokedAt: IsNull() });
    return found ? { keyId: found.id, name: found.name, role: found.role, partnerId: found.partnerId } : null;
  }
}
