import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request } from 'express';
import { pino, type DestinationStream, type Level } from 'pino';
import { pinoHttp, type HttpLogger, type Options } from 'pino-http';
import { correlationIdOf } from '../common/correlation-id.js';
import type { Environment } from '../config/environment.js';

/** Nest log level (LOG_LEVEL) → pino level. */
const PINO_LEVELS: Record<Environment['LOG_LEVEL'], Level> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/**
 * Secrets never written to logs: credentials in request headers (API keys travel as `Authorization: Bearer`), and
 * secrets or keys wherever a log object carries them (a partner's webhook secret, an issued API key).
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
  'webhookSecret',
  '*.webhookSecret',
  'apiKey',
  '*.apiKey',
  'secret',
  '*.secret',
  'authorization',
  '*.authorization',
];

/**
 * pino-http options for the app's JSON request logs: one line per request (`request completed`, with method, URL,
 * headers minus secrets, status and `responseTime` in ms), and every log line made while serving a request carries
 * its `correlationId` (the X-Correlation-Id of src/common/correlation-id.ts). 5xx and thrown errors log at `error`,
 * everything else at `info`.
 * @param destination where lines go (default: stdout); tests pass a stream
 */
export function requestLoggerOptions(
  environment: Pick<Environment, 'LOG_LEVEL' | 'INSTANCE_ID'>,
  destination?: DestinationStream,
): Options<IncomingMessage, ServerResponse> {
  const logger = pino(
    {
      level: PINO_LEVELS[environment.LOG_LEVEL],
      base: { service: 'aisw', instance: environment.INSTANCE_ID },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
  return {
    logger,
    genReqId: (request) => correlationIdOf(request as Request),
    customAttributeKeys: { reqId: 'correlationId' },
    quietReqLogger: true,
    customLogLevel: (_request, response, error) => (error || response.statusCode >= 500 ? 'error' : 'info'),
  };
}

const loggers = new WeakMap<Environment, HttpLogger>();

/**
 * The app's pino-http middleware, one per validated Environment (so `createApp` mounts the same instance whose pino
 * logger the Nest LoggerModule writes through). Mount it right after the correlation id middleware.
 */
export function requestLogger(environment: Environment): HttpLogger {
  let logger = loggers.get(environment);
  if (!logger) {
    logger = pinoHttp(requestLoggerOptions(environment));
    loggers.set(environment, logger);
  }
  return logger;
}
