import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { LinkReason } from './link-score.js';

/**
 * A link between two incidents that likely describe the same real-world event (table `incident_links`), written by the
 * IncidentCorrelationConsumer from incident events; records are never merged. Stored in both directions (one row per
 * side), so "related to X" is one index lookup. Replaced whenever either incident is correlated again; removed when
 * either is retracted.
 */
@Entity({ name: 'incident_links' })
@Index('ix_incident_links_related', ['relatedIncidentId'])
export class IncidentLinkEntity {
  @PrimaryColumn({ name: 'incident_id', type: 'uuid' })
  incidentId!: string;

  @PrimaryColumn({ name: 'related_incident_id', type: 'uuid' })
  relatedIncidentId!: string;

  /** 0..1, the sum of the matched signals' weights (link-score.ts); at least CORRELATION_THRESHOLD when stored. */
  @Column({ type: 'double precision' })
  score!: number;

  /** The signals that matched, strongest first. */
  @Column({ type: 'jsonb' })
  reasons!: LinkReason[];

  @Column({ name: 'computed_at', type: 'timestamptz', default: () => 'now()' })
  computedAt!: Date;
}
