import { randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { PartnerWebhookSecretEntity } from './partner-webhook-secret.entity.js';

/** Most active signing secrets a partner may hold at once (each adds a signature to every delivery). */
export const MAX_ACTIVE_WEBHOOK_SECRETS = 5;

/**
 * Creates and stores a Standard Webhooks secret: "whsec_" + base64 of 32 random bytes (spec §"Signature scheme" asks
 * for 24..64 bytes). Returns the id and the secret, which the API shows once.
 */
export async function addWebhookSecret(manager: EntityManager, partnerId: string): Promise<{ id: string; secret: string; createdAt: Date }> {
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  const id = randomUUID();
  const createdAt = new Date();
  await manager.insert(PartnerWebhookSecretEntity, { id, partnerId, secret, createdAt, retiredAt: null });
  return { id, secret, createdAt };
}
