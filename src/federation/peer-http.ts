import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { JSONWebKeySet } from 'jose';
import { fetch, type Agent } from 'undici';
import { SingleWindowClient } from '@app/partner-sdk';
import type { Environment } from '../config/environment.js';
import { DestinationGuard, DestinationRefusedError, guardedAgent } from '../dissemination/destination-guard.js';
import { parsePeerJwks } from './peer-jwks.js';

/** Largest JWK set body read from a peer (20 Ed25519 keys take about 3 KB). */
const MAX_JWKS_BYTES = 64 * 1024;

/** Why a peer could not be reached or answered something unusable; `field` names the request member it came from. */
export class PeerUnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PeerUnreachableError';
  }
}

/**
 * Outgoing HTTP to peer single windows (undici): fetching a JWK set and acknowledging alerts through the partner SDK's
 * `SingleWindowClient`. Every connection goes through the webhooks' SSRF guard (DestinationGuard with
 * WEBHOOK_ALLOWED_NETWORKS: public unicast addresses only unless allow-listed, vetted at connect time) and redirects
 * are never followed.
 */
@Injectable()
export class PeerHttp implements OnApplicationShutdown {
  private readonly guard: DestinationGuard;
  private readonly agent: Agent;
  private readonly timeoutMs: number;

  constructor(config: ConfigService<Environment, true>) {
    this.guard = new DestinationGuard(config.get('WEBHOOK_ALLOWED_NETWORKS', { infer: true }));
    this.agent = guardedAgent(this.guard);
    this.timeoutMs = config.get('DELIVERY_TIMEOUT_MS', { infer: true });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.agent.close();
  }

  /**
   * Refuses the URL like a webhook URL at registration (DestinationGuard.refusalOf: not a WHATWG URL, e.g. an IPv6
   * zone id, or a literal refused address), then resolves its host now. Errors: PeerUnreachableError with a message
   * that names no internals (the caller names the request field).
   */
  async vet(url: string): Promise<void> {
    const refusal = this.guard.refusalOf(url);
    if (refusal) throw new PeerUnreachableError(refusal);
    try {
      await this.guard.resolve(new URL(url).hostname);
    } catch (error) {
      throw new PeerUnreachableError(error instanceof DestinationRefusedError ? error.message : String(error));
    }
  }

  /**
   * GETs a JWK set and checks it with parsePeerJwks. Errors: PeerUnreachableError (refused destination, network error,
   * timeout of DELIVERY_TIMEOUT_MS, a status other than 200, more than 64 KiB, not JSON, not an Ed25519 JWK set).
   */
  async fetchJwks(url: string): Promise<JSONWebKeySet> {
    await this.vet(url);
    let text: string;
    try {
      const response = await fetch(url, {
        dispatcher: this.agent,
        redirect: 'manual',
        headers: { accept: 'application/jwk-set+json, application/json' },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      if (response.status !== 200) {
        await response.arrayBuffer().catch(() => undefined);
        throw new PeerUnreachableError(`GET ${url} answered HTTP ${response.status}`);
      }
      const body = await response.arrayBuffer();
      if (body.byteLength > MAX_JWKS_BYTES) throw new PeerUnreachableError(`GET ${url}: the JWK set is larger than ${MAX_JWKS_BYTES} bytes`);
      text = new TextDecoder().decode(body);
    } catch (error) {
      if (error instanceof PeerUnreachableError) throw error;
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new PeerUnreachableError(`GET ${url} failed: ${cause?.code ?? cause?.message ?? String(error)}`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new PeerUnreachableError(`GET ${url} did not answer JSON`);
    }
    const result = parsePeerJwks(parsed);
    if ('errors' in result) throw new PeerUnreachableError(`GET ${url}: ${result.errors.join('; ')}`);
    return result.jwks;
  }

  /** A client for the peer's partner API (acknowledgements) with the API key it issued to this window; no retries of its own. */
  client(baseUrl: string, apiKey: string): SingleWindowClient {
    return new SingleWindowClient({
      appUrl: baseUrl,
      apiKey,
      // PeerMessageSender retries with its own schedule, so a message is never stuck in one call.
      retryDelaysMs: [],
      attemptTimeoutMs: this.timeoutMs,
      fetch: (async (input: string | URL, init?: RequestInit) => {
        await this.vet(String(input));
        return fetch(String(input), { ...(init as object), dispatcher: this.agent, redirect: 'manual' });
      }) as unknown as typeof globalThis.fetch,
    });
  }
}
