import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Consumer, EachBatchPayload, KafkaMessage, Message, Producer } from 'kafkajs';
import {
  ALERT_EVENT_V1_SCHEMA,
  canonicalFragment,
  CorrelationHeaders,
  EventTypes,
  incidentEventsTopic,
  SURGE_ALERT_EVENT_V1_SCHEMA,
  type AlertData,
  type CanonicalFragments,
  type IncidentEventData,
  type SurgeAlertData,
  type SurgeDetectedEventData,
} from '@app/contracts';
import type { Environment } from '../config/environment.js';
import {
  fromKafkaBinaryMessage,
  headerValue,
  toKafkaBinaryMessage,
  toStructuredEvent,
  type CloudEventAttributes,
} from '../messaging/cloud-event.js';
import { AlertSigner } from '../signing/alert-signer.service.js';
import { KafkaConnection } from '../messaging/kafka.js';
import { Metrics } from '../observability/metrics.service.js';
import { redactForExport } from '../redaction/redact-incident.js';
import type { RedactionOptions } from '../redaction/redact-text.js';
import { redactionOptions } from '../redaction/redaction-options.js';
import { alertIdFor, surgeAlertIdFor } from './alert-id.js';
import { PartnerDirectory } from './partner-directory.js';
import { AlertRecipients } from './alert-recipients.js';
import { planAlerts, selectSurgeRecipients, withdrawnContent, type RoutablePartner } from './routing-rules.js';
import { shutdownStep } from '../common/shutdown-step.js';

/** Incident events routed per Kafka transaction (bounds the transaction's size). */
const MESSAGES_PER_TRANSACTION = 100;
/** CONCURRENT_TRANSACTIONS: the coordinator is still completing the previous commit; retry shortly. */
const CONCURRENT_TRANSACTIONS = 'CONCURRENT_TRANSACTIONS';
const TRANSACTION_ATTEMPTS = 6;

/**
 * Consumes incident events and writes one `org.aisw.alert.v1` CloudEvent per matching partner to that partner's
 * topic; a `org.aisw.surge.detected.v1` event on the same topic becomes one `org.aisw.surge-alert.v1` per partner
 * whose subscription opted in to it (routing-rules.ts `selectSurgeRecipients`). Consume-transform-produce runs in Kafka transactions that also commit the consumer offsets
 * (`sendOffsets`), so a crash neither drops nor duplicates a routed alert for read_committed readers.
 * Events are routed in chunks of up to 100 per transaction, in offset order per partition. The partitions of the
 * incident events topic are routed side by side (kafkajs `partitionsConsumedConcurrently`), each through a
 * transactional producer of its own (a producer runs one transaction at a time): routed one after another, each
 * partition's events waited for the other partitions' transactions, which made most of a webhook's latency.
 */
@Injectable()
export class AlertRouter implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AlertRouter.name);
  private consumer?: Consumer;
  /** One transactional producer per input partition, connected on the partition's first batch. */
  private readonly producers = new Map<number, Promise<Producer>>();
  private readonly groupId: string;
  private readonly source: string;
  private readonly redaction: RedactionOptions;

  constructor(
    private readonly kafka: KafkaConnection,
    private readonly partners: PartnerDirectory,
    private readonly signer: AlertSigner,
    private readonly recipients: AlertRecipients,
    private readonly config: ConfigService<Environment, true>,
    private readonly metrics: Metrics,
  ) {
    this.groupId = `${config.get('KAFKA_CLIENT_ID', { infer: true })}-${kafka.topicPrefix}-router`;
    this.source = `/aisw/${config.get('JURISDICTION', { infer: true })}`;
    this.redaction = redactionOptions(config);
  }

  async onApplicationBootstrap(): Promise<void> {
    // Create the topic here too, so the router does not depend on the outbox relay having started first.
    await this.kafka.ensureTopics(
      [incidentEventsTopic(this.kafka.topicPrefix)],
      this.config.get('KAFKA_INCIDENT_PARTITIONS', { infer: true }),
    );
    await this.producerFor(0); // fail at start, not on the first event, when transactions are refused
    this.consumer = this.kafka.consumer({ groupId: this.groupId, readUncommitted: false });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [incidentEventsTopic(this.kafka.topicPrefix)], fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.config.get('KAFKA_INCIDENT_PARTITIONS', { infer: true }),
      eachBatch: (payload) => this.routeBatch(payload),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await shutdownStep(this.logger, 'alert router: disconnect consumer (finishes the batch in hand), then producers', async () => {
      await this.consumer?.disconnect();
      await Promise.all([...this.producers.values()].map(async (producer) => (await producer.catch(() => undefined))?.disconnect()));
    });
  }

  /**
   * The transactional producer routing input partition `partition`. Its transactional id is stable per instance and
   * partition, so a restarted instance fences its own zombie transactions of that partition. Partition 0 keeps the
   * id the single producer of earlier versions had, so starting this version aborts a transaction such a producer
   * left open.
   */
  private producerFor(partition: number): Promise<Producer> {
    let producer = this.producers.get(partition);
    if (!producer) {
      const created = this.kafka.producer({
        transactionalId: `${this.groupId}-${this.config.get('INSTANCE_ID', { infer: true })}${partition === 0 ? '' : `-p${partition}`}`,
        idempotent: true,
        maxInFlightRequests: 1,
      });
      producer = created.connect().then(() => created);
      producer.catch(() => this.producers.delete(partition));
      this.producers.set(partition, producer);
    }
    return producer;
  }

  private async routeBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    for (let start = 0; start < batch.messages.length; start += MESSAGES_PER_TRANSACTION) {
      if (!payload.isRunning() || payload.isStale()) return;
      const chunk = batch.messages.slice(start, start + MESSAGES_PER_TRANSACTION);
      // Read alongside each incident's recipients (one database round trip less before the transaction); awaited by
      // every event that routes, and the catch only keeps a failure no event awaited from being reported as unhandled.
      const partners = this.partners.routablePartners();
      partners.catch(() => undefined);
      // Events of one incident (same key) are planned in order, because a later version's plan reads the recipients
      // an earlier one recorded (a Cancel must reference the Update just before it); different incidents in parallel.
      const byIncident = new Map<string, KafkaMessage[]>();
      for (const message of chunk) {
        const key = message.key?.toString('utf8') ?? `offset:${message.offset}`;
        byIncident.set(key, [...(byIncident.get(key) ?? []), message]);
      }
      const perIncident = await Promise.all(
        [...byIncident.values()].map(async (messages) => {
          const alerts: Array<{ topic: string; message: Message }> = [];
          for (const message of messages) alerts.push(...(await this.alertsFor(message, batch.partition, partners)));
          return alerts;
        }),
      );
      // Kafka keeps the per-key order of a batch: keep each incident's alerts in event order.
      const outgoing = perIncident.flat();
      const nextOffset = (BigInt(chunk[chunk.length - 1].offset) + 1n).toString();
      await this.commitTransaction(outgoing, batch.topic, batch.partition, nextOffset);
      this.metrics.routed(chunk.length, outgoing.length);
      payload.resolveOffset(chunk[chunk.length - 1].offset);
      await payload.heartbeat();
      this.logger.debug(`routed ${chunk.length} event(s) into ${outgoing.length} alert(s) (partition ${batch.partition})`);
    }
  }

  /** Sends the alerts and commits the consumer offset atomically; retries while the coordinator is busy. */
  private async commitTransaction(
    outgoing: Array<{ topic: string; message: Message }>,
    topic: string,
    partition: number,
    offset: string,
  ): Promise<void> {
    const producer = await this.producerFor(partition);
    for (let attempt = 1; ; attempt += 1) {
      const transaction = await producer.transaction();
      try {
        const byTopic = new Map<string, Message[]>();
        for (const { topic: target, message } of outgoing) byTopic.set(target, [...(byTopic.get(target) ?? []), message]);
        if (byTopic.size > 0) {
          await transaction.sendBatch({ topicMessages: [...byTopic].map(([target, messages]) => ({ topic: target, messages })) });
        }
        await transaction.sendOffsets({ consumerGroupId: this.groupId, topics: [{ topic, partitions: [{ partition, offset }] }] });
        await transaction.commit();
        return;
      } catch (error) {
        await transaction.abort().catch(() => undefined);
        const busy = (error as { type?: string }).type === CONCURRENT_TRANSACTIONS || String(error).includes('concurrent operation');
        if (!busy || attempt >= TRANSACTION_ATTEMPTS) {
          this.metrics.routingFailed('transaction');
          this.logger.warn(`routing transaction up to offset ${partition}/${offset} failed, will retry: ${String(error)}`);
          throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  }

  /**
   * The signed alert messages one incident event produces (none for unknown event types or malformed messages).
   * Records the recipients in `alert_recipients` first, idempotently, so later versions know who holds the incident.
   */
  private async alertsFor(
    message: KafkaMessage,
    partition: number,
    routablePartners: Promise<RoutablePartner[]>,
  ): Promise<Array<{ topic: string; message: Message }>> {
    const parsed = this.parse(message, partition);
    if (!parsed) return [];
    if (parsed.type === EventTypes.surgeDetected) {
      return this.surgeAlertsFor(parsed as CloudEventAttributes<SurgeDetectedEventData>, message, await routablePartners);
    }
    const event = parsed as CloudEventAttributes<IncidentEventData>;
    const { incident } = event.data;
    const [sent, partners] = await Promise.all([this.recipients.sentVersions(incident.id, incident.version), routablePartners]);
    const earlier = sent.versions;
    const plan = planAlerts(event.type, event.data, partners, new Set(earlier.keys()), sent.withdrawn);
    if (plan.length === 0) return [];
    await this.recipients.record(
      incident.id,
      plan.map((planned) => planned.partner.id),
      incident.version,
      plan.filter((planned) => planned.withdrawn).map((planned) => planned.partner.id),
    );
    const correlationId = headerValue(message.headers, CorrelationHeaders.correlationId) ?? event.id;
    // Redacted once per (content, note): partners of one event share it, and its RFC 8785 form, which each partner's
    // signature covers, is computed once too (the alerts differ only in alert id, partner, references and note).
    const redacted = new Map<string, ReturnType<typeof redactForExport>>();
    const fragments: CanonicalFragments = new WeakMap();
    const exported = (withdrawn: boolean, note: string | undefined): ReturnType<typeof redactForExport> => {
      const key = JSON.stringify([withdrawn, note ?? null]);
      const cached = redacted.get(key);
      if (cached) return cached;
      const content = withdrawn ? withdrawnContent(incident, event.data.classification) : { incident, classification: event.data.classification };
      const result = redactForExport({ ...content, note }, this.redaction);
      redacted.set(key, result);
      for (const shared of [result.incident, result.classification, result.redactions]) {
        if (shared !== null && typeof shared === 'object') canonicalFragment(fragments, shared);
      }
      return result;
    };
    return Promise.all(
      plan.map(async ({ partner, msgType, note, withdrawn }) => {
        // A partner the marking no longer allows gets the Cancel with identifiers only (no RED leak).
        // Redaction before signing: what leaves the jurisdiction has no contact data, national ids or personal fields.
        const content = exported(withdrawn === true, note);
        const alert: AlertData = {
          alertId: alertIdFor(incident.id, partner.id, incident.version),
          msgType,
          version: incident.version,
          references: (earlier.get(partner.id) ?? [])
            .filter((version) => version < incident.version)
            .map((version) => alertIdFor(incident.id, partner.id, version)),
          ...(content.note ? { note: content.note } : {}),
          partnerId: partner.id,
          sentAt: event.time,
          incident: content.incident,
          classification: content.classification,
          redactions: content.redactions,
        };
        return this.signedMessage(
          partner,
          { id: alert.alertId, type: EventTypes.alert, subject: incident.id, time: alert.sentAt, dataschema: ALERT_EVENT_V1_SCHEMA.$id, data: alert },
          { [CorrelationHeaders.correlationId]: correlationId, [CorrelationHeaders.causationId]: event.id },
          fragments,
        );
      }),
    );
  }

  /**
   * The signed surge alerts of one new surge signal: one routine `org.aisw.surge-alert.v1` per partner that opted in,
   * with an alert id derived from (signal, partner), so a re-delivered event yields the same alerts and the alert log
   * records each once. The marking was fixed when the signal was stored (SURGE_ALERTS_TLP).
   */
  private async surgeAlertsFor(
    event: CloudEventAttributes<SurgeDetectedEventData>,
    message: KafkaMessage,
    partners: RoutablePartner[],
  ): Promise<Array<{ topic: string; message: Message }>> {
    const { signal, tlp } = event.data;
    const correlationId = headerValue(message.headers, CorrelationHeaders.correlationId) ?? event.id;
    return Promise.all(
      selectSurgeRecipients(signal, partners).map(async (partner) => {
        const alert: SurgeAlertData = {
          alertId: surgeAlertIdFor(signal.id, partner.id),
          msgType: 'Alert',
          urgency: 'routine',
          tlp,
          partnerId: partner.id,
          sentAt: event.time,
          signal,
        };
        return this.signedMessage(partner, { id: alert.alertId, type: EventTypes.surgeAlert, subject: signal.id, time: alert.sentAt, dataschema: SURGE_ALERT_EVENT_V1_SCHEMA.$id, data: alert }, {
          [CorrelationHeaders.correlationId]: correlationId,
          [CorrelationHeaders.causationId]: event.id,
        });
      }),
    );
  }

  /**
   * The Kafka message of one alert to `partner`: the CloudEvent from this single window (`source`), signed (`jws`:
   * detached Ed25519 JWS over its RFC 8785 form, libs/contracts alert-signature.ts), keyed by its subject.
   * `fragments`: canonical forms of content the event shares with its sibling alerts (same signature either way).
   */
  private async signedMessage<T>(
    partner: RoutablePartner,
    attributes: Omit<CloudEventAttributes<T>, 'source'>,
    headers: Record<string, string>,
    fragments?: CanonicalFragments,
  ): Promise<{ topic: string; message: Message }> {
    const event: CloudEventAttributes<T> = { ...attributes, source: this.source };
    event.jws = await this.signer.sign(toStructuredEvent(event), fragments);
    return { topic: partner.kafkaTopic, message: toKafkaBinaryMessage(event, attributes.subject, headers) };
  }

  /** Parses an incident or surge event; a malformed message is logged and skipped (never blocks the partition). */
  private parse(message: KafkaMessage, partition: number): CloudEventAttributes<unknown> | null {
    try {
      return fromKafkaBinaryMessage<unknown>(message);
    } catch (error) {
      this.logger.error(`skipping malformed incident event at ${partition}/${message.offset}: ${String(error)}`);
      this.metrics.routingFailed('malformed_event');
      return null;
    }
  }
}
