import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Consumer, EachMessagePayload, Producer } from 'kafkajs';
import {
  CorrelationHeaders,
  EventTypes,
  incidentEventsTopic,
  type AlertData,
  type IncidentFiledEventData,
} from '@app/contracts';
import type { Environment } from '../config/environment.js';
import {
  fromKafkaBinaryMessage,
  headerValue,
  toKafkaBinaryMessage,
  type CloudEventAttributes,
} from '../messaging/cloud-event.js';
import { KafkaConnection } from '../messaging/kafka.js';
import { alertIdFor } from './alert-id.js';
import { PartnerDirectory } from './partner-directory.js';
import { selectRecipients } from './routing-rules.js';

/**
 * Consumes incident events and writes one `org.aisw.alert.v1` CloudEvent per matching partner to that partner's
 * topic. Consume-transform-produce runs in a Kafka transaction together with the consumer offset
 * (`sendOffsets`), so a crash neither drops nor duplicates a routed alert for read_committed readers.
 */
@Injectable()
export class AlertRouter implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AlertRouter.name);
  private consumer?: Consumer;
  private producer?: Producer;
  private readonly groupId: string;

  constructor(
    private readonly kafka: KafkaConnection,
    private readonly partners: PartnerDirectory,
    private readonly config: ConfigService<Environment, true>,
  ) {
    this.groupId = `${config.get('KAFKA_CLIENT_ID', { infer: true })}-${kafka.topicPrefix}-router`;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.producer = this.kafka.producer({
      // Stable per instance, so a restarted instance fences its own zombie transactions.
      transactionalId: `${this.groupId}-${this.config.get('INSTANCE_ID', { infer: true })}`,
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await this.producer.connect();
    this.consumer = this.kafka.kafka.consumer({ groupId: this.groupId, readUncommitted: false });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [incidentEventsTopic(this.kafka.topicPrefix)], fromBeginning: true });
    await this.consumer.run({ autoCommit: false, eachMessage: (payload) => this.route(payload) });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
  }

  private async route({ topic, partition, message }: EachMessagePayload): Promise<void> {
    const producer = this.producer;
    if (!producer) throw new Error('router producer not connected');
    const transaction = await producer.transaction();
    try {
      const event = this.parse(message, partition);
      if (event?.type === EventTypes.incidentFiled) {
        const recipients = selectRecipients(event.data, await this.partners.routablePartners());
        const correlationId = headerValue(message.headers, CorrelationHeaders.correlationId) ?? event.id;
        for (const partner of recipients) {
          const alert: AlertData = {
            alertId: alertIdFor(event.data.incident.id, partner.id, 1),
            msgType: 'Alert',
            version: 1,
            partnerId: partner.id,
            sentAt: event.time,
            incident: event.data.incident,
            classification: event.data.classification,
          };
          await transaction.send({
            topic: partner.kafkaTopic,
            messages: [
              toKafkaBinaryMessage(
                {
                  id: alert.alertId,
                  type: EventTypes.alert,
                  source: `/aisw/${this.config.get('JURISDICTION', { infer: true })}`,
                  subject: alert.incident.id,
                  time: alert.sentAt,
                  data: alert,
                },
                alert.incident.id,
                { [CorrelationHeaders.correlationId]: correlationId, [CorrelationHeaders.causationId]: event.id },
              ),
            ],
          });
        }
        this.logger.debug(`incident ${event.data.incident.id} routed to ${recipients.length} partner(s)`);
      }
      await transaction.sendOffsets({
        consumerGroupId: this.groupId,
        topics: [{ topic, partitions: [{ partition, offset: (BigInt(message.offset) + 1n).toString() }] }],
      });
      await transaction.commit();
    } catch (error) {
      await transaction.abort().catch(() => undefined);
      this.logger.warn(`routing of offset ${partition}/${message.offset} failed, will retry: ${String(error)}`);
      throw error;
    }
  }

  /** Parses an incident event; a malformed message is logged and skipped (never blocks the partition). */
  private parse(message: EachMessagePayload['message'], partition: number): CloudEventAttributes<IncidentFiledEventData> | null {
    try {
      return fromKafkaBinaryMessage<IncidentFiledEventData>(message);
    } catch (error) {
      this.logger.error(`skipping malformed incident event at ${partition}/${message.offset}: ${String(error)}`);
      return null;
    }
  }
}
