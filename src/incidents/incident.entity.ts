import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { TlpMarking } from '@app/contracts';
import type { Axis } from '@app/taxonomy';

/** An AI incident (harm occurred) or hazard filed with this single window. Table `incidents`. */
@Entity({ name: 'incidents' })
@Index('ix_incidents_occurred_at', ['occurredAt'])
@Index('ux_incidents_filed_by_idempotency_key', ['filedByKeyId', 'idempotencyKey'], { unique: true, where: '"idempotency_key" IS NOT NULL' })
export class IncidentEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'char', length: 2 })
  country!: string;

  @Column({ type: 'varchar', length: 2 })
  language!: 'en' | 'zh';

  @Column({ type: 'varchar', length: 40, nullable: true })
  sector!: string | null;

  @Column({ name: 'reporting_organisation', type: 'varchar', length: 200 })
  reportingOrganisation!: string;

  @Column({ name: 'ai_system_name', type: 'varchar', length: 200, nullable: true })
  aiSystemName!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  developer!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  deployer!: string | null;

  @Column({ name: 'harm_description', type: 'text', nullable: true })
  harmDescription!: string | null;

  @Column({ name: 'source_urls', type: 'text', array: true, default: () => "'{}'" })
  sourceUrls!: string[];

  @Column({ type: 'varchar', length: 12 })
  tlp!: TlpMarking;

  @Column({ name: 'origin_jurisdiction', type: 'char', length: 2 })
  originJurisdiction!: string;

  @Column({ name: 'filed_by_key_id', type: 'uuid' })
  filedByKeyId!: string;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 200, nullable: true })
  idempotencyKey!: string | null;

  /** SHA-256 (hex) of the canonical request body, to refuse an Idempotency-Key reused with another body. */
  @Column({ name: 'request_hash', type: 'char', length: 64 })
  requestHash!: string;

  @Column({ name: 'filed_at', type: 'timestamptz', default: () => 'now()' })
  filedAt!: Date;

  /** 1 when filed; each amendment or retraction adds one (alert versions follow it). */
  @Column({ type: 'int', default: 1 })
  version!: number;

  @Column({ type: 'varchar', length: 12, default: 'active' })
  status!: 'active' | 'retracted';

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  /**
   * Labels the filer proposed per axis (vocabulary codes or `undetermined`), kept so every re-classification
   * (amendment, backfill) compares them again; null when none were proposed.
   */
  @Column({ name: 'proposed_labels', type: 'jsonb', nullable: true })
  proposedLabels!: Partial<Record<Axis, string>> | null;

  /** Partner slugs named by the filer: the only recipients of a TLP:RED incident, extra recipients otherwise. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  recipients!: string[];

  /** Filing fields the filer marked personal: redacted whole in every alert and in the public feed (src/redaction). */
  @Column({ name: 'personal_fields', type: 'text', array: true, default: () => "'{}'" })
  personalFields!: string[];

  /**
   * Whether partner single windows that receive the incident may share it onward with their own partners (TLP:CLEAR
   * and TLP:GREEN only); for a foreign incident, the originator's value (docs/federation.md).
   */
  @Column({ name: 'onward_sharing', type: 'boolean', default: false })
  onwardSharing!: boolean;

  @Column({ name: 'retraction_reason', type: 'varchar', length: 2000, nullable: true })
  retractionReason!: string | null;
}
