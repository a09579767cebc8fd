import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EventTypes, incidentEventsTopic, type SurgeDetectedEventData } from '@app/contracts';
import type { Principal } from '../auth/api-keys.service.js';
import type { Environment } from '../config/environment.js';
import { OUTBOX_COLUMNS } from '../incidents/incident-events.js';
import { markOutboxWritten } from '../outbox/outbox-wake.js';
import { EARS_C2 } from './ears.js';
import { SURGE_DIMENSIONS, SurgeDetector, WEEK_MS, type Surge } from './surge-detector.js';
import { shutdownStep } from '../common/shutdown-step.js';

/** Weeks before now the scheduled run watches (a late filing or a review can still make an older week surge). */
const WATCHED_WEEKS = 12;

/**
 * The shared view: no API key files with the nil UUID, so TLP:RED incidents (visible to their filer only) are never
 * counted in stored signals, which every analyst and any future partner alert may see.
 */
const SHARED_VIEW: Principal = { keyId: '00000000-0000-0000-0000-000000000000', name: 'surge-signal-recorder', role: 'analyst', partnerId: null };

/**
 * The signal store's writer: every SURGE_DETECTION_INTERVAL_MS (0: never) detects EARS C2 surges over the last 12
 * weeks of the shared view and upserts them into `surge_signals` on (dimension, value, week, method). Replicas may
 * run it at once: the unique index makes the upsert idempotent. With SURGE_ALERTS_ENABLED, each signal stored for the
 * first time queues one `org.aisw.surge.detected.v1` outbox row in the same transaction (the router turns it into one
 * surge alert per opted-in partner), so a signal is announced once however often it is detected again.
 */
@Injectable()
export class SurgeSignalRecorder implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SurgeSignalRecorder.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly detector: SurgeDetector,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  onApplicationBootstrap(): void {
    const interval = this.config.get('SURGE_DETECTION_INTERVAL_MS', { infer: true });
    if (interval > 0) this.timer = setInterval(() => this.tick(), interval);
  }

  async onApplicationShutdown(): Promise<void> {
    await shutdownStep(this.logger, 'surge signal recorder: stop timer, wait for a detection', async () => {
      clearInterval(this.timer);
      await this.running;
    });
  }

  private tick(): void {
    if (this.running) return;
    const now = new Date();
    this.running = this.record(new Date(now.getTime() - WATCHED_WEEKS * WEEK_MS), now)
      .then((fresh) => {
        if (fresh.length > 0) this.logger.log(`${fresh.length} new surge signal(s) stored`);
      })
      .catch((error: unknown) => this.logger.warn(`surge detection failed: ${String(error)}`))
      .finally(() => (this.running = undefined));
  }

  /**
   * Detects EARS C2 surges of weeks overlapping [from, to] on the shared view and stores them; returns the surges
   * stored for the first time (already stored ones get their figures and `last_detected_at` refreshed).
   */
  async record(from: Date, to: Date): Promise<Surge[]> {
    const surges = await this.detector.detect({ principal: SHARED_VIEW, from, to, dimensions: SURGE_DIMENSIONS, method: EARS_C2.name });
    if (surges.length === 0) return [];
    const columns = ['dimension', 'value', 'start', 'method', 'count', 'expected', 'sd', 'statistic', 'threshold'] as const;
    return this.dataSource.transaction(async (manager) => {
      const stored = await manager.query<Array<{ id: string; dimension: string; value: string; week_start: Date; first_detected_at: Date; inserted: boolean }>>(
      `INSERT INTO surge_signals (id, dimension, value, week_start, method, count, expected, sd, statistic, threshold, first_detected_at, last_detected_at)
       SELECT gen_random_uuid(), d, v, w, m, c, e, s, st, t, now(), now()
         FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::int[], $6::float8[], $7::float8[], $8::float8[], $9::float8[])
              AS x(d, v, w, m, c, e, s, st, t)
       ON CONFLICT (dimension, value, week_start, method) DO UPDATE
          SET count = EXCLUDED.count, expected = EXCLUDED.expected, sd = EXCLUDED.sd, statistic = EXCLUDED.statistic,
              threshold = EXCLUDED.threshold, last_detected_at = EXCLUDED.last_detected_at
       RETURNING id, dimension, value, week_start, first_detected_at, (xmax = 0) AS inserted`,
        columns.map((column) => surges.map((surge) => surge[column])),
      );
      const fresh = new Map(
        stored.filter((row) => row.inserted).map((row) => [`${row.dimension}|${row.value}|${new Date(row.week_start).toISOString()}`, row]),
      );
      const freshSurges = surges.filter((surge) => fresh.has(`${surge.dimension}|${surge.value}|${surge.start}`));
      if (freshSurges.length > 0 && this.config.get('SURGE_ALERTS_ENABLED', { infer: true })) {
        const tlp = this.config.get('SURGE_ALERTS_TLP', { infer: true });
        const topic = incidentEventsTopic(this.config.get('KAFKA_TOPIC_PREFIX', { infer: true }));
        const events = freshSurges.map((surge) => {
          const row = fresh.get(`${surge.dimension}|${surge.value}|${surge.start}`)!;
          const data: SurgeDetectedEventData = {
            signal: {
              id: row.id,
              dimension: surge.dimension,
              value: surge.value,
              weekStart: surge.start,
              weekEnd: surge.end,
              count: surge.count,
              expected: surge.expected,
              sd: surge.sd,
              statistic: surge.statistic,
              threshold: surge.threshold,
              method: surge.method,
              detectedAt: new Date(row.first_detected_at).toISOString(),
            },
            tlp,
          };
          const eventId = randomUUID();
          return [eventId, EventTypes.surgeDetected, row.id, topic, JSON.stringify(data), eventId];
        });
        // One outbox row per new signal, keyed by the signal id (the router's alert ids derive from it).
        await manager.query(
          `INSERT INTO outbox_messages (${OUTBOX_COLUMNS})
           SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::jsonb[], $6::text[])`,
          [0, 1, 2, 3, 4, 5].map((index) => events.map((event) => event[index])),
        );
        markOutboxWritten(manager);
      }
      return freshSurges;
    });
  }
}
