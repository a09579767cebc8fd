import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A Standard Webhooks signing secret of a partner (table `partner_webhook_secrets`). Every active secret signs each
 * delivery (`webhook-signature` lists one `v1,` signature per secret), so a partner can rotate without a gap.
 * Retiring clears `secret` and keeps the row as history. Known gap: `secret` is stored in plain text because the
 * dispatcher must compute HMACs with it; protect it with database encryption at rest until a KMS is wired in.
 */
@Entity({ name: 'partner_webhook_secrets' })
@Index('ix_partner_webhook_secrets_partner_id', ['partnerId'])
export class PartnerWebhookSecretEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'partner_id', type: 'uuid' })
  partnerId!: string;

  /** `whsec_` + base64 of 32 random bytes; null once retired. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  secret!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt!: Date | null;
}
