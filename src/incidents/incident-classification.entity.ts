import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { IncidentClassification } from '@app/taxonomy';

/**
 * What wrote a classification row: `machine` is the classifier's own result; `review` is a machine result with the
 * analysts' decisions in force overlaid (written by a review, and again whenever a reviewed incident gets a new machine
 * result, so the reviewed labels stay in force).
 */
export type ClassificationKind = 'machine' | 'review';

/**
 * Why the row was written: the incident's filing, an amendment, a classifier backfill, an analyst's review, or
 * `migrated` for rows stored before the history was kept (migration 1796100000001, which could not tell), or
 * `federation` for a foreign incident's classification as its originating single window sent it (src/federation).
 */
export type ClassificationCause = 'filing' | 'amendment' | 'backfill' | 'review' | 'migrated' | 'federation';

/**
 * The classification history of incidents (table `incident_classifications`), append-only: one `machine` row per
 * incident version and classifier version, plus `review` rows (see ClassificationKind). The row in force for routing
 * and trends is the incident's newest: highest `seq`, and also latest `classified_at`, which writers keep strictly
 * increasing per incident (classification-history.ts) because readers in other features order by it. The axis labels
 * are columns so trends can group by them; the full result with evidence is kept as JSON.
 */
@Entity({ name: 'incident_classifications' })
@Index('ix_incident_classifications_labels', ['mechanism', 'magnitude', 'source'])
@Index('ix_incident_classifications_incident_time', ['incidentId', 'classifiedAt'])
@Index('ux_incident_classifications_machine', ['incidentId', 'incidentVersion', 'classifierVersion'], {
  unique: true,
  where: `"kind" = 'machine'`,
})
export class IncidentClassificationEntity {
  /** Order of writing, across all incidents; bigint, so TypeORM reads it as a decimal string. */
  @PrimaryGeneratedColumn('identity', { name: 'seq', type: 'bigint', generatedIdentity: 'BY DEFAULT' })
  seq!: string;

  @Column({ name: 'incident_id', type: 'uuid' })
  incidentId!: string;

  /** The incident version (incidents.version) when the row was written. */
  @Column({ name: 'incident_version', type: 'int' })
  incidentVersion!: number;

  @Column({ type: 'varchar', length: 10 })
  kind!: ClassificationKind;

  @Column({ type: 'varchar', length: 12 })
  cause!: ClassificationCause;

  /** The classifier version of the machine result (for `review` rows: of the machine result overlaid). */
  @Column({ name: 'classifier_version', type: 'varchar', length: 40 })
  classifierVersion!: string;

  /** For `review` rows: the newest review whose decisions the row applies; null for machine rows. */
  @Column({ name: 'review_number', type: 'int', nullable: true })
  reviewNumber!: number | null;

  @Column({ type: 'varchar', length: 20 })
  mechanism!: string;

  @Column({ type: 'varchar', length: 20 })
  magnitude!: string;

  @Column({ type: 'varchar', length: 20 })
  source!: string;

  @Column({ type: 'jsonb' })
  result!: IncidentClassification;

  /**
   * The incident's TLP marking at `incidentVersion` (a row of a RED version stays RED after the marking is widened);
   * null for rows stored before migration 1799600000001 whose version's marking was unknown: read as RED.
   */
  @Column({ name: 'incident_tlp', type: 'varchar', length: 12, nullable: true })
  incidentTlp!: string | null;

  @Column({ name: 'classified_at', type: 'timestamptz', default: () => 'now()' })
  classifiedAt!: Date;
}
