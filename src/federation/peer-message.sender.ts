import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SingleWindowApiError } from '@app/partner-sdk';
import { SingleFlightPass } from '../common/single-flight-pass.js';
import type { Environment } from '../config/environment.js';
import { DataKeyring } from '../data-encryption/data-keyring.js';
import { rowsOf } from '../database/rows-of.js';
import { nextAttemptWithinWindow, retryDelayMs } from '../dissemination/retry-schedule.js';
import { PeerHttp } from './peer-http.js';
import type { PeerMessageEntity } from './peer-message.entity.js';
import { peerApiKeyContext } from './peer.entity.js';
import { shutdownStep } from '../common/shutdown-step.js';

const CLAIM_BATCH = 20;

interface ClaimedMessage {
  id: string;
  peer_id: string;
  alert_id: string;
  kind: PeerMessageEntity['kind'];
  body: PeerMessageEntity['body'];
  attempts: number;
  created_at: Date;
  base_url: string | null;
  peer_api_key_sealed: string | null;
}

/**
 * Sends what this window owes peers (peer_messages: automatic acknowledgements and follow-ups) to the originator's
 * `POST /alerts/{id}/ack` with the API key that peer issued (stored sealed, opened per attempt; partner SDK SingleWindowClient, through PeerHttp's
 * SSRF guard). Claims due rows with a lease (FOR UPDATE SKIP LOCKED), so replicas never send one twice at once.
 * A 2xx marks the row `sent` at that time; a 4xx other than 408/429 marks it `failed` with the peer's answer; anything else (and a
 * peer whose API key is not set yet or cannot be decrypted, logged as an error) is retried with the webhook backoff (DELIVERY_RETRY_BASE_SECONDS up to DELIVERY_RETRY_MAX_SECONDS, full jitter)
 * until DELIVERY_RETRY_WINDOW_SECONDS after the row was written, then `failed`. Acknowledging is idempotent at the
 * originator, so a repeat after a lost answer changes nothing there.
 */
@Injectable()
export class PeerMessageSender implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PeerMessageSender.name);
  private timer?: NodeJS.Timeout;
  private readonly passes = new SingleFlightPass(
    () => this.sendDue(),
    (error) => this.logger.warn(`peer message pass failed: ${String(error)}`),
  );

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly http: PeerHttp,
    private readonly config: ConfigService<Environment, true>,
    private readonly keyring: DataKeyring,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.wake(), this.config.get('DELIVERY_POLL_INTERVAL_MS', { infer: true }));
  }

  async onApplicationShutdown(): Promise<void> {
    await shutdownStep(this.logger, 'peer message sender: stop timer, drain the sending pass', async () => {
      clearInterval(this.timer);
      await this.passes.stop();
    });
  }

  wake(): void {
    this.passes.wake();
  }

  /** Sends every due message; returns how many attempts were made. */
  async sendDue(): Promise<number> {
    let attempts = 0;
    for (;;) {
      const claimed = await this.claim();
      if (claimed.length === 0 || this.passes.isStopped) return attempts;
      await Promise.all(claimed.map((message) => this.attempt(message)));
      attempts += claimed.length;
    }
  }

  private async claim(): Promise<ClaimedMessage[]> {
    const leaseSeconds = Math.ceil(this.config.get('DELIVERY_TIMEOUT_MS', { infer: true }) / 1000) * 3;
    return rowsOf<ClaimedMessage>(
      await this.dataSource.query(
        `UPDATE peer_messages m SET lease_until = now() + make_interval(secs => $2)
          WHERE m.id IN (SELECT id FROM peer_messages
                          WHERE status = 'pending' AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
                          ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
          RETURNING m.id, m.peer_id, m.alert_id, m.kind, m.body, m.attempts, m.created_at,
                    (SELECT base_url FROM peers WHERE partner_id = m.peer_id) AS base_url,
                    (SELECT peer_api_key_sealed FROM peers WHERE partner_id = m.peer_id) AS peer_api_key_sealed`,
        [CLAIM_BATCH, leaseSeconds],
      ),
    );
  }

  private async attempt(message: ClaimedMessage): Promise<void> {
    const attempts = message.attempts + 1;
    let error: string;
    let final = false;
    const apiKey = message.base_url && message.peer_api_key_sealed ? this.openApiKey(message.peer_id, message.peer_api_key_sealed) : null;
    if (!message.base_url || apiKey === null) {
      error = 'the peer has not issued this window an API key yet (PUT /peers/{id}/credentials)';
    } else if ('error' in apiKey) {
      error = apiKey.error;
    } else {
      try {
        await this.http.client(message.base_url, apiKey.key).acknowledge(message.alert_id, message.body);
        // sent_at: when the originator accepted it, on this database's clock (as created_at). Not the answer's
        // acknowledgedAt: that is the alert's first acknowledgement there, earlier than any later follow-up.
        await this.dataSource.query(
          `UPDATE peer_messages SET status = 'sent', attempts = $2, sent_at = now(), lease_until = NULL, last_error = NULL, next_attempt_at = NULL WHERE id = $1`,
          [message.id, attempts],
        );
        return;
      } catch (failure) {
        error = (failure instanceof Error ? failure.message : String(failure)).slice(0, 500);
        final = failure instanceof SingleWindowApiError && failure.code === 'rejected' && failure.status !== 408 && failure.status !== 429;
      }
    }
    const windowEnds = message.created_at.getTime() + this.config.get('DELIVERY_RETRY_WINDOW_SECONDS', { infer: true }) * 1000;
    const delayMs = retryDelayMs(
      attempts,
      this.config.get('DELIVERY_RETRY_BASE_SECONDS', { infer: true }),
      null,
      Math.random,
      this.config.get('DELIVERY_RETRY_MAX_SECONDS', { infer: true }),
    );
    const retryAt = final ? null : nextAttemptWithinWindow(Date.now(), delayMs, windowEnds);
    await this.dataSource.query(
      `UPDATE peer_messages SET status = $2, attempts = $3, last_error = $4, next_attempt_at = $5, lease_until = NULL WHERE id = $1`,
      [message.id, retryAt ? 'pending' : 'failed', attempts, error, retryAt],
    );
    this.logger.warn(`${message.kind} of alert ${message.alert_id} to peer ${message.peer_id} failed (attempt ${attempts}): ${error}`);
  }

  /** Opens the sealed API key the message's peer issued; a key that does not open is logged as an error (retried, never sent without). */
  private openApiKey(peerId: string, sealed: string): { key: string } | { error: string } {
    try {
      return { key: this.keyring.open(sealed, peerApiKeyContext(peerId)) };
    } catch (failure) {
      const error = `the API key issued by the peer cannot be decrypted: ${(failure as Error).message}`;
      this.logger.error(`peer ${peerId}: ${error}`);
      return { error };
    }
  }
}
