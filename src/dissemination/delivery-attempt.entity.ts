import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One HTTP attempt to deliver an alert (table `delivery_attempts`): the per-partner delivery log. */
@Entity({ name: 'delivery_attempts' })
@Index('ix_delivery_attempts_alert_id', ['alertId'])
export class DeliveryAttemptEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'alert_id', type: 'uuid' })
  alertId!: string;

  @Column({ name: 'attempted_at', type: 'timestamptz' })
  attemptedAt!: Date;

  @Column({ name: 'status_code', type: 'int', nullable: true })
  statusCode!: number | null;

  @Column({ name: 'latency_ms', type: 'int' })
  latencyMs!: number;

  /** delivered | retry | dead */
  @Column({ type: 'varchar', length: 12 })
  outcome!: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  error!: string | null;
}
