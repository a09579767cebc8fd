import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { IncidentClassification } from '@app/taxonomy';

/**
 * One classifier version's result for one incident (table `incident_classifications`). The axis labels are
 * columns so trends can group by them; the full result with evidence is kept as JSON.
 */
@Entity({ name: 'incident_classifications' })
@Index('ix_incident_classifications_labels', ['mechanism', 'magnitude', 'source'])
export class IncidentClassificationEntity {
  @PrimaryColumn({ name: 'incident_id', type: 'uuid' })
  incidentId!: string;

  @PrimaryColumn({ name: 'classifier_version', type: 'varchar', length: 40 })
  classifierVersion!: string;

  @Column({ type: 'varchar', length: 20 })
  mechanism!: string;

  @Column({ type: 'varchar', length: 20 })
  magnitude!: string;

  @Column({ type: 'varchar', length: 20 })
  source!: string;

  @Column({ type: 'jsonb' })
  result!: IncidentClassification;

  @CreateDateColumn({ name: 'classified_at', type: 'timestamptz' })
  classifiedAt!: Date;
}
