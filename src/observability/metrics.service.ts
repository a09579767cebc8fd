import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';

interface OutboxLagRow {
  pending: string;
  failed: string;
  age: string | null;
}

/** Outcome of one `POST /incidents` that reached the handler (validation failures never do). */
export type FilingOutcome = 'created' | 'replayed' | 'idempotency_conflict';

/** `2xx`…`5xx` from an HTTP status code, or `network_error` when no response came back. */
export function statusClassOf(statusCode: number | null): string {
  return statusCode === null ? 'network_error' : `${Math.floor(statusCode / 100)}xx`;
}

/**
 * The application's Prometheus metrics (prom-client), in a registry of its own per app instance, so several apps in
 * one process (tests) do not share counters. Names follow the Prometheus conventions: `aisw_` prefix, `_total` for
 * counters, base units (`_seconds`). Counters are per process; sum them over replicas in PromQL. The outbox gauges
 * are read from PostgreSQL at scrape time (one indexed query); Kafka consumer lag is refreshed in the background by
 * ConsumerLagMonitor. Served at `GET /metrics` (MetricsHttpController).
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  private readonly filings = new Counter({
    name: 'aisw_incident_filings_total',
    help: 'Incident filings that reached the handler, by outcome (created, replayed by Idempotency-Key, idempotency_conflict).',
    labelNames: ['outcome'],
    registers: [this.registry],
  });

  private readonly classification = new Histogram({
    name: 'aisw_classification_duration_seconds',
    help: 'Time to classify one incident on the taxonomy and store the result (filing transaction), in seconds.',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [this.registry],
  });

  private readonly outboxPublished = new Counter({
    name: 'aisw_outbox_published_total',
    help: 'Outbox rows published to Kafka (acknowledged by the broker) by this process.',
    registers: [this.registry],
  });

  private readonly outboxRefused = new Counter({
    name: 'aisw_outbox_refused_total',
    help: 'Outbox rows Kafka refused for good (marked failed; they need an operator).',
    registers: [this.registry],
  });

  private readonly routedEvents = new Counter({
    name: 'aisw_routing_events_total',
    help: 'Incident events routed (committed in a Kafka transaction with their consumer offsets).',
    registers: [this.registry],
  });

  private readonly routedAlerts = new Counter({
    name: 'aisw_routing_alerts_total',
    help: 'Partner alerts produced by routing (one per matching partner and incident version).',
    registers: [this.registry],
  });

  private readonly routingFailures = new Counter({
    name: 'aisw_routing_failures_total',
    help: 'Routing failures by reason: transaction (aborted Kafka transaction, retried), malformed_event (skipped).',
    labelNames: ['reason'],
    registers: [this.registry],
  });

  private readonly alertLog = new Counter({
    name: 'aisw_alert_log_records_total',
    help: 'Partner alert records read by the alert log, by result: recorded (new delivery row), duplicate, malformed.',
    labelNames: ['result'],
    registers: [this.registry],
  });

  private readonly webhookAttempts = new Counter({
    name: 'aisw_webhook_delivery_attempts_total',
    help: 'Webhook delivery attempts by response status class (2xx..5xx, network_error) and resulting state (delivered, retry, dead).',
    labelNames: ['status_class', 'outcome'],
    registers: [this.registry],
  });

  private readonly webhookDuration = new Histogram({
    name: 'aisw_webhook_delivery_duration_seconds',
    help: 'Duration of one webhook delivery attempt (DNS vetting, connect, request, response), in seconds, by status class.',
    labelNames: ['status_class'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  /** Consumer lag in messages per group and topic (sum over partitions); set by ConsumerLagMonitor. */
  readonly consumerLag = new Gauge({
    name: 'aisw_kafka_consumer_lag_messages',
    help: 'Messages between the committed offset of a consumer group and the end of the topic, summed over partitions (transaction markers count as one each).',
    labelNames: ['group', 'topic'],
    registers: [this.registry],
  });

  constructor(@InjectDataSource() dataSource: DataSource) {
    collectDefaultMetrics({ register: this.registry, prefix: 'aisw_' });
    // The registry collects all metrics concurrently: the three outbox gauges share one query per scrape.
    let reading: { at: number; row: Promise<OutboxLagRow> } | undefined;
    const outboxLag = (): Promise<OutboxLagRow> => {
      if (!reading || Date.now() - reading.at > 1000) {
        reading = {
          at: Date.now(),
          row: dataSource
            .query<OutboxLagRow[]>(
              `SELECT count(*) FILTER (WHERE failed_at IS NULL) AS pending, count(*) FILTER (WHERE failed_at IS NOT NULL) AS failed,
                      EXTRACT(EPOCH FROM now() - min(created_at) FILTER (WHERE failed_at IS NULL)) AS age
                 FROM outbox_messages WHERE published_at IS NULL`,
            )
            .then(([row]) => row),
        };
      }
      return reading.row;
    };
    const outboxGauge = (name: string, help: string, value: (row: OutboxLagRow) => number): void => {
      new Gauge({
        name,
        help,
        registers: [this.registry],
        async collect() {
          this.set(value(await outboxLag()));
        },
      });
    };
    outboxGauge('aisw_outbox_backlog_messages', 'Outbox rows not yet published to Kafka (excluding rows refused for good).', (row) =>
      Number(row.pending),
    );
    outboxGauge('aisw_outbox_failed_messages', 'Outbox rows Kafka refused for good (they need an operator).', (row) => Number(row.failed));
    outboxGauge(
      'aisw_outbox_oldest_unpublished_age_seconds',
      'Age of the oldest outbox row not yet published (0 when none): the outbox lag, in seconds.',
      (row) => (row.age === null ? 0 : Math.max(0, Number(row.age))),
    );
  }

  /** Counts one filing outcome and passes `result` through. */
  countFiling<T>(outcome: FilingOutcome, result: T): T {
    this.filings.inc({ outcome });
    return result;
  }

  /** Runs `classify` and records its duration in `aisw_classification_duration_seconds`. */
  async timeClassification<T>(classify: () => Promise<T>): Promise<T> {
    const end = this.classification.startTimer();
    try {
      return await classify();
    } finally {
      end();
    }
  }

  outboxRowsPublished(count: number): void {
    this.outboxPublished.inc(count);
  }

  outboxRowRefused(): void {
    this.outboxRefused.inc();
  }

  /** One committed routing transaction: `events` incident events in, `alerts` partner alerts out. */
  routed(events: number, alerts: number): void {
    this.routedEvents.inc(events);
    this.routedAlerts.inc(alerts);
  }

  routingFailed(reason: 'transaction' | 'malformed_event'): void {
    this.routingFailures.inc({ reason });
  }

  alertLogged(result: 'recorded' | 'duplicate' | 'malformed'): void {
    this.alertLog.inc({ result });
  }

  /**
   * One webhook attempt.
   * @param statusCode the partner's HTTP status, or null when no response came (network error, timeout, refused)
   * @param outcome the delivery's state after the attempt
   * @param latencyMs attempt duration in milliseconds
   */
  webhookAttempted(statusCode: number | null, outcome: 'delivered' | 'retry' | 'dead', latencyMs: number): void {
    const statusClass = statusClassOf(statusCode);
    this.webhookAttempts.inc({ status_class: statusClass, outcome });
    this.webhookDuration.observe({ status_class: statusClass }, latencyMs / 1000);
  }
}
