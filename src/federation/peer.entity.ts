import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { JSONWebKeySet } from 'jose';
import type { DataKeyring } from '../data-encryption/data-keyring.js';

/** DataKeyring context of the `n`-th (0-based) inbound webhook secret of peer `partnerId` (bound as GCM AAD). */
export const peerWebhookSecretContext = (partnerId: string, n: number): string => `peers:${partnerId}:inbound_webhook_secret:${n}`;
/** DataKeyring context of the API key peer `partnerId` issued to this window. */
export const peerApiKeyContext = (partnerId: string): string => `peers:${partnerId}:peer_api_key`;

/**
 * The `peers` columns holding what peer `partnerId` issued to this window, sealed with `keyring` (envelope
 * AES-256-GCM, docs/secrets-at-rest.md): each webhook secret bound to its position, the API key (null: none yet).
 */
export function sealPeerCredentials(
  keyring: DataKeyring,
  partnerId: string,
  credentials: { webhookSecrets: string[]; apiKey: string | null },
): Pick<PeerEntity, 'inboundWebhookSecretsSealed' | 'peerApiKeySealed'> {
  return {
    inboundWebhookSecretsSealed: credentials.webhookSecrets.map((secret, n) => keyring.seal(secret, peerWebhookSecretContext(partnerId, n))),
    peerApiKeySealed: credentials.apiKey === null ? null : keyring.seal(credentials.apiKey, peerApiKeyContext(partnerId)),
  };
}

/**
 * Another single window registered as a peer (table `peers`): a partner (`partners` row, same id) that receives our
 * alerts at `<baseUrl>/federation/alerts` and sends us its own, signed with the keys of its JWK set. Pairing and what
 * is verified: docs/federation.md.
 */
@Entity({ name: 'peers' })
export class PeerEntity {
  /** The peer's partner id (`partners.id`). */
  @PrimaryColumn({ name: 'partner_id', type: 'uuid' })
  partnerId!: string;

  /** The peer's API base URL (http(s), no trailing slash); its inbound endpoint is `<baseUrl>/federation/alerts`. */
  @Column({ name: 'base_url', type: 'varchar', length: 2000 })
  baseUrl!: string;

  /** Where the peer publishes its alert-signing keys; null when the admin gave the JWK set inline. */
  @Column({ name: 'jwks_url', type: 'varchar', length: 2000, nullable: true })
  jwksUrl!: string | null;

  /** The peer's alert-signing public keys (RFC 7517 JWK set, Ed25519 OKP keys), as given or last fetched. */
  @Column({ type: 'jsonb' })
  jwks!: JSONWebKeySet;

  @Column({ name: 'jwks_fetched_at', type: 'timestamptz', nullable: true })
  jwksFetchedAt!: Date | null;

  /**
   * The Standard Webhooks secrets (`whsec_…`) the peer issued to this window when it registered it, each sealed
   * (DataKeyring, context `peerWebhookSecretContext(partnerId, n)`): they verify the peer's deliveries to our inbound
   * endpoint. Empty until an admin sets them (PUT /peers/{id}/credentials).
   */
  @Column({ name: 'inbound_webhook_secrets_sealed', type: 'text', array: true, default: () => "'{}'" })
  inboundWebhookSecretsSealed!: string[];

  /**
   * The partner API key the peer issued to this window, sealed (context `peerApiKeyContext(partnerId)`): acknowledges
   * the peer's alerts at its `/alerts/{id}/ack`. Null until an admin sets it.
   */
  @Column({ name: 'peer_api_key_sealed', type: 'text', nullable: true })
  peerApiKeySealed!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
