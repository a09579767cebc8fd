import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PartnerEntity } from '../partners/partner.entity.js';
import { SubscriptionEntity } from '../partners/subscription.entity.js';
import type { RoutablePartner } from './routing-rules.js';

/** Reads partners and their subscriptions for routing (two indexed queries; partners are few). */
@Injectable()
export class PartnerDirectory {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async routablePartners(): Promise<RoutablePartner[]> {
    const [partners, subscriptions] = await Promise.all([
      this.dataSource.manager.find(PartnerEntity),
      this.dataSource.manager.find(SubscriptionEntity),
    ]);
    return partners.map((partner) => ({
      id: partner.id,
      slug: partner.slug,
      kafkaTopic: partner.kafkaTopic,
      status: partner.status,
      subscriptions: subscriptions.filter((subscription) => subscription.partnerId === partner.id),
    }));
  }

  async partnerTopics(): Promise<string[]> {
    const partners = await this.dataSource.manager.find(PartnerEntity, { select: { kafkaTopic: true } });
    return partners.map((partner) => partner.kafkaTopic).sort();
  }
}
