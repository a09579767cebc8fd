import { ConfigService } from '@nestjs/config';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AlertData } from '@app/contracts';
import { AuditLog } from '../../../audit/audit-log.service.js';
import { DomainError } from '../../../common/domain-error.js';
import type { Environment } from '../../../config/environment.js';
import type { IncidentEntity } from '../../../incidents/incident.entity.js';
import { withdrawnLaterSql } from '../../../dissemination/withdrawn-versions.js';
import { mayViewAlert } from '../../../incidents/lock-incident.js';
import { toCapXml } from '../../cap-message.js';
import { ExportCapAlertQuery } from './export-cap-alert.query.js';

/**
 * Reads the alert from the alert log (`deliveries.event`, exactly what the partner was sent) and renders it as CAP.
 * A partner key reads only its own alerts (a RED one only reached the partners named on it), and not a version a
 * withdrawal Cancel since told it to delete (withdrawn-versions.ts); a regulator, analyst or
 * admin key only alerts whose content it may view as GET /incidents/{id} (lock-incident.ts mayViewAlert: TLP:RED, now
 * or in that version, only for the key that filed it). Errors: ALERT.NOT_FOUND (404) for an unknown id, another
 * partner's, a RED one the caller may not view (as unknown, so its existence does not leak), or a surge alert (no CAP form).
 * Each read of an AMBER+STRICT or RED incident's alert is audited (one entry per read, src/audit), partners' included.
 */
@QueryHandler(ExportCapAlertQuery)
export class ExportCapAlertHandler implements IQueryHandler<ExportCapAlertQuery> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService<Environment, true>,
    private readonly auditLog: AuditLog,
  ) {}

  async execute({ principal, alertId }: ExportCapAlertQuery): Promise<string> {
    const [row] = await this.dataSource.query<Array<{ alert: AlertData; slug: string; incident_id: string; tlp: IncidentEntity['tlp']; filed_by_key_id: string; withdrawn: boolean }>>(
      `SELECT d.event -> 'data' AS alert, p.slug, d.incident_id, i.tlp, i.filed_by_key_id, ${withdrawnLaterSql('d')} AS withdrawn
         FROM deliveries d JOIN partners p ON p.id = d.partner_id JOIN incidents i ON i.id = d.incident_id
        WHERE d.alert_id = $1 AND ($2::uuid IS NULL OR d.partner_id = $2::uuid)`,
      [alertId, principal.role === 'partner' ? principal.partnerId : null],
    );
    // A partner reads its own alerts, but not a version it was since told to delete by a withdrawal Cancel.
    const visible = row && (principal.role === 'partner' ? !row.withdrawn : mayViewAlert({ tlp: row.tlp, filedByKeyId: row.filed_by_key_id }, row.alert.incident.tlp, principal.keyId));
    if (!visible) throw new DomainError('ALERT.NOT_FOUND', `No alert ${alertId}`);
    // A read of an AMBER+STRICT or RED incident (now, or in the version rendered) is audited like GET /incidents/{id}.
    await this.auditLog.recordIncidentRead(row.incident_id, row.tlp, row.alert.incident.tlp);
    const earlier = await this.dataSource.query<Array<{ alert_id: string; sent: string }>>(
      `SELECT alert_id, event #>> '{data,sentAt}' AS sent FROM deliveries WHERE alert_id = ANY($1::uuid[])`,
      [row.alert.references],
    );
    return toCapXml(row.alert, {
      sender: `aisw:${this.config.get('JURISDICTION', { infer: true })}`,
      recipient: row.slug,
      referencedSent: new Map(earlier.map((reference) => [reference.alert_id, reference.sent])),
    });
  }
}
