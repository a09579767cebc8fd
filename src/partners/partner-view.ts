import { In, IsNull, type EntityManager } from 'typeorm';
import { DELIVERY_STATUSES } from '../dissemination/delivery.entity.js';
import { PartnerWebhookSecretEntity } from './partner-webhook-secret.entity.js';
import { PartnerEntity, type PartnerContact, type PartnerStatus } from './partner.entity.js';
import { SubscriptionEntity } from './subscription.entity.js';
import { withoutCredentials } from './webhook-url.js';

/** A partner as admins see it; secrets never appear, only their ids and ages. */
export interface PartnerView {
  id: string;
  slug: string;
  name: string;
  country: string;
  contacts: PartnerContact[];
  status: PartnerStatus;
  /** The admin's reason while suspended or removed; null while active (resuming clears it). */
  statusReason: string | null;
  suspendedAt: Date | null;
  removedAt: Date | null;
  /** Delivery modes: the webhook (null = none) and the partner's own Kafka topic (always). */
  webhookUrl: string | null;
  webhookDisabledAt: Date | null;
  kafkaTopic: string;
  /** Overrides in seconds; null = the global ACK_DEADLINE_<URGENCY>_SECONDS. */
  ackDeadlines: { flash: number | null; priority: number | null; routine: number | null };
  webhookSecrets: Array<{ id: string; createdAt: Date }>;
  subscriptions: SubscriptionEntity[];
  /** Alert counts per delivery status, plus how many were acknowledged. */
  deliveries: Record<string, number>;
  /**
   * Webhook deliveries held right now: the partner's `pending` deliveries while it is suspended (alerts routed during
   * the suspension included), else 0. Resuming releases them (`releasedDeliveries`).
   */
  heldDeliveries: number;
  createdAt: Date;
  updatedAt: Date;
}

/** The shape of a PartnerView, for OpenAPI response descriptions (GET /partners, GET /partners/{id}, suspension). */
export const PARTNER_VIEW_SHAPE =
  '{ id, slug, name, country, contacts, status (active | suspended | removed), statusReason (the reason while suspended or ' +
  'removed; null while active), suspendedAt, removedAt, webhookUrl, webhookDisabledAt, kafkaTopic, ackDeadlines { flash, priority, ' +
  'routine } (seconds or null), webhookSecrets [{ id, createdAt }], subscriptions, deliveries (alert counts per delivery status, ' +
  'plus acknowledged), heldDeliveries (webhook deliveries held now: pending ones while suspended, alerts routed during the ' +
  'suspension included; else 0), createdAt, updatedAt }';

/**
 * Admin views of the given partners (all when `ids` is omitted), ordered by slug; `heldDeliveries` comes from the same
 * delivery counts (no extra query). Four queries in all, one after
 * another: `manager` is often a transaction's, i.e. one PostgreSQL connection, which runs one query at a time (queries
 * sent together would only queue, and node-postgres warns about that).
 */
export async function partnerViews(manager: EntityManager, ids?: string[]): Promise<PartnerView[]> {
  const partners = await manager.find(PartnerEntity, { where: ids ? { id: In(ids) } : {}, order: { slug: 'ASC' } });
  const partnerIds = partners.map((partner) => partner.id);
  if (partnerIds.length === 0) return [];
  const subscriptions = await manager.find(SubscriptionEntity, { where: { partnerId: In(partnerIds) }, order: { createdAt: 'ASC', id: 'ASC' } });
  const secrets = await manager.find(PartnerWebhookSecretEntity, {
    where: { partnerId: In(partnerIds), retiredAt: IsNull() },
    order: { createdAt: 'ASC', id: 'ASC' },
  });
  const counts = await manager.query<Array<{ partner_id: string; status: string; n: string; acknowledged: string }>>(
    `SELECT partner_id, status, count(*) AS n, count(acknowledged_at) AS acknowledged
       FROM deliveries WHERE partner_id = ANY($1::uuid[]) GROUP BY partner_id, status`,
    [partnerIds],
  );
  return partners.map((partner) => {
    const deliveries: Record<string, number> = Object.fromEntries([...DELIVERY_STATUSES, 'acknowledged'].map((status) => [status, 0]));
    for (const row of counts.filter((entry) => entry.partner_id === partner.id)) {
      deliveries[row.status] = Number(row.n);
      deliveries.acknowledged += Number(row.acknowledged);
    }
    return {
      id: partner.id,
      slug: partner.slug,
      name: partner.name,
      country: partner.country,
      contacts: partner.contacts,
      status: partner.status,
      statusReason: partner.statusReason,
      suspendedAt: partner.suspendedAt,
      removedAt: partner.removedAt,
      webhookUrl: withoutCredentials(partner.webhookUrl),
      webhookDisabledAt: partner.webhookDisabledAt,
      kafkaTopic: partner.kafkaTopic,
      ackDeadlines: {
        flash: partner.ackDeadlineFlashSeconds,
        priority: partner.ackDeadlinePrioritySeconds,
        routine: partner.ackDeadlineRoutineSeconds,
      },
      webhookSecrets: secrets.filter((secret) => secret.partnerId === partner.id).map(({ id, createdAt }) => ({ id, createdAt })),
      subscriptions: subscriptions.filter((subscription) => subscription.partnerId === partner.id),
      deliveries,
      heldDeliveries: partner.status === 'suspended' ? deliveries.pending : 0,
      createdAt: partner.createdAt,
      updatedAt: partner.updatedAt,
    };
  });
}
