import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/api-keys.service.js';
import type { Environment } from '../config/environment.js';
import { EARS_C2 } from './ears.js';
import { SURGE_DIMENSIONS, SurgeDetector, WEEK_MS, type Surge } from './surge-detector.js';

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
 * run it at once: the unique index makes the upsert idempotent.
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
    clearInterval(this.timer);
    await this.running;
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
    const inserted = await this.dataSource.query<Array<{ dimension: string; value: string; week_start: Date; inserted: boolean }>>(
      `INSERT INTO surge_signals (id, dimension, value, week_start, method, count, expected, sd, statistic, threshold, first_detected_at, last_detected_at)
       SELECT gen_random_uuid(), d, v, w, m, c, e, s, st, t, now(), now()
         FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::int[], $6::float8[], $7::float8[], $8::float8[], $9::float8[])
              AS x(d, v, w, m, c, e, s, st, t)
       ON CONFLICT (dimension, value, week_start, method) DO UPDATE
          SET count = EXCLUDED.count, expected = EXCLUDED.expected, sd = EXCLUDED.sd, statistic = EXCLUDED.statistic,
              threshold = EXCLUDED.threshold, last_detected_at = EXCLUDED.last_detected_at
       RETURNING dimension, value, week_start, (xmax = 0) AS inserted`,
      columns.map((column) => surges.map((surge) => surge[column])),
    );
    const fresh = new Set(
      inserted.filter((row) => row.inserted).map((row) => `${row.dimension}|${row.value}|${new Date(row.week_start).toISOString()}`),
    );
    return surges.filter((surge) => fresh.has(`${surge.dimension}|${surge.value}|${surge.start}`));
  }
}
