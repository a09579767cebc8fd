/**
 * An error the domain raises on purpose, with a stable code (e.g. `INCIDENT.NOT_FOUND`).
 * `ProblemDetailsFilter` maps codes to HTTP statuses in one place (DOMAIN_ERROR_STATUS).
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** HTTP status per domain error code; codes not listed answer 422. */
export const DOMAIN_ERROR_STATUS: Record<string, number> = {
  'INCIDENT.NOT_FOUND': 404,
  'INCIDENT.IDEMPOTENCY_KEY_REUSED': 422,
  'INCIDENT.RETRACTED': 409,
  'INCIDENT.NOT_FILER': 403,
  'INCIDENT.FOREIGN': 409,
  'FEDERATION.NOT_A_PEER': 404,
  'FEDERATION.NOT_FOREIGN': 404,
  'FEDERATION.BAD_SIGNATURE': 401,
  'FEDERATION.INVALID_ALERT': 400,
  'FEDERATION.KEYS_UNAVAILABLE': 503,
  'FEDERATION.CREDENTIALS_UNAVAILABLE': 503,
  'FEDERATION.PEER_UNREACHABLE': 400,
  'PARTNER.NOT_FOUND': 404,
  'PARTNER.SLUG_TAKEN': 409,
  'PARTNER.REMOVED': 409,
  'PARTNER.LIMIT_REACHED': 409,
  'PARTNER.LAST_WEBHOOK_SECRET': 409,
  'PARTNER.SUBSCRIPTION_NOT_FOUND': 404,
  'PARTNER.SUBSCRIPTION_EXISTS': 409,
  'PARTNER.WEBHOOK_SECRET_NOT_FOUND': 404,
  'ALERT.NOT_FOUND': 404,
  'ALERT.WITHDRAWN': 409,
  'ALERT.NO_INCIDENT': 422,
  'ALERT.IDEMPOTENCY_KEY_REUSED': 422,
  'FOLLOW_UP.NOT_FOUND': 404,
  'AUTH.KEY_NOT_FOUND': 404,
  'AUTH.UNAUTHENTICATED': 401,
  'AUTH.FORBIDDEN': 403,
  'IMPORT.TOO_MANY_ROWS': 413,
  'RATE_LIMIT.EXCEEDED': 429,
};
