import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A partner single window (another jurisdiction's contact point). Table `partners`. */
@Entity({ name: 'partners' })
export class PartnerEntity {
  @PrimaryColumn('uuid')
  id!: string;

  /** URL- and topic-safe unique name, [a-z0-9-]{1,60}. */
  @Column({ type: 'varchar', length: 60, unique: true })
  slug!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'char', length: 2 })
  country!: string;

  @Column({ name: 'webhook_url', type: 'varchar', length: 2000, nullable: true })
  webhookUrl!: string | null;

  /** Standard Webhooks secret (`whsec_` + base64). Stored to sign deliveries; shown to the partner once. */
  @Column({ name: 'webhook_secret', type: 'varchar', length: 200, nullable: true })
  webhookSecret!: string | null;

  @Column({ name: 'kafka_topic', type: 'varchar', length: 249 })
  kafkaTopic!: string;

  /** Set when the endpoint answered 410 Gone (Standard Webhooks: stop sending); an admin redelivery clears it. */
  @Column({ name: 'webhook_disabled_at', type: 'timestamptz', nullable: true })
  webhookDisabledAt!: Date | null;

  @Column({ type: 'varchar', length: 12, default: 'active' })
  status!: 'active' | 'suspended';

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
