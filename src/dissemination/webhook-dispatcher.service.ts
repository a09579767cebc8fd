import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { request, type Agent } from 'undici';
import { DataSource, type EntityManager } from 'typeorm';
import type { Environment } from '../config/environment.js';
import { SingleFlightPass } from '../common/single-flight-pass.js';
import { DataKeyring } from '../data-encryption/data-keyring.js';
import { preparedQuery } from '../database/prepared-query.js';
import { Metrics } from '../observability/metrics.service.js';
import { webhookSecretContext } from '../partners/partner-webhook-secret.entity.js';
import { DestinationGuard, DestinationRefusedError, guardedAgent } from './destination-guard.js';
import { nextAttemptWithinWindow, parseRetryAfter, retryDelayMs } from './retry-schedule.js';
import { shutdownStep } from '../common/shutdown-step.js';
import { webhookSignature, webhookSigningKey } from './webhook-signature.js';
import { SUPERSEDED_BY_WITHDRAWAL, withdrawnLaterSql } from './withdrawn-versions.js';

const CLAIM_BATCH = 50;
/** Claim-send-record loops per dispatch pass (webhook-dispatcher: dispatchDue). */
const DISPATCH_LANES = 4;
/** Deliveries the lanes hold at most (handed over and waiting, or being sent and recorded): what the claims can fill. */
const LANE_CAPACITY = DISPATCH_LANES * CLAIM_BATCH;
/**
 * SQL of a partner's active signing secrets (`LeasedDelivery.webhook_secrets`), oldest first, for the partner row `p`;
 * the claim and the alert log's leased insert (alert-log.consumer.ts) both return it.
 */
export const ACTIVE_WEBHOOK_SECRETS_SQL = `(SELECT coalesce(json_agg(json_build_object('id', s.id, 'sealed', s.secret_sealed) ORDER BY s.created_at, s.id), '[]')
     FROM partner_webhook_secrets s WHERE s.partner_id = p.id AND s.retired_at IS NULL)`;
/** Opened partner secrets kept in memory (a few per partner); past this many the cache starts afresh. */
const SECRET_CACHE_SIZE = 10_000;

/**
 * A delivery this process holds the lease of, as the claim returns it and as the alert log hands it over
 * (AlertLogConsumer: rows inserted already leased). `event` is the jsonb column read back, so the POSTed bytes are
 * the same whichever way the row arrived.
 */
export interface LeasedDelivery {
  alert_id: string;
  partner_id: string;
  attempts: number;
  event: Record<string, unknown>;
  window_started_at: Date;
  webhook_url: string | null;
  /** The partner's active signing secrets, oldest first (partner_webhook_secrets), as ids and sealed values. */
  webhook_secrets: Array<{ id: string; sealed: string }>;
}

type AttemptOutcome = { statusCode: number | null; error: string | null; retryAfterSeconds: number | null };

/** One POST's result and the delivery state it leads to, waiting to be recorded with its batch. */
interface RecordedAttempt {
  delivery: LeasedDelivery;
  outcome: AttemptOutcome;
  /** 410 Gone: the partner's webhook is disabled. */
  gone: boolean;
  status: 'delivered' | 'dead' | 'pending';
  attemptOutcome: 'delivered' | 'dead' | 'retry';
  attempts: number;
  retryAt: Date | null;
  started: Date;
  latencyMs: number;
}

/**
 * Sends pending webhook deliveries (Standard Webhooks 1.0: `webhook-id` = alert id, stable across retries;
 * `webhook-timestamp`; `webhook-signature`: one v1 HMAC-SHA256 per active partner secret, space-separated; the same
 * bytes as the `standardwebhooks` library's, computed with node:crypto, webhook-signature.ts). Deliveries of suspended or removed partners are not claimed (held). Claims due rows
 * with a lease (FOR UPDATE SKIP LOCKED), so replicas never send the same delivery at once, and sends outside any
 * Kafka callback. New deliveries mostly arrive already leased from this process's alert log (`handOver`), without a
 * claim; the claim picks up the rest (no room, backlog, retries, released holds, leases that ran out). 2xx → delivered; otherwise retried with backoff (at least the partner's Retry-After, e.g. on 429 or
 * 503) until DELIVERY_RETRY_WINDOW_SECONDS after the window started, then dead-lettered (`dead`); 410 Gone disables the
 * partner's webhook at once. Destinations are vetted by DestinationGuard (SSRF) and redirects are never followed (undici `request` on a
 * keep-alive Agent).
 * Every attempt is logged in `delivery_attempts`.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookDispatcher.name);
  private timer?: NodeJS.Timeout;
  private readonly passes = new SingleFlightPass(
    () => this.dispatchDue(),
    (error) => this.logger.warn(`dispatch pass failed: ${String(error)}`),
  );

  private readonly guard: DestinationGuard;
  private readonly agent: Agent;
  /**
   * HMAC keys of partner secrets by secret id, with the sealed value they were opened from (a re-sealed or replaced
   * secret opens again): opening (AES-GCM) and decoding on every POST cost more than the HMAC itself.
   */
  private readonly signingKeys = new Map<string, { sealed: string; key: Buffer }>();
  /** Between bootstrap and shutdown: only then does the alert log hand deliveries over. */
  private running = false;
  /** Deliveries handed over by the alert log, oldest first, with when their lease ends (ms since the epoch, about). */
  private readonly handedOver: Array<{ delivery: LeasedDelivery; leaseEndsAt: number }> = [];
  /** Deliveries taken by a lane and not yet recorded. */
  private held = 0;
  /** `wake` calls so far, and the count at the start of the last claim that came back short (nothing more due). */
  private wakes = 0;
  private claimedThrough = 0;
  /** The last claim came back full: more due rows wait in the table. */
  private backlog = false;
  /** performance.now() at the last claim. */
  private lastClaimAt = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService<Environment, true>,
    private readonly metrics: Metrics,
    private readonly keyring: DataKeyring,
  ) {
    this.guard = new DestinationGuard(config.get('WEBHOOK_ALLOWED_NETWORKS', { infer: true }));
    this.agent = guardedAgent(this.guard);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.wake(), this.config.get('DELIVERY_POLL_INTERVAL_MS', { infer: true }));
    this.running = true;
  }

  async onApplicationShutdown(): Promise<void> {
    await shutdownStep(this.logger, 'webhook dispatcher: stop timer, drain in-flight attempts, close HTTP agent', async () => {
      this.running = false;
      clearInterval(this.timer);
      await this.passes.stop(); // drain in-flight attempts
      await this.agent.close();
    });
  }

  /** Due deliveries may be waiting in the table (new, released or retried ones): the next pass claims. */
  wake(): void {
    this.wakes++;
    this.passes.wake();
  }

  /** Seconds a claim (or a hand-over) leases a delivery for: three POST timeouts (DELIVERY_TIMEOUT_MS). */
  get leaseSeconds(): number {
    return Math.ceil(this.config.get('DELIVERY_TIMEOUT_MS', { infer: true }) / 1000) * 3;
  }

  /**
   * How many of `wanted` new deliveries (0..wanted) the alert log may insert already leased to this process and pass
   * to `handOver`: none before bootstrap or after shutdown began, none while due rows wait in the table (the last
   * claim was full; new ones queue behind them there, oldest first), and at most what keeps the deliveries the lanes
   * hold within LANE_CAPACITY. The alert log inserts one chunk at a time, so two callers never share the slots.
   */
  handoverSlots(wanted: number): number {
    if (!this.running || this.passes.isStopped || this.backlog) return 0;
    return Math.max(0, Math.min(wanted, LANE_CAPACITY - this.held - this.handedOver.length));
  }

  /**
   * Takes deliveries the alert log inserted leased to this process (`lease_until` = now() + leaseSeconds, as a claim
   * sets it) straight into the lanes, without claiming them. Once shutdown has begun they are left to their lease: a
   * claim (of any instance) sends them when it ends, with the same webhook-id.
   */
  handOver(deliveries: LeasedDelivery[]): void {
    if (this.passes.isStopped || deliveries.length === 0) return;
    const leaseEndsAt = Date.now() + this.leaseSeconds * 1000;
    for (const delivery of deliveries) this.handedOver.push({ delivery, leaseEndsAt });
    this.passes.wake();
  }

  /**
   * Sends every handed-over and every due delivery; returns how many attempts were made. DISPATCH_LANES
   * take-send-record loops run side by side (handed-over deliveries first, then claims of CLAIM_BATCH with their own
   * lease, SKIP LOCKED), so one batch's slowest partner does not hold up the next batch, and claiming, sending and
   * recording overlap.
   */
  async dispatchDue(): Promise<number> {
    const lanes = await Promise.all(Array.from({ length: DISPATCH_LANES }, () => this.dispatchLane()));
    return lanes.reduce((sum, attempts) => sum + attempts, 0);
  }

  private async dispatchLane(): Promise<number> {
    let attempts = 0;
    for (;;) {
      const batch = await this.nextBatch();
      try {
        if (batch.length === 0 || this.passes.isStopped) return attempts;
        const outcomes = await Promise.all(batch.map((delivery) => this.attempt(delivery)));
        await this.record(outcomes);
        attempts += batch.length;
      } finally {
        this.held -= batch.length;
      }
    }
  }

  /**
   * A lane's next batch (counted in `held` until recorded): up to CLAIM_BATCH handed-over deliveries, oldest first,
   * then a claim when none were handed over and a claim is wanted (a `wake` since the last claim that came back short,
   * or a backlog), or when the last claim is DELIVERY_POLL_INTERVAL_MS old, so a steady stream of hand-overs never
   * starves retries and other instances' expired leases (the batch is then up to twice CLAIM_BATCH).
   */
  private async nextBatch(): Promise<LeasedDelivery[]> {
    const sendable = Date.now() + this.config.get('DELIVERY_TIMEOUT_MS', { infer: true });
    // A lease that could end before the POST does is left to run out; a claim then sends the delivery.
    const taken = this.handedOver.splice(0, CLAIM_BATCH).flatMap(({ delivery, leaseEndsAt }) => (leaseEndsAt > sendable ? [delivery] : []));
    this.held += taken.length;
    let batch: LeasedDelivery[] = [];
    try {
      batch = await this.stillSendable(taken);
    } finally {
      this.held -= taken.length - batch.length;
    }
    const claimWanted = batch.length === 0
      ? this.wakes > this.claimedThrough || this.backlog
      : performance.now() - this.lastClaimAt >= this.config.get('DELIVERY_POLL_INTERVAL_MS', { infer: true });
    if (!claimWanted) return batch;
    const wakes = this.wakes;
    this.lastClaimAt = performance.now();
    let claimed: LeasedDelivery[];
    try {
      claimed = await this.claim();
    } catch (error) {
      if (batch.length === 0) throw error;
      this.logger.warn(`claim failed, sending the handed-over deliveries: ${String(error)}`);
      return batch;
    }
    this.backlog = claimed.length === CLAIM_BATCH;
    if (!this.backlog) this.claimedThrough = Math.max(this.claimedThrough, wakes);
    this.held += claimed.length;
    return batch.concat(claimed);
  }

  /**
   * The handed-over deliveries of `batch` that may still be sent, read as a lane takes them (one read of their rows by
   * primary key): their partner is active with its webhook enabled, and no withdrawal `Cancel` of a later version of
   * the incident was routed to it since (withdrawn-versions.ts). A partner suspended, removed or answering 410 Gone
   * after its deliveries were handed over gets none of them (a suspension answered 200 holds what was not yet being
   * POSTed, to within this read's few ms): their leases are released, so a suspended partner's rows wait, held, until
   * it resumes, and a removed or gone partner's are no longer pending. A delivery superseded by a withdrawal is marked
   * `cancelled` as the claim marks it: the hand-over of a v1 can reach a lane after its partner's Cancel v2 was routed
   * (and even sent), and must then never go out. Claimed deliveries need no such read: the claim tests the same in its
   * statement.
   */
  private async stillSendable(batch: LeasedDelivery[]): Promise<LeasedDelivery[]> {
    if (batch.length === 0) return batch;
    const rows = await preparedQuery<{ alert_id: string; sendable: boolean; superseded: boolean }>(
      this.dataSource,
      `SELECT d.alert_id, (p.status = 'active' AND p.webhook_disabled_at IS NULL) AS sendable,
              (d.incident_id IS NOT NULL AND ${withdrawnLaterSql('d')}) AS superseded
         FROM deliveries d JOIN partners p ON p.id = d.partner_id
        WHERE d.alert_id = ANY($1::uuid[])`,
      [batch.map((delivery) => delivery.alert_id)],
    );
    const superseded = rows.filter((row) => row.superseded).map((row) => row.alert_id);
    const held = rows.filter((row) => !row.superseded && !row.sendable).map((row) => row.alert_id);
    if (superseded.length > 0) {
      await preparedQuery(
        this.dataSource,
        `UPDATE deliveries SET status = 'cancelled', next_attempt_at = NULL, lease_until = NULL, ack_due_at = NULL, last_error = $2
          WHERE alert_id = ANY($1::uuid[]) AND status = 'pending'`,
        [superseded, SUPERSEDED_BY_WITHDRAWAL],
      );
      this.logger.log(`${superseded.length} handed-over deliveries cancelled: a withdrawal Cancel of a later version went to their partner`);
    }
    if (held.length > 0) {
      await preparedQuery(this.dataSource, `UPDATE deliveries SET lease_until = NULL WHERE alert_id = ANY($1::uuid[]) AND status = 'pending'`, [held]);
      this.logger.log(`${held.length} deliveries held: their partner was suspended, removed or disabled after they were queued`);
    }
    const sendable = new Set(rows.filter((row) => row.sendable && !row.superseded).map((row) => row.alert_id));
    return sendable.size === batch.length ? batch : batch.filter((delivery) => sendable.has(delivery.alert_id));
  }

  /**
   * Claims due deliveries. A due delivery whose partner was since sent a withdrawal `Cancel` for the incident
   * (withdrawn-versions.ts) is not claimed: the same statement marks it `cancelled` (`last_error` says why; checked among
   * the CLAIM_BATCH oldest due rows, so the statement stays bounded), so a retry of v1 still due when the Cancel v2 was
   * routed never goes out after it.
   */
  private claim(): Promise<LeasedDelivery[]> {
    return preparedQuery<LeasedDelivery>(
      this.dataSource,
      `WITH superseded AS (
         UPDATE deliveries s SET status = 'cancelled', next_attempt_at = NULL, lease_until = NULL, ack_due_at = NULL, last_error = $3
          WHERE s.alert_id IN (SELECT alert_id FROM deliveries
                                WHERE status = 'pending' AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
                                ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
            AND s.incident_id IS NOT NULL AND ${withdrawnLaterSql('s')})
       UPDATE deliveries d SET lease_until = now() + make_interval(secs => $2)
         FROM partners p
        WHERE d.alert_id IN (SELECT alert_id FROM deliveries dd
                              WHERE status = 'pending' AND next_attempt_at <= now() AND NOT ${withdrawnLaterSql('dd')}
                                AND partner_id NOT IN (SELECT id FROM partners
                                                        WHERE webhook_disabled_at IS NOT NULL OR status <> 'active')
                                AND (lease_until IS NULL OR lease_until < now())
                              ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
          AND p.id = d.partner_id
        RETURNING d.alert_id, d.partner_id, d.attempts, d.event, d.window_started_at, p.webhook_url, ${ACTIVE_WEBHOOK_SECRETS_SQL} AS webhook_secrets`,
      [CLAIM_BATCH, this.leaseSeconds, SUPERSEDED_BY_WITHDRAWAL],
    );
  }

  /** POSTs one delivery and works out its next state (not yet recorded). */
  private async attempt(delivery: LeasedDelivery): Promise<RecordedAttempt> {
    const started = Date.now();
    const outcome = await this.post(delivery);
    const latencyMs = Date.now() - started;
    const attempts = delivery.attempts + 1;
    const delivered = outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
    const windowEnds = delivery.window_started_at.getTime() + this.config.get('DELIVERY_RETRY_WINDOW_SECONDS', { infer: true }) * 1000;
    const gone = outcome.statusCode === 410;
    const retryAt = nextAttemptWithinWindow(
      Date.now(),
      retryDelayMs(
        attempts,
        this.config.get('DELIVERY_RETRY_BASE_SECONDS', { infer: true }),
        outcome.retryAfterSeconds,
        Math.random,
        this.config.get('DELIVERY_RETRY_MAX_SECONDS', { infer: true }),
      ),
      windowEnds,
    );
    const status = delivered ? 'delivered' : gone || retryAt === null ? 'dead' : 'pending';
    const attemptOutcome = delivered ? 'delivered' : status === 'dead' ? 'dead' : 'retry';
    return { delivery, outcome, gone, status, attemptOutcome, attempts, retryAt: status === 'pending' ? retryAt : null, started: new Date(started), latencyMs };
  }

  /**
   * Records the attempts of one claimed batch: every delivery's new state and its `delivery_attempts` row in ONE
   * statement (a statement is its own transaction); a 410 Gone also disables the partner's webhook, in a transaction
   * of its own. A crash before this leaves the deliveries leased: they are sent again, with the same webhook-id, once
   * the lease ends.
   */
  private async record(results: RecordedAttempt[]): Promise<void> {
    const plain = results.filter((result) => !result.gone);
    if (plain.length > 0) await this.recordAttempts(this.dataSource.manager, plain);
    for (const result of results.filter((candidate) => candidate.gone)) {
      await this.dataSource.transaction(async (manager) => {
        await this.recordAttempts(manager, [result]);
        // Standard Webhooks: 410 Gone means the receiver wants no more deliveries. Stop, keep everything redeliverable.
        await manager.query('UPDATE partners SET webhook_disabled_at = now() WHERE id = $1 AND webhook_disabled_at IS NULL', [result.delivery.partner_id]);
        await manager.query(
          `UPDATE deliveries SET status = 'dead', next_attempt_at = NULL, last_error = 'webhook disabled: endpoint answered 410 Gone'
            WHERE partner_id = $1 AND status = 'pending'`,
          [result.delivery.partner_id],
        );
      });
    }
    for (const { delivery, outcome, status, attemptOutcome, attempts, retryAt, latencyMs } of results) {
      this.metrics.webhookAttempted(outcome.statusCode, attemptOutcome, latencyMs);
      if (attemptOutcome !== 'delivered') {
        this.logger.warn(`alert ${delivery.alert_id} attempt ${attempts} failed (${outcome.statusCode ?? outcome.error}); ${status === 'dead' ? 'dead-lettered' : `retry at ${retryAt?.toISOString()}`}`);
      }
    }
  }

  private async recordAttempts(manager: EntityManager, results: RecordedAttempt[]): Promise<void> {
    await preparedQuery(
      manager,
      `WITH a AS (
         SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::int[], $4::int[], $5::varchar[], $6::timestamptz[], $7::timestamptz[],
                              $8::int[], $9::varchar[])
                    AS a(alert_id, status, attempts, status_code, error, next_attempt_at, attempted_at, latency_ms, outcome)),
       attempt AS (
         INSERT INTO delivery_attempts (alert_id, attempted_at, status_code, latency_ms, outcome, error)
         SELECT alert_id, attempted_at, status_code, latency_ms, outcome, error FROM a)
       UPDATE deliveries d SET status = a.status, attempts = a.attempts, lease_until = NULL, last_status_code = a.status_code,
              last_error = a.error, next_attempt_at = a.next_attempt_at,
              delivered_at = CASE WHEN a.status = 'delivered' THEN now() ELSE d.delivered_at END
         FROM a WHERE d.alert_id = a.alert_id`,
      [
        results.map((result) => result.delivery.alert_id),
        results.map((result) => result.status),
        results.map((result) => result.attempts),
        results.map((result) => result.outcome.statusCode),
        results.map((result) => result.outcome.error),
        results.map((result) => result.retryAt),
        results.map((result) => result.started),
        results.map((result) => result.latencyMs),
        results.map((result) => result.attemptOutcome),
      ],
    );
  }

  /** The HMAC key of partner secret `id` (opened from `sealed` once; see `signingKeys`). Errors: as DataKeyring.open. */
  private signingKey(id: string, sealed: string): Buffer {
    const cached = this.signingKeys.get(id);
    if (cached?.sealed === sealed) return cached.key;
    const key = webhookSigningKey(this.keyring.open(sealed, webhookSecretContext(id)));
    if (this.signingKeys.size >= SECRET_CACHE_SIZE) this.signingKeys.clear();
    this.signingKeys.set(id, { sealed, key });
    return key;
  }

  private async post(delivery: LeasedDelivery): Promise<AttemptOutcome> {
    if (!delivery.webhook_url || delivery.webhook_secrets.length === 0) {
      return { statusCode: null, error: 'partner has no webhook endpoint', retryAfterSeconds: null };
    }
    // Compact JSON (jsonb's own text form has spaces after ':' and ','; partners see the same bytes as before).
    const body = JSON.stringify(delivery.event);
    const timestamp = new Date();
    // One `v1,` signature per active secret, space-separated (Standard Webhooks 1.0 "Signature scheme"), so a receiver
    // holding either the old or the new secret verifies during a rotation.
    let signature: string;
    try {
      signature = delivery.webhook_secrets.map(({ id, sealed }) => webhookSignature(this.signingKey(id, sealed), delivery.alert_id, timestamp, body)).join(' ');
    } catch (error) {
      // A secret that does not open (key id not configured, tampered row): retry later rather than send unsigned.
      return { statusCode: null, error: `webhook secret cannot be decrypted: ${(error as Error).message}`, retryAfterSeconds: null };
    }
    try {
      // Vet the destination now (DNS may have changed since onboarding); the agent's lookup re-checks at connect time.
      await this.guard.resolve(new URL(delivery.webhook_url).hostname);
      // undici's request() on the keep-alive agent, not fetch(): no WHATWG Request/stream objects per POST (fetch
      // cost about a sixth of the app's CPU per webhook, docs/filing-performance.md); it never follows redirects.
      const response = await request(delivery.webhook_url, {
        dispatcher: this.agent,
        method: 'POST',
        signal: AbortSignal.timeout(this.config.get('DELIVERY_TIMEOUT_MS', { infer: true })),
        headers: {
          'content-type': 'application/cloudevents+json; charset=utf-8',
          'user-agent': 'aisw-webhook-dispatcher/0.1',
          'webhook-id': delivery.alert_id,
          'webhook-timestamp': Math.floor(timestamp.getTime() / 1000).toString(),
          'webhook-signature': signature,
        },
        body,
      });
      await response.body.dump().catch(() => undefined);
      const status = response.statusCode;
      const ok = status >= 200 && status < 300;
      const redirected = status >= 300 && status < 400;
      const retryAfter = response.headers['retry-after'];
      return {
        statusCode: status,
        error: ok ? null : redirected ? `HTTP ${status}: redirects are not followed` : `HTTP ${status}`,
        retryAfterSeconds: parseRetryAfter((Array.isArray(retryAfter) ? retryAfter[0] : retryAfter) ?? null),
      };
    } catch (error) {
      return { statusCode: null, error: networkErrorReason(error).slice(0, 500), retryAfterSeconds: null };
    }
  }
}

/**
 * Why a POST failed, e.g. "ECONNREFUSED" or "timeout: ..." (undici puts the code on the error or in its `cause`,
 * sometimes nested in an AggregateError's `errors`).
 */
function networkErrorReason(error: unknown): string {
  if (error instanceof DestinationRefusedError) return `destination refused: ${error.message}`;
  const shape = error as {
    name?: string;
    code?: string;
    message?: string;
    errors?: Array<{ code?: string }>;
    cause?: { code?: string; message?: string; errors?: Array<{ code?: string }> };
  };
  if (shape.cause instanceof DestinationRefusedError) return `destination refused: ${shape.cause.message}`;
  if (shape.name === 'TimeoutError' || shape.name === 'AbortError') return `timeout: ${shape.message ?? ''}`.trim();
  const cause = shape.cause;
  return shape.code ?? shape.errors?.[0]?.code ?? cause?.code ?? cause?.errors?.[0]?.code ?? cause?.message ?? shape.message ?? 'network error';
}
