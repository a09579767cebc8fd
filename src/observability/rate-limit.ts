import pLimit from 'p-limit';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { rateLimit, ipKeyGenerator, type RateLimitRequestHandler } from 'express-rate-limit';
import type { ApiKeysService, Principal } from '../auth/api-keys.service.js';
import { DomainError } from '../common/domain-error.js';
import type { Environment } from '../config/environment.js';
import { metricsTokenDigest, presentsMetricsToken } from './metrics-access.guard.js';

const BEARER = /^Bearer +(\S+)$/i;
/** Probes: a 429 would make an orchestrator think the app is down. */
const EXEMPT = /^\/health(\/|$)/;
/**
 * The scrape endpoint (any letter case, as Express routes it): a scrape that authenticates (METRICS_TOKEN or an admin
 * key) is exempt, so Prometheus never sees a 429; a failed one counts like any unauthenticated request.
 */
const METRICS = /^\/metrics(\/|$)/i;

const clientIp = (request: Request): string => ipKeyGenerator(request.ip ?? 'unknown');

/** The headers express-rate-limit writes with `standardHeaders: 'draft-7'`. */
const RATE_LIMIT_HEADERS = ['ratelimit', 'ratelimit-policy'] as const;
/** Requests left in the bucket of the limiter that ran last (express-rate-limit's `request.rateLimit`). */
const remainingOf = (request: Request): number => (request as Request & { rateLimit?: { remaining?: number } }).rateLimit?.remaining ?? Infinity;

/** Verified principals by request, so a request is counted against its key's bucket (set only by `rateLimiter`). */
const verifiedPrincipals = new WeakMap<Request, Principal>();

/**
 * Most database key lookups in flight at once, in the whole process, for requests from addresses over their limit
 * (or while the shared unauthenticated bucket is full). Bounds what a key-guessing flood can cost PostgreSQL (a few
 * pool connections at most) while a valid key from such an address is still looked up and let in.
 */
export const LIMITED_LOOKUPS_IN_FLIGHT = 4;

/**
 * Most such lookups waiting for one of those places (process-wide). A valid key from a limited address waits in line
 * rather than being refused; only when this many already wait is a request counted as unauthenticated without a
 * lookup, which bounds the memory a flood can hold.
 */
export const LIMITED_LOOKUPS_WAITING = 1000;

/**
 * Express middleware (express-rate-limit), mounted by createApp before routing and therefore before ApiKeyGuard. One
 * fixed window of RATE_LIMIT_WINDOW_SECONDS, three kinds of bucket:
 * - a request whose API key VERIFIES (ApiKeysService.verifyForRequest: the guard reuses the outcome) counts against that
 *   key only (RATE_LIMIT_PER_KEY, bucket = key id), whatever the state of the other buckets: a valid key is
 *   authenticated before any limit for unauthenticated requests applies, and never uses those buckets up;
 * - every other request (no key, malformed, unknown or revoked key: failed authentications, and public endpoints)
 *   counts against its client IP address (RATE_LIMIT_PER_IP; IPv6 per /56) AND against one bucket shared by all such
 *   requests (RATE_LIMIT_UNAUTHENTICATED_GLOBAL), so random well-formed keys buy no fresh bucket and a botnet's many
 *   addresses together still hit a cap.
 * Key lookups: a key verified within API_KEY_CACHE_SECONDS is recognised from memory. Otherwise the key is looked up
 * in PostgreSQL (one indexed read); for an address over its limit, or while the shared bucket is full, at most
 * LIMITED_LOOKUPS_IN_FLIGHT such lookups run at once in the process (p-limit), the others wait in line, so a guessing
 * flood costs the database a bounded amount while a valid key from the same address is still let in (after the
 * lookups queued before it); beyond LIMITED_LOOKUPS_WAITING waiting lookups a request is counted as unauthenticated
 * (429) without a lookup.
 * A limit of 0 turns that bucket off. Over a limit: 429 `RATE_LIMIT.EXCEEDED` problem+json (ProblemDetailsFilter)
 * naming the limit, with `Retry-After` in seconds; `RateLimit-*` headers (IETF draft 7) otherwise, of the binding
 * bucket (fewest requests remaining) for a request counted against two. `/health*` is exempt, and so is a
 * `/metrics` scrape that authenticates (METRICS_TOKEN or an admin key); a failed authentication on `/metrics` counts
 * against the address and the shared bucket like any other (key guessing), a non-admin key against that key. Counters are in memory per app instance: N replicas allow up to N times each limit.
 */
export function rateLimiter(environment: Environment, apiKeys: Pick<ApiKeysService, 'verifyForRequest' | 'cachedPrincipal'>): RequestHandler {
  const windowSeconds = environment.RATE_LIMIT_WINDOW_SECONDS;
  const limiter = (limit: number, what: string, keyGenerator: (request: Request) => string): RateLimitRequestHandler | null =>
    limit === 0
      ? null
      : rateLimit({
          windowMs: windowSeconds * 1000,
          limit,
          keyGenerator,
          standardHeaders: 'draft-7',
          legacyHeaders: false,
          // Retry-After is already set; the error goes through ProblemDetailsFilter like every other.
          handler: (_request, response, next) => {
            const retryAfter = String(response.getHeader('retry-after'));
            next(new DomainError('RATE_LIMIT.EXCEEDED', `Rate limit of ${limit} requests per ${windowSeconds} s ${what} exceeded; retry after ${retryAfter} s`));
          },
        });
  const perKey = limiter(environment.RATE_LIMIT_PER_KEY, 'per API key', (request) => `key:${verifiedPrincipals.get(request)?.keyId}`);
  const perIp = limiter(environment.RATE_LIMIT_PER_IP, 'per client IP address without a valid API key', (request) => `ip:${clientIp(request)}`);
  const global = limiter(environment.RATE_LIMIT_UNAUTHENTICATED_GLOBAL, 'for all requests without a valid API key together', () => 'unauthenticated');

  const run = (handlers: Array<RateLimitRequestHandler | null>, request: Request, response: Response, next: NextFunction): void => {
    const [first, ...rest] = handlers.filter((handler) => handler !== null);
    if (!first) return next();
    void first(request, response, (error?: unknown) => (error ? next(error) : run(rest, request, response, next)));
  };
  /**
   * A request without a valid key against its address's bucket, then the shared one. Each limiter writes its own
   * `RateLimit`/`RateLimit-Policy` headers, the later overwriting the earlier; the headers left are those of the
   * binding bucket (fewer requests remaining; the address's on a tie), so a client sees the limit that refuses it first.
   */
  const runUnauthenticated = (request: Request, response: Response, next: NextFunction): void => {
    run([perIp], request, response, (error?: unknown) => {
      if (error) return next(error);
      const perIpHeaders = RATE_LIMIT_HEADERS.map((name) => [name, response.getHeader(name)] as const);
      const perIpRemaining = remainingOf(request);
      run([global], request, response, (globalError?: unknown) => {
        if (!globalError && perIp !== null && global !== null && perIpRemaining <= remainingOf(request)) {
          for (const [name, value] of perIpHeaders) if (value !== undefined) response.setHeader(name, value);
        }
        next(globalError);
      });
    });
  };
  /** Whether a request without a valid key would be refused now: its address or the shared bucket is full. */
  const unauthenticatedLimited = async (request: Request): Promise<boolean> => {
    const full = async (bucket: RateLimitRequestHandler | null, key: string, limit: number): Promise<boolean> =>
      bucket !== null && ((await bucket.getKey(key))?.totalHits ?? 0) >= limit;
    return (
      (await full(perIp, `ip:${clientIp(request)}`, environment.RATE_LIMIT_PER_IP)) ||
      (await full(global, 'unauthenticated', environment.RATE_LIMIT_UNAUTHENTICATED_GLOBAL))
    );
  };
  const limitedLookup = pLimit(LIMITED_LOOKUPS_IN_FLIGHT);
  /** The key's principal: from memory, else looked up (in line behind LIMITED_LOOKUPS_IN_FLIGHT when limited); null if not valid. */
  const authenticate = async (request: Request, key: string): Promise<Principal | null> => {
    const cached = apiKeys.cachedPrincipal(key);
    if (cached) return cached;
    // A database error counts as "not verified": the guard answers 503 for it in any case.
    const lookUp = (): Promise<Principal | null> => apiKeys.verifyForRequest(request, key).catch(() => null);
    if (!(await unauthenticatedLimited(request))) return lookUp();
    if (limitedLookup.pendingCount >= LIMITED_LOOKUPS_WAITING) return null;
    return limitedLookup(lookUp);
  };

  const metricsToken = metricsTokenDigest(environment.METRICS_TOKEN);
  return (request, response, next) => {
    if (EXEMPT.test(request.path)) return next();
    const presented = BEARER.exec(request.header('authorization') ?? '')?.[1];
    const scrape = METRICS.test(request.path);
    if (scrape && presentsMetricsToken(presented, metricsToken)) return next();
    void (async () => {
      const principal = presented ? await authenticate(request, presented) : null;
      if (principal && scrape && principal.role === 'admin') return next();
      if (principal) {
        verifiedPrincipals.set(request, principal);
        return run([perKey], request, response, next);
      }
      runUnauthenticated(request, response, next);
    })().catch(next);
  };
}
