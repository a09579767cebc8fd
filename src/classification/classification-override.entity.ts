import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Axis } from '@app/taxonomy';

/**
 * One axis decision of an analyst's review (table `classification_overrides`): the label in force before
 * (`fromLabel`), the reviewed label (`toLabel`; equal to `fromLabel` when the analyst confirms), the reason, who
 * and when. The newest decision per axis is the label in force for routing and trends (labels-in-force.ts).
 */
@Entity({ name: 'classification_overrides' })
@Index('ux_classification_overrides_review_axis', ['incidentId', 'reviewNumber', 'axis'], { unique: true })
export class ClassificationOverrideEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'incident_id', type: 'uuid' })
  incidentId!: string;

  /** 1 for the incident's first review, then 2, ...; the review's classification row is `review:<n>`. */
  @Column({ name: 'review_number', type: 'int' })
  reviewNumber!: number;

  @Column({ type: 'varchar', length: 20 })
  axis!: Axis;

  @Column({ name: 'from_label', type: 'varchar', length: 20 })
  fromLabel!: string;

  @Column({ name: 'to_label', type: 'varchar', length: 20 })
  toLabel!: string;

  /**
   * The machine's label on this axis when the analyst decided. A later machine result with another label (after an
   * amendment or a backfill) puts the axis back on the review queue (review-rules.ts pendingAxes).
   */
  @Column({ name: 'machine_label', type: 'varchar', length: 20 })
  machineLabel!: string;

  /** Machine classification the analyst saw (the newest machine row's classifier version). */
  @Column({ name: 'machine_classifier_version', type: 'varchar', length: 40 })
  machineClassifierVersion!: string;

  @Column({ type: 'varchar', length: 2000 })
  reason!: string;

  @Column({ name: 'reviewed_by_key_id', type: 'uuid' })
  reviewedByKeyId!: string;

  @Column({ name: 'reviewed_by_name', type: 'varchar', length: 200 })
  reviewedByName!: string;

  @Column({ name: 'reviewed_at', type: 'timestamptz' })
  reviewedAt!: Date;
}
