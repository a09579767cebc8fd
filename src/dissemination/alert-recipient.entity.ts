import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * Partners that were ever sent an alert about an incident (table `alert_recipients`), written by the router
 * before it produces the alert. A retraction goes to every row here, even when the partner's subscription or the
 * incident's TLP would no longer route it.
 */
@Entity({ name: 'alert_recipients' })
export class AlertRecipientEntity {
  @PrimaryColumn({ name: 'incident_id', type: 'uuid' })
  incidentId!: string;

  @PrimaryColumn({ name: 'partner_id', type: 'uuid' })
  partnerId!: string;

  /** Incident versions sent to this partner. */
  @Column({ type: 'int', array: true })
  versions!: number[];

  /** Of `versions`, those sent as a `Cancel` because sharing narrowed: after one, the partner holds nothing. */
  @Column({ name: 'withdrawn_versions', type: 'int', array: true, default: () => "'{}'" })
  withdrawnVersions!: number[];

  @CreateDateColumn({ name: 'first_sent_at', type: 'timestamptz' })
  firstSentAt!: Date;
}
