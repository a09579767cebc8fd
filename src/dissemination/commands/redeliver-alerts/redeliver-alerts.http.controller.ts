import { uuidParam } from '../../../common/uuid-param.pipe.js';
import { NoBodyFields } from '../../../common/validation.js';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Roles } from '../../../auth/auth.decorators.js';
import { DomainError } from '../../../common/domain-error.js';
import { rowsOf } from '../../../database/rows-of.js';
import { WebhookDispatcher } from '../../webhook-dispatcher.service.js';
import { withdrawnLaterSql } from '../../withdrawn-versions.js';
import { RedeliverAlertsRequestDto } from './redeliver-alerts.request.dto.js';

/**
 * Admin redelivery: puts alerts back in the webhook queue with a fresh retry window. The alert id, and so the
 * `webhook-id`, stays the same, so a partner that already has an alert recognises the repeat. Re-enables a webhook
 * that was disabled after 410 Gone.
 */
@ApiTags('alerts')
@ApiBearerAuth()
@Controller()
export class RedeliverAlertsHttpController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly dispatcher: WebhookDispatcher,
  ) {}

  /**
   * Re-sends one alert. 200 `{ requeued: 1, withdrawn: 0 }`; 404 when no webhook delivery has that alert id; 409
   * `ALERT.WITHDRAWN` when its partner was since sent a withdrawal `Cancel` for the incident (withdrawn-versions.ts):
   * that version's content may no longer be shared with it.
   */
  @Post('alerts/:id/redelivery')
  @HttpCode(200)
  @Roles('admin')
  async redeliverOne(
    @Param('id', uuidParam('id')) alertId: string,
    @Body(NoBodyFields) _body: Record<string, unknown> | undefined,
  ): Promise<{ requeued: number; withdrawn: number }> {
    const { requeued, withdrawn } = await this.requeue('d.alert_id = $1', [alertId]);
    if (withdrawn > 0) {
      throw new DomainError('ALERT.WITHDRAWN', `Alert ${alertId} is not re-sent: its partner was since sent a withdrawal Cancel for the incident (sharing narrowed)`);
    }
    if (requeued === 0) throw new DomainError('ALERT.NOT_FOUND', `No webhook delivery for alert ${alertId}`);
    return { requeued, withdrawn };
  }

  /**
   * Re-sends a range of one partner's alerts (default: its dead letters). 200 `{ requeued: n, withdrawn: m }`:
   * `withdrawn` counts the matching alerts left out because the partner was since sent a withdrawal `Cancel` for their
   * incident.
   */
  @Post('partners/:id/redeliveries')
  @HttpCode(200)
  @Roles('admin')
  async redeliverRange(
    @Param('id', uuidParam('id')) partnerId: string,
    @Body() body: RedeliverAlertsRequestDto,
  ): Promise<{ requeued: number; withdrawn: number }> {
    const exists = await this.dataSource.query<unknown[]>('SELECT 1 FROM partners WHERE id = $1', [partnerId]);
    if (exists.length === 0) throw new DomainError('PARTNER.NOT_FOUND', `No partner ${partnerId}`);
    return this.requeue(
      `d.partner_id = $1 AND ($2::timestamptz IS NULL OR d.created_at >= $2) AND ($3::timestamptz IS NULL OR d.created_at <= $3)
       AND ($4::varchar = 'any' OR d.status = $4::varchar)`,
      [partnerId, body.from ?? null, body.to ?? null, body.status],
    );
  }

  /** Requeues the matching webhook deliveries except those superseded by a withdrawal Cancel, which it counts. */
  private async requeue(where: string, parameters: unknown[]): Promise<{ requeued: number; withdrawn: number }> {
    const { rows, withdrawn } = await this.dataSource.transaction(async (manager) => {
      const [counted] = rowsOf<{ withdrawn: number }>(
        await manager.query(
          `SELECT count(*)::int AS withdrawn FROM deliveries d JOIN partners p ON p.id = d.partner_id
            WHERE p.webhook_url IS NOT NULL AND d.status <> 'available' AND ${where} AND ${withdrawnLaterSql('d')}`,
          parameters,
        ),
      );
      const requeued = rowsOf<{ partner_id: string }>(
        await manager.query(
          `UPDATE deliveries d SET status = 'pending', next_attempt_at = now(), window_started_at = now(), lease_until = NULL
             FROM partners p
            WHERE p.id = d.partner_id AND p.webhook_url IS NOT NULL AND d.status <> 'available' AND ${where}
              AND NOT ${withdrawnLaterSql('d')}
            RETURNING d.partner_id`,
          parameters,
        ),
      );
      const partners = [...new Set(requeued.map((row) => row.partner_id))];
      if (partners.length > 0) await manager.query('UPDATE partners SET webhook_disabled_at = NULL WHERE id = ANY($1::uuid[])', [partners]);
      return { rows: requeued, withdrawn: counted.withdrawn };
    });
    if (rows.length > 0) this.dispatcher.wake();
    return { requeued: rows.length, withdrawn };
  }
}
