import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Links a local `incidents` row to the incident a peer single window filed (table `foreign_incidents`). The
 * incidents row holds the content as the newest alert carried it (the originator's version, TLP and onward-sharing
 * rule kept), so search, trends and read models count it; it is never editable locally (INCIDENT.FOREIGN).
 */
@Entity({ name: 'foreign_incidents' })
@Index('ux_foreign_incidents_origin', ['peerId', 'originIncidentId'], { unique: true })
export class ForeignIncidentEntity {
  /** The local `incidents.id` (UUIDv5 of peer and origin incident id: a repeat finds the same row). */
  @PrimaryColumn({ name: 'incident_id', type: 'uuid' })
  incidentId!: string;

  /** The peer (`peers.partner_id`) that sent it. */
  @Column({ name: 'peer_id', type: 'uuid' })
  peerId!: string;

  /** ISO 3166-1 alpha-2 code of the single window it was filed with. */
  @Column({ name: 'origin_jurisdiction', type: 'char', length: 2 })
  originJurisdiction!: string;

  /** The incident id in the originating single window. */
  @Column({ name: 'origin_incident_id', type: 'uuid' })
  originIncidentId!: string;

  /** The newest alert applied (the originator's alert id for this window) and its incident version. */
  @Column({ name: 'origin_alert_id', type: 'uuid' })
  originAlertId!: string;

  @Column({ name: 'origin_version', type: 'int' })
  originVersion!: number;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
