import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const PARTNER_STATUSES = ['active', 'suspended', 'removed'] as const;
/**
 * active: routed and delivered; suspended: still routed and recorded, webhook delivery held until resumed;
 * removed: soft-deleted, routed nothing new, pending deliveries cancelled, API keys revoked (docs/partner-administration.md).
 */
export type PartnerStatus = (typeof PARTNER_STATUSES)[number];

/** A person or desk to contact at the partner single window (stored as JSON). */
export interface PartnerContact {
  name: string;
  email: string;
  phone?: string;
  role?: string;
}

/** The unique constraint on `partners.slug` (migration 1795969876566-InitialSchema): its violation means the slug is taken. */
export const PARTNER_SLUG_CONSTRAINT = 'UQ_ab4b5b2ac507ef7cdcbd512dbce';

/** A partner single window (another jurisdiction's contact point). Table `partners`. */
@Entity({ name: 'partners' })
export class PartnerEntity {
  @PrimaryColumn('uuid')
  id!: string;

  /** URL- and topic-safe unique name, [a-z0-9-]{1,60}. Stays taken after removal (history keeps it). */
  @Column({ type: 'varchar', length: 60, unique: true })
  slug!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'char', length: 2 })
  country!: string;

  /** At most 10 contacts; see PartnerContact. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  contacts!: PartnerContact[];

  /** Webhook delivery mode; null for a partner that only consumes its Kafka topic. Signing secrets: partner_webhook_secrets. */
  @Column({ name: 'webhook_url', type: 'varchar', length: 2000, nullable: true })
  webhookUrl!: string | null;

  /** Kafka delivery mode: the partner's own alerts topic, created at onboarding (every partner has one). */
  @Column({ name: 'kafka_topic', type: 'varchar', length: 249 })
  kafkaTopic!: string;

  /** Set when the endpoint answered 410 Gone (Standard Webhooks: stop sending); an admin redelivery clears it. */
  @Column({ name: 'webhook_disabled_at', type: 'timestamptz', nullable: true })
  webhookDisabledAt!: Date | null;

  /** Seconds to acknowledge a flash alert; null = ACK_DEADLINE_FLASH_SECONDS. */
  @Column({ name: 'ack_deadline_flash_seconds', type: 'int', nullable: true })
  ackDeadlineFlashSeconds!: number | null;

  /** Seconds to acknowledge a priority alert; null = ACK_DEADLINE_PRIORITY_SECONDS. */
  @Column({ name: 'ack_deadline_priority_seconds', type: 'int', nullable: true })
  ackDeadlinePrioritySeconds!: number | null;

  /** Seconds to acknowledge a routine alert; null = ACK_DEADLINE_ROUTINE_SECONDS. */
  @Column({ name: 'ack_deadline_routine_seconds', type: 'int', nullable: true })
  ackDeadlineRoutineSeconds!: number | null;

  @Column({ type: 'varchar', length: 12, default: 'active' })
  status!: PartnerStatus;

  /** Why the partner is suspended or removed (admin's words); null while active (resuming clears it; the audit log keeps who suspended and resumed, and when). */
  @Column({ name: 'status_reason', type: 'varchar', length: 500, nullable: true })
  statusReason!: string | null;

  @Column({ name: 'suspended_at', type: 'timestamptz', nullable: true })
  suspendedAt!: Date | null;

  @Column({ name: 'removed_at', type: 'timestamptz', nullable: true })
  removedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
