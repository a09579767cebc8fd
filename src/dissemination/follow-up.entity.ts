import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AssistanceUrgency, FollowUpFields } from '@app/contracts';

/** `follow-up`: information; `assistance-request`: the author asks for help (with an urgency). */
export type FollowUpKind = 'follow-up' | 'assistance-request';
/** `partner`: sent back with an acknowledgement (REST or ack topic); `filer`: the filing regulator's own follow-up. */
export type FollowUpOrigin = 'partner' | 'filer';

/**
 * One follow-up or request for assistance about an incident (table `follow_ups`): from a partner with an
 * acknowledgement of one of its alerts, or from the filer (then it went out as an Update alert, `version`).
 * `(origin_key, message_id)` is unique, so a repeated acknowledgement message stores nothing new.
 */
@Entity({ name: 'follow_ups' })
@Index('ix_follow_ups_incident_keyset', ['incidentId', 'createdAt', 'id'])
@Index('ux_follow_ups_message', ['originKey', 'messageId'], { unique: true })
export class FollowUpEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'incident_id', type: 'uuid' })
  incidentId!: string;

  @Column({ type: 'varchar', length: 10 })
  origin!: FollowUpOrigin;

  /** The partner id, or the filer's API key id: whose `message_id`s must be unique. */
  @Column({ name: 'origin_key', type: 'uuid' })
  originKey!: string;

  @Column({ name: 'partner_id', type: 'uuid', nullable: true })
  partnerId!: string | null;

  /** The acknowledged alert a partner's follow-up came with; null for the filer's. */
  @Column({ name: 'alert_id', type: 'uuid', nullable: true })
  alertId!: string | null;

  /** The incident version the filer's follow-up produced (its Update alerts); null for a partner's. */
  @Column({ type: 'int', nullable: true })
  version!: number | null;

  /** CloudEvents id of the acknowledgement message, the Idempotency-Key, or a hash of the REST body; `#<kind>` appended. */
  @Column({ name: 'message_id', type: 'varchar', length: 240 })
  messageId!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: FollowUpKind;

  /** Follow-up text, or what is asked for. */
  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'jsonb', nullable: true })
  fields!: FollowUpFields | null;

  /** Urgency of a request for assistance; null for a follow-up. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  urgency!: AssistanceUrgency | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'text', nullable: true })
  answer!: string | null;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;

  /** Name of the API key (admin or filing regulator) that answered. */
  @Column({ name: 'answered_by', type: 'varchar', length: 200, nullable: true })
  answeredBy!: string | null;
}
