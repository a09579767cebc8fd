import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * One `Idempotency-Key` a partner used on `POST /alerts/{id}/ack` (table `acknowledgement_messages`), with the hash of
 * the request it came with, as `incidents.request_hash` for `POST /incidents`: the same key with the same alert and body
 * answers the first result again; with another alert or body the request is refused (422 ALERT.IDEMPOTENCY_KEY_REUSED)
 * and nothing of it is stored. Bodies sent without the header are identified by their hash already and need no row.
 */
@Entity({ name: 'acknowledgement_messages' })
export class AcknowledgementMessageEntity {
  @PrimaryColumn({ name: 'partner_id', type: 'uuid', primaryKeyConstraintName: 'PK_acknowledgement_messages' })
  partnerId!: string;

  /** `key:<Idempotency-Key>` (messageIdOf), the prefix of the follow-ups' `message_id`. */
  @PrimaryColumn({ name: 'message_id', type: 'varchar', length: 240, primaryKeyConstraintName: 'PK_acknowledgement_messages' })
  messageId!: string;

  @Column({ name: 'alert_id', type: 'uuid' })
  alertId!: string;

  /** SHA-256 (hex) of the canonical JSON of the alert id and the request body. */
  @Column({ name: 'request_hash', type: 'char', length: 64 })
  requestHash!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
