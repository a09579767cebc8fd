import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * What a partner wants to receive (table `subscriptions`). Each list is a filter; an empty list matches any
 * value. A partner receives an alert when any of its subscriptions matches.
 */
@Entity({ name: 'subscriptions' })
@Index('ix_subscriptions_partner_id', ['partnerId'])
export class SubscriptionEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'partner_id', type: 'uuid' })
  partnerId!: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  mechanisms!: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  magnitudes!: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  sources!: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  countries!: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  sectors!: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
