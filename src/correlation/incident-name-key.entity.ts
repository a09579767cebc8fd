import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { NameRole } from './link-score.js';

/**
 * Normalised names (name-keys.ts) of each incident's AI system, developer and deployer (table `incident_name_keys`),
 * kept by the correlator so incidents naming the same party are found through an index, whatever their dates.
 */
@Entity({ name: 'incident_name_keys' })
@Index('ix_incident_name_keys_key', ['key'])
export class IncidentNameKeyEntity {
  @PrimaryColumn({ name: 'incident_id', type: 'uuid' })
  incidentId!: string;

  @PrimaryColumn({ type: 'varchar', length: 12 })
  role!: NameRole;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  key!: string;

  @Column({ name: 'computed_at', type: 'timestamptz', default: () => 'now()' })
  computedAt!: Date;
}
