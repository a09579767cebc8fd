import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An Ed25519 alert-signing key (table `signing_keys`). Exactly one is `active`; `retired` keys stay in the JWK set
 * for JWKS_RETENTION_DAYS so alerts signed before a rotation still verify. The private key (PKCS#8 PEM) is stored sealed
 * by DataKeyring (envelope encryption, context `signing_keys:<kid>`), never in plain text.
 */
@Entity({ name: 'signing_keys' })
@Index('ux_signing_keys_active', ['status'], { unique: true, where: `"status" = 'active'` })
export class SigningKeyEntity {
  /** JWK `kid`: RFC 7638 thumbprint of the public key. */
  @PrimaryColumn({ type: 'varchar', length: 100 })
  kid!: string;

  @Column({ name: 'public_jwk', type: 'jsonb' })
  publicJwk!: Record<string, string>;

  /** PKCS#8 PEM sealed by DataKeyring (`v1.<key id>.…`); open with `signingKeyContext(kid)`. */
  @Column({ name: 'private_key_sealed', type: 'text' })
  privateKeySealed!: string;

  @Column({ type: 'varchar', length: 10 })
  status!: 'active' | 'retired';

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt!: Date | null;
}

/** Additional authenticated data binding a sealed private key to its row. */
export const signingKeyContext = (kid: string): string => `signing_keys:${kid}`;
