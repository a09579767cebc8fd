import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One object version in a partner's TAXII collection (table `taxii_collection_objects`): each alert the partner was
 * sent (`deliveries` row) is one version of the STIX `incident` object `stixId`. Rows are written ONLY by the
 * database trigger `taxii_record_collection_object` on `deliveries` inserts (migration 1796600000000), which takes a
 * per-collection advisory lock before numbering, so `seq` and `date_added` grow in commit order: a client walking a
 * collection with `next` never finds a row appear behind its cursor (TAXII 2.1 §3.4.1 paging).
 */
@Entity({ name: 'taxii_collection_objects' })
@Index('ix_taxii_collection_objects_partner_seq', ['partnerId', 'seq'])
@Index('ix_taxii_collection_objects_partner_stix_id', ['partnerId', 'stixId'])
@Index('ux_taxii_collection_objects_alert_id', ['alertId'], { unique: true })
export class TaxiiCollectionObjectEntity {
  /** Position in commit order (bigint; kept as a string by the pg driver). */
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  seq!: string;

  /** The collection: one per partner, its id is the partner id. */
  @Column({ name: 'partner_id', type: 'uuid' })
  partnerId!: string;

  @Column({ name: 'alert_id', type: 'uuid' })
  alertId!: string;

  @Column({ name: 'incident_id', type: 'uuid' })
  incidentId!: string;

  /** `incident--<uuidv5(incident id, STIX_INCIDENT_NAMESPACE)>` (see stix/stix-ids.ts). */
  @Column({ name: 'stix_id', type: 'varchar', length: 60 })
  stixId!: string;

  /** The STIX `modified` of this version: the incident's `updatedAt` in the alert. */
  @Column({ type: 'timestamptz' })
  modified!: Date;

  /** TAXII `date_added`: when the version entered the collection (clock time under the collection lock). */
  @Column({ name: 'date_added', type: 'timestamptz' })
  dateAdded!: Date;
}
