import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EventBus } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Environment } from '../config/environment.js';
import { rowsOf } from '../database/rows-of.js';
import { AlertAcknowledgementOverdueEvent } from './alert-acknowledgement-overdue.event.js';
import { shutdownStep } from '../common/shutdown-step.js';

const CLAIM_BATCH = 50;
/** A claimed row is found again after this long if its escalation never completed (crash, database error). */
const CLAIM_LEASE_SECONDS = 60;

interface ClaimedOverdue {
  alert_id: string;
  partner_id: string;
  incident_id: string;
  ack_due_at: Date;
  escalations: number;
}

/**
 * Every ESCALATION_POLL_INTERVAL_MS, finds deliveries past `ack_due_at` without acknowledgement and publishes an
 * AlertAcknowledgementOverdueEvent for each. The claim pushes `ack_due_at` forward by a lease under FOR UPDATE SKIP
 * LOCKED, so two replicas never escalate the same alert, and one that dies mid-way leaves the row to be found again.
 * EscalateOverdueAlertHandler then sets the real next deadline.
 */
@Injectable()
export class OverdueAlertScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OverdueAlertScheduler.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly eventBus: EventBus,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tick(), this.config.get('ESCALATION_POLL_INTERVAL_MS', { infer: true }));
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await shutdownStep(this.logger, 'overdue alert scheduler: stop timer, wait for a scan', async () => {
      clearInterval(this.timer);
      await this.running;
    });
  }

  private tick(): void {
    if (this.stopped || this.running) return;
    this.running = this.publishOverdue()
      .then(() => undefined)
      .catch((error: unknown) => this.logger.warn(`overdue scan failed: ${String(error)}`))
      .finally(() => (this.running = undefined));
  }

  /** Claims every overdue delivery and publishes one event per delivery; returns how many. */
  async publishOverdue(): Promise<number> {
    let published = 0;
    for (;;) {
      if (this.stopped) return published;
      const claimed = await this.claim();
      for (const row of claimed) {
        this.eventBus.publish(new AlertAcknowledgementOverdueEvent(row.alert_id, row.partner_id, row.incident_id, row.ack_due_at, row.escalations));
      }
      published += claimed.length;
      if (claimed.length < CLAIM_BATCH) return published;
    }
  }

  private async claim(): Promise<ClaimedOverdue[]> {
    return rowsOf<ClaimedOverdue>(await this.dataSource.query(
      `WITH due AS (SELECT alert_id, ack_due_at FROM deliveries
                     WHERE acknowledged_at IS NULL AND ack_due_at IS NOT NULL AND ack_due_at <= now()
                     ORDER BY ack_due_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       UPDATE deliveries d SET ack_due_at = now() + make_interval(secs => $2)
         FROM due WHERE d.alert_id = due.alert_id
       RETURNING d.alert_id, d.partner_id, d.incident_id, due.ack_due_at, d.escalations`,
      [CLAIM_BATCH, CLAIM_LEASE_SECONDS],
    ));
  }
}
