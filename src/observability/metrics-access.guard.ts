import { createHash, timingSafeEqual } from 'node:crypto';
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Request } from 'express';
import { ApiKeysService } from '../auth/api-keys.service.js';
import { DomainError } from '../common/domain-error.js';
import type { Environment } from '../config/environment.js';

const sha256 = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/** The digest `presentsMetricsToken` compares with; null when METRICS_TOKEN is unset (no token accepted). */
export const metricsTokenDigest = (token: string | undefined): Buffer | null => (token ? sha256(token) : null);

/**
 * Whether `presented` (the bearer value, if any) is the METRICS_TOKEN of `digest` (metricsTokenDigest). Compares
 * digests: equal length, constant time, whatever the presented length.
 */
export const presentsMetricsToken = (presented: string | undefined, digest: Buffer | null): boolean =>
  presented !== undefined && digest !== null && timingSafeEqual(sha256(presented), digest);

/**
 * Who may scrape `/metrics`: `Authorization: Bearer <METRICS_TOKEN>` (a static scrape token for Prometheus'
 * `authorization.credentials`; unset = not accepted) or an admin API key. Metrics reveal volumes and partner load,
 * so they are not public. Errors: AUTH.UNAUTHENTICATED (401), AUTH.FORBIDDEN (403) for non-admin keys.
 */
@Injectable()
export class MetricsAccessGuard implements CanActivate {
  private readonly token: Buffer | null;

  constructor(
    private readonly apiKeys: ApiKeysService,
    config: ConfigService<Environment, true>,
  ) {
    this.token = metricsTokenDigest(config.get('METRICS_TOKEN', { infer: true }));
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const presented = /^Bearer +(\S+)$/i.exec(request.header('authorization') ?? '')?.[1];
    if (presentsMetricsToken(presented, this.token)) return true;
    const principal = presented ? await this.apiKeys.verify(presented) : null;
    if (!principal) throw new DomainError('AUTH.UNAUTHENTICATED', 'A metrics token or an admin API key is required: Authorization: Bearer <token>');
    if (principal.role !== 'admin') throw new DomainError('AUTH.FORBIDDEN', `Role ${principal.role} may not call this endpoint`);
    return true;
  }
}
