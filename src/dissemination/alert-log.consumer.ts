import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EachBatchPayload, EachMessagePayload, KafkaMessage } from 'kafkajs';
import { DataSource } from 'typeorm';
import { EventTypes, PARTNER_ALERTS_PARTITIONS, type AlertData, type SurgeAlertData } from '@app/contracts';
import type { Environment } from '../config/environment.js';
import { preparedQuery } from '../database/prepared-query.js';
import { rowsOf } from '../database/rows-of.js';
import { ackDeadlinesOf, urgencyOf } from '../escalation/ack-deadlines.js';
import { fromKafkaBinaryMessage, toStructuredEvent } from '../messaging/cloud-event.js';
import { KafkaConnection } from '../messaging/kafka.js';
import { ackDeadlineParams, ackDeadlineSecondsSql, CANCELLED_PARTNER_REMOVED, HELD_WHILE_SUSPENDED } from '../partners/ack-deadline-overrides.js';
import { Metrics } from '../observability/metrics.service.js';
import { PartnerOnboardedEvent } from '../partners/partner-onboarded.event.js';
import { PartnerDirectory } from './partner-directory.js';
import { PartnerTopicsConsumer } from './partner-topics.consumer.js';
import { ACTIVE_WEBHOOK_SECRETS_SQL, WebhookDispatcher, type LeasedDelivery } from './webhook-dispatcher.service.js';

/** Alerts recorded per statement (a fetched batch is split into chunks of this size). */
const RECORD_CHUNK = 500;

/** A row the alert log inserted; the delivery's fields when it was inserted leased to this process (null otherwise). */
type InsertedDelivery = Omit<LeasedDelivery, 'event' | 'webhook_url' | 'webhook_secrets'> & {
  status: string;
  leased: boolean;
  event: LeasedDelivery['event'] | null;
  webhook_url: string | null;
  webhook_secrets: LeasedDelivery['webhook_secrets'] | null;
};

/** Alerts of one partition's batch waiting to be recorded with those of the other partitions fetched with it. */
interface QueuedRecord {
  alerts: Array<{ alert: AlertData; event: Record<string, unknown> }>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Reads every partner alerts topic (read_committed) and records each alert as a `deliveries` row: `pending` for
 * webhook partners (the dispatcher sends it; held while the partner is suspended), `available` for Kafka-only
 * partners, `cancelled` for removed partners. The insert is keyed by alert
 * id, so a re-read message changes nothing. A surge alert (`org.aisw.surge-alert.v1`) is recorded the same way with
 * its signal id instead of an incident and without an acknowledgement deadline (routine, informational). No HTTP happens here: the callback only writes a row
 * (webhook rows of active partners inserted leased and handed to this process's WebhookDispatcher when it has room).
 * Subscription upkeep (new partners): PartnerTopicsConsumer.
 */
@Injectable()
@EventsHandler(PartnerOnboardedEvent)
export class AlertLogConsumer extends PartnerTopicsConsumer implements IEventHandler<PartnerOnboardedEvent> {
  constructor(
    kafka: KafkaConnection,
    private readonly partners: PartnerDirectory,
    private readonly dispatcher: WebhookDispatcher,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService<Environment, true>,
    private readonly metrics: Metrics,
  ) {
    super(kafka, `${config.get('KAFKA_CLIENT_ID', { infer: true })}-${kafka.topicPrefix}-alert-log`, PARTNER_ALERTS_PARTITIONS, 'recording alerts');
  }

  protected currentTopics(): Promise<string[]> {
    return this.partners.partnerTopics();
  }

  protected onMessage({ partition, message }: EachMessagePayload): Promise<void> {
    return this.record(partition, [message]);
  }

  /** A fetched batch of one partition: recorded in chunks of RECORD_CHUNK alerts, one statement each. */
  protected override async onBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    for (let start = 0; start < batch.messages.length; start += RECORD_CHUNK) {
      if (!payload.isRunning() || payload.isStale()) return;
      const chunk = batch.messages.slice(start, start + RECORD_CHUNK);
      await this.record(batch.partition, chunk);
      payload.resolveOffset(chunk[chunk.length - 1].offset);
      await payload.heartbeat();
    }
  }

  /** Batches waiting for the next insert, and whether a flush is scheduled or running (see `recordTogether`). */
  private queued: QueuedRecord[] = [];
  private flushing = false;

  /**
   * Records alerts as `deliveries` rows. Malformed messages are logged and skipped. Resolves once the alerts are
   * stored (the caller commits the batch's offsets after that).
   */
  private async record(partition: number, messages: KafkaMessage[]): Promise<void> {
    const alerts: Array<{ alert: AlertData; event: Record<string, unknown> }> = [];
    const surgeAlerts: Array<{ alert: SurgeAlertData; event: Record<string, unknown> }> = [];
    for (const message of messages) {
      try {
        const parsed = fromKafkaBinaryMessage<AlertData>(message);
        if (parsed.type === EventTypes.surgeAlert) surgeAlerts.push({ alert: parsed.data as unknown as SurgeAlertData, event: toStructuredEvent(parsed) });
        else alerts.push({ alert: parsed.data, event: toStructuredEvent(parsed) });
      } catch (error) {
        this.logger.error(`skipping malformed alert at ${partition}/${message.offset}: ${String(error)}`);
        this.metrics.alertLogged('malformed');
      }
    }
    for (const { alert, event } of surgeAlerts) await this.recordSurgeAlert(alert, event);
    if (alerts.length === 0) return;
    await this.recordTogether(alerts);
  }

  /**
   * Group insert: each partner topic is its own partition, so one fetch brings one small batch per partner; the
   * batches handed over in the same turn of the event loop (kafkajs runs up to PARTITIONS_CONSUMED_CONCURRENTLY at
   * once) are inserted by one statement of up to RECORD_CHUNK alerts instead of one each. Each caller still resolves
   * only once its own alerts are stored, so its offsets are committed after its rows as before. When a combined
   * insert fails, each batch is retried alone, so one bad batch fails only its own partition.
   */
  private recordTogether(alerts: QueuedRecord['alerts']): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queued.push({ alerts, resolve, reject });
      if (this.flushing) return;
      this.flushing = true;
      setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    try {
      while (this.queued.length > 0) {
        let count = 0;
        let take = 0;
        while (take < this.queued.length && (take === 0 || count + this.queued[take].alerts.length <= RECORD_CHUNK)) count += this.queued[take++].alerts.length;
        const group = this.queued.splice(0, take);
        try {
          await this.insertAlerts(group.flatMap((queued) => queued.alerts));
          for (const queued of group) queued.resolve();
        } catch (error) {
          if (group.length === 1) group[0].reject(error);
          else for (const queued of group) await this.insertAlerts(queued.alerts).then(queued.resolve, queued.reject);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  /**
   * Records alerts as `deliveries` rows in ONE statement (rows joined to their partner from one JSON array, so the
   * statement text is the same for any number of alerts and is prepared once per connection). As many as the
   * dispatcher has room for (`handoverSlots`) are inserted already leased to this process when their partner is
   * active with a webhook, and handed to it in process (`handOver`, in alert order): no claim statement and no
   * row version for the lease. If the process dies first, the lease runs out and a claim sends them (same webhook-id).
   */
  private async insertAlerts(alerts: QueuedRecord['alerts']): Promise<void> {
    const slots = this.dispatcher.handoverSlots(alerts.length);
    // Every message type (Alert, Update, Cancel) asks for an acknowledgement; src/escalation acts when it is late.
    // The partner's own deadline overrides the global one. A suspended partner's webhook delivery is held (no
    // deadline until it is resumed); a removed partner's is recorded as cancelled, so the filer sees it (src/partners).
    // The lease condition is the claim's (webhook-dispatcher.service.ts), so a leased row is one the claim could take.
    const inserted = await preparedQuery<InsertedDelivery>(
      this.dataSource,
      `WITH inserted AS (
         INSERT INTO deliveries (alert_id, partner_id, incident_id, version, event, status, next_attempt_at, lease_until, ack_due_at, last_error)
         SELECT a.alert_id, p.id, a.incident_id, a.version, a.event,
                CASE WHEN p.status = 'removed' THEN 'cancelled' WHEN p.webhook_url IS NULL THEN 'available' ELSE 'pending' END,
                CASE WHEN p.webhook_url IS NULL OR p.status = 'removed' THEN NULL ELSE now() END,
                CASE WHEN a.leased AND p.status = 'active' AND p.webhook_url IS NOT NULL AND p.webhook_disabled_at IS NULL
                     THEN now() + make_interval(secs => $7) END,
                CASE WHEN p.status = 'active' OR (p.status = 'suspended' AND p.webhook_url IS NULL)
                     THEN now() + make_interval(secs => ${ackDeadlineSecondsSql('a.urgency', 'p', 2)}) END,
                CASE WHEN p.status = 'removed' THEN $5::varchar
                     WHEN p.status = 'suspended' AND p.webhook_url IS NOT NULL THEN $6::varchar END
           FROM jsonb_to_recordset($1::jsonb) AS a(alert_id uuid, partner_id uuid, incident_id uuid, version int, event jsonb, urgency text, leased boolean)
           JOIN partners p ON p.id = a.partner_id
         ON CONFLICT (alert_id) DO NOTHING
         RETURNING alert_id, partner_id, attempts, window_started_at, status, lease_until, event)
       SELECT i.alert_id, i.partner_id, i.attempts, i.window_started_at, i.status, i.lease_until IS NOT NULL AS leased,
              CASE WHEN i.lease_until IS NOT NULL THEN i.event END AS event,
              CASE WHEN i.lease_until IS NOT NULL THEN p.webhook_url END AS webhook_url,
              CASE WHEN i.lease_until IS NOT NULL THEN ${ACTIVE_WEBHOOK_SECRETS_SQL} END AS webhook_secrets
         FROM inserted i JOIN partners p ON p.id = i.partner_id`,
      [
        // One JSON array (serialised once, natively) rather than arrays of JSON strings, which node-postgres would
        // escape character by character into array literals.
        JSON.stringify(
          alerts.map(({ alert, event }, index) => ({
            alert_id: alert.alertId,
            partner_id: alert.partnerId,
            incident_id: alert.incident.id,
            version: alert.version,
            event,
            urgency: urgencyOf(alert.classification),
            ...(index < slots ? { leased: true } : {}),
          })),
        ),
        ...ackDeadlineParams(ackDeadlinesOf(this.config)),
        CANCELLED_PARTNER_REMOVED,
        HELD_WHILE_SUSPENDED,
        this.dispatcher.leaseSeconds,
      ],
    );
    for (let n = 0; n < inserted.length; n++) this.metrics.alertLogged('recorded');
    for (let n = inserted.length; n < alerts.length; n++) this.metrics.alertLogged('duplicate');
    const leased = inserted.filter((row): row is InsertedDelivery & LeasedDelivery => row.leased);
    if (leased.length > 0) {
      const order = new Map(alerts.map(({ alert }, index) => [alert.alertId, index]));
      this.dispatcher.handOver(leased.sort((x, y) => order.get(x.alert_id)! - order.get(y.alert_id)!));
    }
    if (inserted.some((row) => row.status === 'pending' && !row.leased)) this.dispatcher.wake();
  }

  /**
   * Records a surge alert: as an incident alert (status by partner state and webhook) but keyed to its signal, version
   * 1, with no acknowledgement deadline, so escalation never acts on it (partners may still acknowledge it).
   */
  private async recordSurgeAlert(alert: SurgeAlertData, event: Record<string, unknown>): Promise<void> {
    const inserted = rowsOf<{ alert_id: string }>(await this.dataSource.query(
      `INSERT INTO deliveries (alert_id, partner_id, signal_id, version, event, status, next_attempt_at, last_error)
       SELECT $1, p.id, $3, 1, $4,
              CASE WHEN p.status = 'removed' THEN 'cancelled' WHEN p.webhook_url IS NULL THEN 'available' ELSE 'pending' END,
              CASE WHEN p.webhook_url IS NULL OR p.status = 'removed' THEN NULL ELSE now() END,
              CASE WHEN p.status = 'removed' THEN $5::varchar
                   WHEN p.status = 'suspended' AND p.webhook_url IS NOT NULL THEN $6::varchar END
         FROM partners p WHERE p.id = $2
       ON CONFLICT (alert_id) DO NOTHING
       RETURNING alert_id`,
      [alert.alertId, alert.partnerId, alert.signal.id, JSON.stringify(event), CANCELLED_PARTNER_REMOVED, HELD_WHILE_SUSPENDED],
    ));
    this.metrics.alertLogged(inserted.length > 0 ? 'recorded' : 'duplicate');
    if (inserted.length > 0) this.dispatcher.wake();
  }
}
