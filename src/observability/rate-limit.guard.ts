import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail, type ThrottlerModuleOptions } from '@nestjs/throttler';
import type { Request } from 'express';
import { hashApiKey } from '../auth/api-keys.service.js';
import { DomainError } from '../common/domain-error.js';
import type { Environment } from '../config/environment.js';

const API_KEY_BEARER = /^Bearer +(aisw_[A-Za-z0-9_-]{43})$/i;

/** The API key a request presents (well-formed only), or null. */
function presentedKey(request: Request): string | null {
  return API_KEY_BEARER.exec(request.header('authorization') ?? '')?.[1] ?? null;
}

/**
 * @nestjs/throttler options: one fixed window of RATE_LIMIT_WINDOW_SECONDS; a request presenting an API key counts
 * against that key (RATE_LIMIT_PER_KEY), any other request (public endpoints, missing or malformed keys) against
 * its client IP address (RATE_LIMIT_PER_IP). A limit of 0 turns that kind of limit off. Counters live in memory per
 * app instance: with N replicas behind a load balancer a client gets up to N times the limit.
 */
export function rateLimitOptions(environment: Environment): ThrottlerModuleOptions {
  const limitOf = (context: ExecutionContext): number =>
    presentedKey(context.switchToHttp().getRequest<Request>()) ? environment.RATE_LIMIT_PER_KEY : environment.RATE_LIMIT_PER_IP;
  return {
    throttlers: [
      {
        ttl: environment.RATE_LIMIT_WINDOW_SECONDS * 1000,
        limit: limitOf,
        skipIf: (context) => limitOf(context) === 0,
      },
    ],
  };
}

/**
 * Rate limit per API key (per client IP without one), answering 429 `RATE_LIMIT.EXCEEDED` problem+json with
 * `Retry-After` (seconds until the window ends; set by ThrottlerGuard). Installed with `useGlobalGuards` in
 * createApp, so it runs BEFORE ApiKeyGuard: a flood of bad keys is throttled too. Health is exempt (@SkipThrottle).
 * The key's SHA-256 is the bucket, so no database lookup is needed and the key itself is never a map key.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override getTracker(request: Record<string, unknown>): Promise<string> {
    const key = presentedKey(request as unknown as Request);
    return Promise.resolve(key ? `key:${hashApiKey(key)}` : `ip:${(request as unknown as Request).ip ?? 'unknown'}`);
  }

  protected override throwThrottlingException(_context: ExecutionContext, limit: ThrottlerLimitDetail): Promise<void> {
    throw new DomainError('RATE_LIMIT.EXCEEDED', `Rate limit of ${limit.limit} requests per ${limit.ttl / 1000} s exceeded; retry after ${limit.timeToBlockExpire} s`);
  }
}
