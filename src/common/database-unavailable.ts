/**
 * Seconds a client should wait before retrying while PostgreSQL is unreachable (the `Retry-After` of the 503).
 * A restart of a managed PostgreSQL usually takes a few seconds to a minute.
 */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Socket errors (Node `errno` codes) that mean the database server cannot be reached. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);

/**
 * SQLSTATEs that mean "the server is there but not serving": class 08 connection exceptions, 57P01 admin_shutdown,
 * 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up), 53300 too_many_connections
 * (PostgreSQL 15 manual, Appendix A "PostgreSQL Error Codes").
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);

/** Messages node-postgres (pg, pg-pool) uses for a connection lost or not obtainable; it sets no code on them. */
const PG_CONNECTION_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
];

/**
 * TypeORM errors raised when a transaction's connection was released under it because PostgreSQL dropped the
 * connection mid-transaction (the transaction is rolled back by the server).
 */
const RELEASED_RUNNER_ERRORS = new Set(['QueryRunnerAlreadyReleasedError', 'QueryRunnerProviderAlreadyReleasedError']);

/**
 * Whether `error` (as thrown by TypeORM or node-postgres, possibly wrapped in `driverError` or `cause`) means
 * PostgreSQL is unreachable or not accepting work, as opposed to a bug or bad data. Such errors answer 503 with
 * Retry-After instead of 500: the request may be retried and nothing was written (each command runs in one
 * transaction).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const candidate = current as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
    const code = typeof candidate.code === 'string' ? candidate.code : '';
    if (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
    if (current instanceof Error && RELEASED_RUNNER_ERRORS.has(current.name)) return true;
    const message = typeof candidate.message === 'string' ? candidate.message : '';
    if (PG_CONNECTION_MESSAGES.some((known) => message.includes(known))) return true;
    current = candidate.driverError ?? candidate.cause;
  }
  return false;
}
