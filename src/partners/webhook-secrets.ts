import { randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { DataKeyring } from '../data-encryption/data-keyring.js';
import { PartnerWebhookSecretEntity, webhookSecretContext } from './partner-webhook-secret.entity.js';

/** Most active signing secrets a partner may hold at once (each adds a signature to every delivery). */
export const MAX_ACTIVE_WEBHOOK_SECRETS = 5;

/**
 * Creates and stores a Standard Webhooks secret: "whsec_" + base64 of 32 random bytes (spec §"Signature scheme" asks
 * for 24..64 bytes), sealed by `keyring`. Returns the id and the plain secret, which the API shows once.
 */
export async function addWebhookSecret(manager: EntityManager, keyring: DataKeyring, partnerId: string): Promise<{ id: string; secret: string; createdAt: Date }> {
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  const id = randomUUID();
  const createdAt = new Date();
  await manager.insert(PartnerWebhookSecretEntity, { id, partnerId, secretSealed: keyring.seal(secret, webhookSecretContext(id)), createdAt, retiredAt: null });
  return { id, secret, createdAt };
}
