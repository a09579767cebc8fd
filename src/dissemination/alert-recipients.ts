import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { preparedQuery } from '../database/prepared-query.js';

/**
 * Who was sent which versions of an incident (`alert_recipients`). Written by the router before it produces, so a
 * re-run after a crash finds the same rows (the writes are idempotent) and computes the same alerts.
 */
@Injectable()
export class AlertRecipients {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Partner id → incident versions already sent (ascending). */
  async sentVersions(incidentId: string): Promise<Map<string, number[]>> {
    const rows = await preparedQuery<{ partner_id: string; versions: number[] }>(
      this.dataSource,
      'SELECT partner_id, versions FROM alert_recipients WHERE incident_id = $1',
      [incidentId],
    );
    return new Map(rows.map((row) => [row.partner_id, [...row.versions].sort((a, b) => a - b)]));
  }

  /** Records that `version` goes to each partner (no-op for pairs already recorded with it). */
  async record(incidentId: string, partnerIds: string[], version: number): Promise<void> {
    await preparedQuery(
      this.dataSource,
      `INSERT INTO alert_recipients (incident_id, partner_id, versions)
       SELECT $1, partner_id, ARRAY[$3::int] FROM unnest($2::uuid[]) AS partner_id
       ON CONFLICT (incident_id, partner_id) DO UPDATE
         SET versions = array_append(alert_recipients.versions, $3::int)
         WHERE NOT ($3::int = ANY (alert_recipients.versions))`,
      [incidentId, partnerIds, version],
    );
  }
}
