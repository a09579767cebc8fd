import type { Request, RequestHandler } from 'express';
import { rateLimit, ipKeyGenerator } from 'express-rate-limit';
import { hashApiKey } from '../auth/api-keys.service.js';
import { DomainError } from '../common/domain-error.js';
import type { Environment } from '../config/environment.js';

const API_KEY_BEARER = /^Bearer +(aisw_[A-Za-z0-9_-]{43})$/i;
/** Probes and scrapers: a 429 would make an orchestrator or Prometheus think the app is down. */
const EXEMPT = /^\/(health|metrics)(\/|$)/;

/** The API key a request presents (well-formed only), or null. */
function presentedKey(request: Request): string | null {
  return API_KEY_BEARER.exec(request.header('authorization') ?? '')?.[1] ?? null;
}

/**
 * Express middleware (express-rate-limit), mounted by createApp before routing and therefore before ApiKeyGuard, so
 * guessing keys is throttled too. One fixed window of RATE_LIMIT_WINDOW_SECONDS; a request presenting a well-formed
 * API key counts against that key (RATE_LIMIT_PER_KEY; the bucket is the key's SHA-256, so no database lookup),
 * any other request against its client IP address (RATE_LIMIT_PER_IP; IPv6 per /56). A limit of 0 turns that kind
 * off. Over the limit: 429 `RATE_LIMIT.EXCEEDED` problem+json (ProblemDetailsFilter) with `Retry-After` in seconds;
 * `RateLimit-*` headers (IETF draft 7) otherwise. `/health*` and `/metrics` are exempt. Counters are in memory per
 * app instance: N replicas allow up to N times the limit.
 */
export function rateLimiter(environment: Environment): RequestHandler {
  const limitOf = (request: Request): number =>
    presentedKey(request) ? environment.RATE_LIMIT_PER_KEY : environment.RATE_LIMIT_PER_IP;
  return rateLimit({
    windowMs: environment.RATE_LIMIT_WINDOW_SECONDS * 1000,
    limit: limitOf,
    skip: (request) => EXEMPT.test(request.path) || limitOf(request) === 0,
    keyGenerator: (request) => {
      const key = presentedKey(request);
      return key ? `key:${hashApiKey(key)}` : `ip:${ipKeyGenerator(request.ip ?? 'unknown')}`;
    },
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    // Retry-After is already set; the error goes through ProblemDetailsFilter like every other.
    handler: (request, response, next) => {
      const limit = limitOf(request);
      const retryAfter = String(response.getHeader('retry-after'));
      next(new DomainError('RATE_LIMIT.EXCEEDED', `Rate limit of ${limit} requests per ${environment.RATE_LIMIT_WINDOW_SECONDS} s exceeded; retry after ${retryAfter} s`));
    },
  });
}
