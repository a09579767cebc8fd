import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AlertVerificationError, verifyAlertSignature, verifyWebhook, type AlertEvent, type WebhookHeaders } from '@app/partner-sdk';
import { DomainError } from '../common/domain-error.js';
import type { Environment } from '../config/environment.js';
import { DataKeyring } from '../data-encryption/data-keyring.js';
import { PeerHttp } from './peer-http.js';
import { PeerEntity, peerWebhookSecretContext } from './peer.entity.js';

/** `source` of an alert: `/aisw/<ISO 3166-1 alpha-2>` (docs/partner-integration.md §2). */
const SOURCE = /^\/aisw\/([A-Z]{2})$/;
/** Standard Webhooks 1.0: a `webhook-timestamp` further than this from now (seconds, either way) is refused. */
export const WEBHOOK_TOLERANCE_SECONDS = 5 * 60;
/**
 * The one answer to a delivery no registered peer's webhook secret verifies, whether no peer of its `source` is
 * registered or one is and the HMAC does not match: the same words either way, so the endpoint does not tell an
 * unauthenticated caller which jurisdictions are peers here (which case it was goes to the server log only).
 */
export const UNVERIFIED_DELIVERY = 'The webhook signature does not verify with a secret a peer single window registered here issued';

/** A verified alert and the peer that sent it. */
export interface VerifiedPeerAlert {
  peer: PeerEntity;
  event: AlertEvent;
  kid: string;
  /** The sending peer's jurisdiction (ISO 3166-1 alpha-2, from `source`; the HMAC proved a peer of it sent this). */
  jurisdiction: string;
}

/**
 * Decides whether a delivery to `POST /federation/alerts` comes from a registered peer, in the order a partner
 * receiver checks (docs/partner-integration.md, partner SDK): the Standard Webhooks HMAC with the secrets that peer
 * issued to this window (its jurisdiction taken from the CloudEvents `source`; every peer of that jurisdiction that is
 * not removed is tried), the alert event schema, then the alert's Ed25519 JWS against that peer's JWK set. A `kid` the
 * stored set lacks makes it fetch the peer's JWK set URL again (at most every PEER_JWKS_REFRESH_SECONDS), so a key
 * rotation at the peer is picked up.
 * Errors (DomainError): FEDERATION.INVALID_ALERT (400: not JSON, schema violations in `details`),
 * FEDERATION.BAD_SIGNATURE (401, `reason`: `stale-timestamp` when `webhook-timestamp` is more than 5 minutes from now,
 * checked before any peer is looked up; `bad-webhook-signature` with the same detail, UNVERIFIED_DELIVERY, both when no
 * peer of that jurisdiction has credentials and when none of their secrets matches the HMAC — the log says which;
 * `bad-alert-signature` / `unknown-key` for the JWS, once the HMAC proved the peer),
 * FEDERATION.KEYS_UNAVAILABLE (503: the JWK set could not be fetched), FEDERATION.CREDENTIALS_UNAVAILABLE (503: no
 * stored secret verified the delivery and a secret of a candidate peer cannot be decrypted — key id not configured in
 * AISW_DATA_ENCRYPTION_KEYS, tampered row; logged as an error, the delivery is never accepted unverified and the
 * sender retries).
 */
@Injectable()
export class PeerAlertVerifier {
  private readonly logger = new Logger(PeerAlertVerifier.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly http: PeerHttp,
    private readonly config: ConfigService<Environment, true>,
    private readonly keyring: DataKeyring,
  ) {}

  async verify(rawBody: Buffer, headers: WebhookHeaders): Promise<VerifiedPeerAlert> {
    const jurisdiction = this.sourceJurisdiction(rawBody);
    this.checkTimestamp(headers);
    const candidates = await this.dataSource.query<Array<{ partner_id: string }>>(
      `SELECT f.partner_id FROM peers f JOIN partners p ON p.id = f.partner_id
        WHERE p.country = $1 AND p.status <> 'removed' AND cardinality(f.inbound_webhook_secrets_sealed) > 0 ORDER BY f.created_at`,
      [jurisdiction],
    );
    if (candidates.length === 0) {
      this.logger.warn(`refused a delivery from ${jurisdiction}: no peer of that jurisdiction is registered here with credentials`);
      throw this.unverified();
    }
    let lastError: unknown;
    let undecryptable = false;
    for (const { partner_id: partnerId } of candidates) {
      const peer = await this.dataSource.manager.findOneByOrFail(PeerEntity, { partnerId });
      const secrets = this.openSecrets(peer);
      undecryptable ||= secrets.length < peer.inboundWebhookSecretsSealed.length;
      if (secrets.length === 0) continue;
      let event: AlertEvent;
      try {
        event = verifyWebhook(rawBody, headers, secrets);
      } catch (error) {
        lastError = error;
        if (error instanceof AlertVerificationError && error.reason === 'bad-webhook-signature') continue; // maybe another peer's
        throw this.refusal(error);
      }
      const kid = await this.verifySignature(peer, event);
      return { peer, event, kid, jurisdiction };
    }
    if (undecryptable) {
      // The delivery may be signed with a secret we cannot open: refuse (never accept it unverified), ask for a retry.
      throw new DomainError('FEDERATION.CREDENTIALS_UNAVAILABLE', 'The webhook secrets issued by a peer of this jurisdiction cannot be decrypted here; retry later');
    }
    if (lastError instanceof AlertVerificationError && lastError.reason === 'bad-webhook-signature') {
      this.logger.warn(`refused a delivery from ${jurisdiction}: no webhook secret of its ${candidates.length} registered peer(s) matches the signature`);
      throw this.unverified();
    }
    throw this.refusal(lastError);
  }

  /** 401 for a delivery no registered peer's secret verifies; the same answer whether or not a peer of `source` exists. */
  private unverified(): DomainError {
    return new DomainError('FEDERATION.BAD_SIGNATURE', UNVERIFIED_DELIVERY, { reason: 'bad-webhook-signature' });
  }

  /**
   * Refuses a `webhook-timestamp` more than WEBHOOK_TOLERANCE_SECONDS from now before any peer is looked up, so a stale
   * delivery is answered alike whoever it claims to come from (the controller has already refused one that is not
   * digits, with 400 naming the header).
   */
  private checkTimestamp(headers: WebhookHeaders): void {
    const raw = typeof (headers as { get?: unknown }).get === 'function'
      ? (headers as Headers).get('webhook-timestamp')
      : (headers as Record<string, unknown>)['webhook-timestamp'];
    const seconds = Number(raw);
    if (Math.abs(Date.now() / 1000 - seconds) > WEBHOOK_TOLERANCE_SECONDS || !Number.isFinite(seconds)) {
      throw new DomainError('FEDERATION.BAD_SIGNATURE', `stale-timestamp: webhook-timestamp is more than ${WEBHOOK_TOLERANCE_SECONDS} seconds from this server's clock`, {
        reason: 'stale-timestamp',
      });
    }
  }

  /** The peer's inbound webhook secrets that open; each one that does not is logged as an error and left out. */
  private openSecrets(peer: PeerEntity): string[] {
    const secrets: string[] = [];
    peer.inboundWebhookSecretsSealed.forEach((sealed, n) => {
      try {
        secrets.push(this.keyring.open(sealed, peerWebhookSecretContext(peer.partnerId, n)));
      } catch (error) {
        this.logger.error(`inbound webhook secret ${n} of peer ${peer.partnerId} cannot be decrypted: ${(error as Error).message}`);
      }
    });
    return secrets;
  }

  private sourceJurisdiction(rawBody: Buffer): string {
    let source: unknown;
    try {
      source = (JSON.parse(rawBody.toString('utf8')) as { source?: unknown } | null)?.source;
    } catch {
      throw new DomainError('FEDERATION.INVALID_ALERT', 'The body is not a JSON CloudEvent', { errors: [{ field: 'body', messages: ['is not JSON'] }] });
    }
    const match = typeof source === 'string' ? SOURCE.exec(source) : null;
    if (!match) {
      throw new DomainError('FEDERATION.INVALID_ALERT', 'The alert names no sending single window', {
        errors: [{ field: 'source', messages: ['must be /aisw/<ISO 3166-1 alpha-2 code>'] }],
      });
    }
    return match[1];
  }

  /** Verifies the JWS; on an unknown `kid`, refreshes the peer's JWK set from its URL once and tries again. */
  private async verifySignature(peer: PeerEntity, event: AlertEvent): Promise<string> {
    try {
      return (await verifyAlertSignature(event, peer.jwks)).kid;
    } catch (error) {
      const refreshAfter = (peer.jwksFetchedAt?.getTime() ?? 0) + this.config.get('PEER_JWKS_REFRESH_SECONDS', { infer: true }) * 1000;
      if (!(error instanceof AlertVerificationError) || error.reason !== 'unknown-key' || !peer.jwksUrl || Date.now() < refreshAfter) {
        throw this.refusal(error);
      }
    }
    let jwks: PeerEntity['jwks'];
    try {
      jwks = await this.http.fetchJwks(peer.jwksUrl);
    } catch (error) {
      throw new DomainError('FEDERATION.KEYS_UNAVAILABLE', `The peer's JWK set could not be fetched: ${String((error as Error).message)}`);
    }
    await this.dataSource.manager.update(PeerEntity, { partnerId: peer.partnerId }, { jwks, jwksFetchedAt: new Date() });
    this.logger.log(`refreshed the JWK set of peer ${peer.partnerId} from ${peer.jwksUrl} (${jwks.keys.length} keys)`);
    try {
      return (await verifyAlertSignature(event, jwks)).kid;
    } catch (error) {
      throw this.refusal(error);
    }
  }

  /** Maps a partner-SDK verification failure to the problem this endpoint answers. */
  private refusal(error: unknown): DomainError {
    if (!(error instanceof AlertVerificationError)) return new DomainError('FEDERATION.BAD_SIGNATURE', 'The delivery could not be verified');
    if (error.reason === 'invalid-envelope') {
      return new DomainError('FEDERATION.INVALID_ALERT', error.message, {
        errors: error.details.map((problem) => ({ field: problem.path || 'body', messages: [problem.message] })),
      });
    }
    if (error.reason === 'keys-unavailable') return new DomainError('FEDERATION.KEYS_UNAVAILABLE', error.message);
    return new DomainError('FEDERATION.BAD_SIGNATURE', `${error.reason}: ${error.message}`, { reason: error.reason });
  }
}
