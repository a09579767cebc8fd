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

  /**
   * Partner id → incident versions already sent (ascending), and the ids of partners whose latest version before
   * `beforeVersion` was a withdrawal `Cancel` (sharing narrowed; they hold nothing now). Only versions before
   * `beforeVersion` count, so re-routing an event after a crash plans the same alerts.
   */
  async sentVersions(incidentId: string, beforeVersion: number): Promise<{ versions: Map<string, number[]>; withdrawn: Set<string> }> {
    const rows = await preparedQuery<{ partner_id: string; versions: number[]; withdrawn_versions: number[] }>(
      this.dataSource,
      'SELECT partner_id, versions, withdrawn_versions FROM alert_recipients WHERE incident_id = $1',
      [incidentId],
    );
    const withdrawn = new Set<string>();
    for (const row of rows) {
      const latest = Math.max(...row.versions.filter((version) => version < beforeVersion));
      if (row.withdrawn_versions.includes(latest)) withdrawn.add(row.partner_id);
    }
    return { versions: new Map(rows.map((row) => [row.partner_id, [...row.versions].sort((a, b) => a - b)])), withdrawn };
  }

  /**
   * Records that `version` goes to each partner (no-op for pairs already recorded with it), and that it goes to
   * `withdrawnIds` (a subset) as a withdrawal `Cancel`.
   */
  async record(incidentId: string, partnerIds: string[], version: number, withdrawnIds: string[] = []): Promise<void> {
    await preparedQuery(
      this.dataSource,
      `INSERT INTO alert_recipients (incident_id, partner_id, versions, withdrawn_versions)
       SELECT $1, partner_id, ARRAY[$3::int], CASE WHEN partner_id = ANY($4::uuid[]) THEN ARRAY[$3::int] ELSE '{}'::int[] END
       FROM unnest($2::uuid[]) AS partner_id
       ON CONFLICT (incident_id, partner_id) DO UPDATE
         SET versions = array_append(alert_recipients.versions, $3::int),
             withdrawn_versions = alert_recipients.withdrawn_versions || EXCLUDED.withdrawn_versions
         WHERE NOT ($3::int = ANY (alert_recipients.versions))`,
      [incidentId, partnerIds, version, withdrawnIds],
    );
  }
}
