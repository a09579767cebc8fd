import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SingleFlightPass } from '../common/single-flight-pass.js';
import type { Environment } from '../config/environment.js';
import { foldTrendDeltas } from './trend-counts.js';
import { shutdownStep } from '../common/shutdown-step.js';

/**
 * The fold job of the `trend_counts` read model: every TREND_COUNTS_FOLD_INTERVAL_MS (0: never) folds the pending
 * `trend_count_deltas` into the counts (foldTrendDeltas). Queries are exact without it (they add the unfolded
 * deltas); it keeps the deltas they read few. Replicas may all run it: an advisory lock lets one fold at a time.
 */
@Injectable()
export class TrendCountsFolder implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TrendCountsFolder.name);
  private timer?: NodeJS.Timeout;
  /** One fold at a time; a tick during a fold asks for one more after it. */
  private readonly fold = new SingleFlightPass(
    () => foldTrendDeltas(this.dataSource),
    (error: unknown) => this.logger.warn(`trend count fold failed: ${String(error)}`),
  );

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  onApplicationBootstrap(): void {
    const interval = this.config.get('TREND_COUNTS_FOLD_INTERVAL_MS', { infer: true });
    if (interval > 0) this.timer = setInterval(() => this.fold.wake(), interval);
  }

  async onApplicationShutdown(): Promise<void> {
    await shutdownStep(this.logger, 'trend counts folder: stop timer, drain the fold', async () => {
      clearInterval(this.timer);
      await this.fold.stop();
    });
  }
}
