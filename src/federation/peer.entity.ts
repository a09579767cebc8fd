import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { JSONWebKeySet } from 'jose';

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
   * The Standard Webhooks secrets (`whsec_…`) the peer issued to this window when it registered it: they verify the
   * peer's deliveries to our inbound endpoint. Empty until an admin sets them (PUT /peers/{id}/credentials).
   */
  @Column({ name: 'inbound_webhook_secrets', type: 'text', array: true, default: () => "'{}'" })
  inboundWebhookSecrets!: string[];

  /** The partner API key the peer issued to this window: acknowledges the peer's alerts at its `/alerts/{id}/ack`. */
  @Column({ name: 'peer_api_key', type: 'varchar', length: 200, nullable: true })
  peerApiKey!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
