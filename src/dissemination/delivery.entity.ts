import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export const DELIVERY_STATUSES = ['pending', 'delivered', 'dead', 'available', 'cancelled'] as const;
/**
 * pending: webhook not yet accepted, retries scheduled; delivered: partner answered 2xx; dead: retry window
 * exhausted (dead letter); available: partner consumes its Kafka topic itself (no webhook); cancelled: the partner
 * was removed before delivery (`last_error` says so; src/partners).
 */
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One alert routed to one partner (table `deliveries`), recorded from the partner's topic. The alert id is
 * the primary key, so a repeated Kafka message never creates a second delivery. An alert is about an incident
 * (`org.aisw.alert.v1`: `incident_id`, `version`) or about a surge signal (`org.aisw.surge-alert.v1`: `signal_id`,
 * version 1, no acknowledgement deadline); exactly one of the two ids is set.
 */
@Entity({ name: 'deliveries' })
@Index('ix_deliveries_incident_id', ['incidentId'])
@Index('ix_deliveries_signal_id', ['signalId'], { where: '"signal_id" IS NOT NULL' })
@Check('ck_deliveries_subject', 'num_nonnulls("incident_id", "signal_id") = 1')
@Index('ix_deliveries_due', ['nextAttemptAt'], { where: `"status" = 'pending'` })
@Index('ix_deliveries_ack_due', ['ackDueAt'], { where: `"acknowledged_at" IS NULL AND "ack_due_at" IS NOT NULL` })
@Index('ix_deliveries_overdue', ['overdueAt', 'alertId'], { where: `"acknowledged_at" IS NULL AND "overdue_at" IS NOT NULL` })
export class DeliveryEntity {
  @PrimaryColumn({ name: 'alert_id', type: 'uuid' })
  alertId!: string;

  @Column({ name: 'partner_id', type: 'uuid' })
  partnerId!: string;

  /** The incident of an incident alert; null for a surge alert. */
  @Column({ name: 'incident_id', type: 'uuid', nullable: true })
  incidentId!: string | null;

  /** The surge signal (`surge_signals.id`) of a surge alert; null for an incident alert. */
  @Column({ name: 'signal_id', type: 'uuid', nullable: true })
  signalId!: string | null;

  @Column({ type: 'int' })
  version!: number;

  /** The CloudEvent (structured mode JSON) exactly as it is POSTed to the webhook. */
  @Column({ type: 'jsonb' })
  event!: Record<string, unknown>;

  @Column({ type: 'varchar', length: 12 })
  status!: DeliveryStatus;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt!: Date | null;

  /** Set while a dispatcher holds the delivery, so two dispatchers never send it at once. */
  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil!: Date | null;

  @Column({ name: 'last_status_code', type: 'int', nullable: true })
  lastStatusCode!: number | null;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ name: 'acknowledgement_note', type: 'varchar', length: 2000, nullable: true })
  acknowledgementNote!: string | null;

  /**
   * When the partner's acknowledgement is due: recording time + ACK_DEADLINE_<URGENCY>_SECONDS, renewed after each
   * escalation; null once escalations are exhausted, and on rows recorded before deadlines existed (src/escalation).
   */
  @Column({ name: 'ack_due_at', type: 'timestamptz', nullable: true })
  ackDueAt!: Date | null;

  /** When the alert first went past its acknowledgement deadline unacknowledged; null if it never did. */
  @Column({ name: 'overdue_at', type: 'timestamptz', nullable: true })
  overdueAt!: Date | null;

  /** How many times the missing acknowledgement escalated (at most ESCALATION_MAX_RESENDS, or 1 when that is 0). */
  @Column({ type: 'int', default: 0 })
  escalations!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** Start of the current retry window (DELIVERY_RETRY_WINDOW_SECONDS): recording time, or an admin redelivery. */
  @Column({ name: 'window_started_at', type: 'timestamptz', default: () => 'now()' })
  windowStartedAt!: Date;
}
