import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Transactional outbox row (table `outbox_messages`): written in the same transaction as the state change,
 * published to Kafka by `OutboxRelay`, marked `published_at` only after the broker acknowledged it, or `failed_at`
 * when the broker refuses that message for good.
 */
@Entity({ name: 'outbox_messages' })
@Index('ix_outbox_messages_unpublished', ['id'], { where: '"published_at" IS NULL AND "failed_at" IS NULL' })
export class OutboxMessageEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  /** CloudEvents `id`. */
  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  /** CloudEvents `type`, e.g. org.aisw.incident.filed.v1. */
  @Column({ name: 'event_type', type: 'varchar', length: 100 })
  eventType!: string;

  /** Kafka message key and CloudEvents `subject`: the incident id. */
  @Column({ name: 'aggregate_id', type: 'uuid' })
  aggregateId!: string;

  @Column({ type: 'varchar', length: 200 })
  topic!: string;

  @Column({ type: 'jsonb' })
  payload!: unknown;

  @Column({ name: 'correlation_id', type: 'varchar', length: 100 })
  correlationId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  /** Set when the broker refused this one message for good (e.g. too large): it is skipped, logged, shown in /health. */
  @Column({ name: 'failed_at', type: 'timestamptz', nullable: true })
  failedAt!: Date | null;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;
}
