import { ConfigService } from '@nestjs/config';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AlertData } from '@app/contracts';
import { DomainError } from '../../../common/domain-error.js';
import type { Environment } from '../../../config/environment.js';
import { toCapXml } from '../../cap-message.js';
import { ExportCapAlertQuery } from './export-cap-alert.query.js';

/**
 * Reads the alert from the alert log (`deliveries.event`, exactly what the partner was sent) and renders it as CAP.
 * A partner key reads only its own alerts. Errors: ALERT.NOT_FOUND (404) for an unknown id, another partner's, or a surge alert (no CAP form).
 */
@QueryHandler(ExportCapAlertQuery)
export class ExportCapAlertHandler implements IQueryHandler<ExportCapAlertQuery> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  async execute({ principal, alertId }: ExportCapAlertQuery): Promise<string> {
    const [row] = await this.dataSource.query<Array<{ alert: AlertData; slug: string }>>(
      `SELECT d.event -> 'data' AS alert, p.slug FROM deliveries d JOIN partners p ON p.id = d.partner_id
        WHERE d.alert_id = $1 AND d.incident_id IS NOT NULL AND ($2::uuid IS NULL OR d.partner_id = $2::uuid)`,
      [alertId, principal.role === 'partner' ? principal.partnerId : null],
    );
    if (!row) throw new DomainError('ALERT.NOT_FOUND', `No alert ${alertId}`);
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
