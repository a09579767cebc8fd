import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Signal store (table `surge_signals`): every surge the SurgeSignalRecorder has detected on the shared view (the
 * incidents every analyst may see: TLP:RED excluded), one row per category, ISO week and method. `first_detected_at`
 * tells when a surge was new (the input a future partner alert step needs, docs/signals.md); re-detection refreshes
 * the figures and `last_detected_at` (counts grow while the week is open, and amendments or reviews move incidents).
 */
@Entity({ name: 'surge_signals' })
@Index('ux_surge_signals_category_week', ['dimension', 'value', 'weekStart', 'method'], { unique: true })
@Index('ix_surge_signals_week_start', ['weekStart'])
export class SurgeSignalEntity {
  /** gen_random_uuid() at insert. */
  @PrimaryColumn('uuid')
  id!: string;

  /** mechanism, magnitude, source, harmType, sector or country. */
  @Column({ type: 'varchar', length: 20 })
  dimension!: string;

  @Column({ type: 'varchar', length: 40 })
  value!: string;

  /** Monday 00:00 UTC of the ISO week. */
  @Column({ name: 'week_start', type: 'timestamptz' })
  weekStart!: Date;

  /** Method id with parameters, e.g. `EARS-C2(baseline=7,guard=2,threshold=3,minSd=1)`. */
  @Column({ type: 'varchar', length: 100 })
  method!: string;

  @Column({ type: 'int' })
  count!: number;

  @Column({ type: 'double precision' })
  expected!: number;

  @Column({ type: 'double precision' })
  sd!: number;

  @Column({ type: 'double precision' })
  statistic!: number;

  @Column({ type: 'double precision' })
  threshold!: number;

  @Column({ name: 'first_detected_at', type: 'timestamptz' })
  firstDetectedAt!: Date;

  @Column({ name: 'last_detected_at', type: 'timestamptz' })
  lastDetectedAt!: Date;
}
