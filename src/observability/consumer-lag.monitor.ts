import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '../config/environment.js';
import { KafkaConnection } from '../messaging/kafka.js';
import { Metrics } from './metrics.service.js';
import { shutdownStep } from '../common/shutdown-step.js';

/**
 * Refreshes `aisw_kafka_consumer_lag_messages` every METRICS_CONSUMER_LAG_INTERVAL_MS (not per scrape: it costs a
 * few admin requests per group). Covers every consumer group of this deployment, i.e. every group whose id starts
 * with `<KAFKA_CLIENT_ID>-<KAFKA_TOPIC_PREFIX>-` (the router and the alert log). Lag per topic = sum over partitions
 * of (high watermark − committed offset); a partition without a committed offset counts from the low watermark.
 */
@Injectable()
export class ConsumerLagMonitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ConsumerLagMonitor.name);
  private readonly groupPrefix: string;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly kafka: KafkaConnection,
    private readonly metrics: Metrics,
    private readonly config: ConfigService<Environment, true>,
  ) {
    this.groupPrefix = `${config.get('KAFKA_CLIENT_ID', { infer: true })}-${kafka.topicPrefix}-`;
  }

  onApplicationBootstrap(): void {
    const interval = this.config.get('METRICS_CONSUMER_LAG_INTERVAL_MS', { infer: true });
    this.timer = setInterval(() => {
      this.running ??= this.refresh()
        .catch((error: unknown) => this.logger.warn(`consumer lag refresh failed: ${String(error)}`))
        .finally(() => (this.running = undefined));
    }, interval);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    await shutdownStep(this.logger, 'consumer lag monitor: stop timer, wait for a refresh', async () => {
      clearInterval(this.timer);
      await this.running;
    });
  }

  /** Reads committed and end offsets of every group of this deployment and replaces the gauge's values. */
  async refresh(): Promise<void> {
    const admin = await this.kafka.adminClient();
    const { groups } = await admin.listGroups();
    const lags: Array<{ group: string; topic: string; lag: number }> = [];
    for (const { groupId } of groups.filter((group) => group.groupId.startsWith(this.groupPrefix))) {
      for (const { topic, partitions } of await admin.fetchOffsets({ groupId })) {
        const ends = new Map((await admin.fetchTopicOffsets(topic)).map((offsets) => [offsets.partition, offsets]));
        let lag = 0;
        for (const { partition, offset } of partitions) {
          const end = ends.get(partition);
          if (!end) continue;
          const committed = Number(offset) >= 0 ? Number(offset) : Number(end.low);
          lag += Math.max(0, Number(end.high) - committed);
        }
        lags.push({ group: groupId, topic, lag });
      }
    }
    this.metrics.consumerLag.reset();
    for (const { group, topic, lag } of lags) this.metrics.consumerLag.set({ group, topic }, lag);
  }
}
