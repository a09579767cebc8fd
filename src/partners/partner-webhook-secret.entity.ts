import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A Standard Webhooks signing secret of a partner (table `partner_webhook_secrets`). Every active secret signs each
 * delivery (`webhook-signature` lists one `v1,` signature per secret), so a partner can rotate without a gap.
 * Retiring clears `secretSealed` and keeps the row as history. The secret is stored sealed by DataKeyring (envelope
 * encryption, AES-256-GCM, context `partner_webhook_secrets:<id>`); the dispatcher opens it to compute the HMACs.
 */
@Entity({ name: 'partner_webhook_secrets' })
@Index('ix_partner_webhook_secrets_partner_id', ['partnerId'])
export class PartnerWebhookSecretEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'partner_id', type: 'uuid' })
  partnerId!: string;

  /** `whsec_` + base64 of 32 random bytes, sealed by DataKeyring (`v1.<key id>.…`); null once retired. */
  @Column({ name: 'secret_sealed', type: 'text', nullable: true })
  secretSealed!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt!: Date | null;
}

/** Additional authenticated data binding a sealed webhook secret to its row. */
export const webhookSecretContext = (id: string): string => `partner_webhook_secrets:${id}`;
