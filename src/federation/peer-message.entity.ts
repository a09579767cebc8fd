import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AcknowledgementData } from '@app/contracts';

/** `sent`: the peer answered 2xx; `failed`: it refused the message (4xx other than 408/429) or the retry window ended. */
export type PeerMessageStatus = 'pending' | 'sent' | 'failed';
/** `acknowledgement`: the automatic receipt of one alert; `follow-up`: follow-up or request for assistance raised here. */
export type PeerMessageKind = 'acknowledgement' | 'follow-up';

/**
 * What this window owes a peer about its alerts (table `peer_messages`): acknowledgements and follow-ups, written in
 * the transaction that stored the alert or the follow-up and sent by PeerMessageSender to the peer's
 * `POST /alerts/{id}/ack` with the API key the peer issued, retried with backoff (an outbox for peers).
 * The id is the `Idempotency-Key`, so the peer stores a follow-up once however often it is re-sent.
 */
@Entity({ name: 'peer_messages' })
@Index('ix_peer_messages_due', ['status', 'nextAttemptAt'])
@Index('ux_peer_messages_alert_kind', ['peerId', 'alertId', 'kind'], { unique: true, where: `"kind" = 'acknowledgement'` })
export class PeerMessageEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'peer_id', type: 'uuid' })
  peerId!: string;

  /** The local id of the foreign incident it is about. */
  @Column({ name: 'incident_id', type: 'uuid' })
  incidentId!: string;

  /** The peer's alert id the message acknowledges (for a follow-up: the newest alert received). */
  @Column({ name: 'alert_id', type: 'uuid' })
  alertId!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: PeerMessageKind;

  /** The acknowledgement body (`note`, `followUp`, `assistanceRequest`; docs/partner-integration.md §8). */
  @Column({ type: 'jsonb' })
  body!: Omit<AcknowledgementData, 'alertId'>;

  @Column({ type: 'varchar', length: 10, default: 'pending' })
  status!: PeerMessageStatus;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt!: Date | null;

  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil!: Date | null;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;

  /** When the peer accepted it (answered 2xx), on this database's clock; never before `created_at`. */
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  /** The API key id that raised a follow-up; null for an automatic acknowledgement. */
  @Column({ name: 'raised_by_key_id', type: 'uuid', nullable: true })
  raisedByKeyId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
