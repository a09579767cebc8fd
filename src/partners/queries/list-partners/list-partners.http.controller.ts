import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Roles } from '../../../auth/auth.decorators.js';
import { PartnerEntity } from '../../partner.entity.js';
import { SubscriptionEntity } from '../../subscription.entity.js';

/** A partner as admins see it. */
export type PartnerView = Omit<PartnerEntity, 'webhookSecret'> & {
  subscriptions: SubscriptionEntity[];
  deliveries: Record<string, number>;
};

@ApiTags('partners')
@ApiBearerAuth()
@Controller('partners')
export class ListPartnersHttpController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Every partner with its subscriptions and delivery health: alert counts per delivery status
   * (pending, delivered, dead, available) and acknowledged. Secrets are never shown.
   */
  @Get()
  @Roles('admin')
  async list(): Promise<{ items: PartnerView[] }> {
    const partners = await this.dataSource.manager.find(PartnerEntity, { order: { slug: 'ASC' } });
    const subscriptions = await this.dataSource.manager.find(SubscriptionEntity, { order: { createdAt: 'ASC' } });
    const counts: Array<{ partner_id: string; status: string; n: string; acknowledged: string }> = await this.dataSource.query(
      `SELECT partner_id, status, count(*) AS n, count(acknowledged_at) AS acknowledged
         FROM deliveries GROUP BY partner_id, status`,
    );
    return {
      items: partners.map(({ webhookSecret: _secret, ...partner }) => {
        const own = counts.filter((row) => row.partner_id === partner.id);
        const deliveries: Record<string, number> = { pending: 0, delivered: 0, dead: 0, available: 0, acknowledged: 0 };
        for (const row of own) {
          deliveries[row.status] = Number(row.n);
          deliveries.acknowledged += Number(row.acknowledged);
        }
        return {
          ...partner,
          subscriptions: subscriptions.filter((subscription) => subscription.partnerId === partner.id),
          deliveries,
        };
      }),
    };
  }
}
