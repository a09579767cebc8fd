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

/** pino-http's per-request `req` binding goes to this key, whose serializer drops it (see requestLoggerOptions). */
const REQUEST_BINDING = 'aiswUnboundRequest';

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
    genReqId: (request) => {
      // The access line is serialised when the response ends or the client goes away; by then an aborted client's
      // socket is closed and no longer knows its peer. Reading the address now makes Node keep it (net.Socket caches
      // its peer name; one lookup per connection), so `remoteAddress`/`remotePort` are logged as before.
      void request.socket?.remoteAddress;
      return correlationIdOf(request as Request);
    },
    // pino serialises (and redacts) a child logger's bindings when the child is made, and pino-http makes a child
    // bound to `req` for every request, even at LOG_LEVEL=warn where its line is never written. Here that child is
    // bound to a key whose serializer drops it (REQUEST_BINDING), and `req` is a property of the completion line
    // instead, serialised only when the line is written. The line is the same: same keys, same order (base, then
    // correlationId, then req, res, responseTime), same redaction; only `req.params` now holds the route's parameters
    // (it was `{}`, serialised before routing).
    customAttributeKeys: { reqId: 'correlationId', req: REQUEST_BINDING },
    // pino-http's own wrapping of the standard serializers returns them unchanged; it is off so it leaves this key alone.
    wrapSerializers: false,
    serializers: { req: pino.stdSerializers.req, res: pino.stdSerializers.res, err: pino.stdSerializers.err, [REQUEST_BINDING]: () => undefined },
    customSuccessObject: (request, _response, value: object) => ({ req: request, ...value }),
    customErrorObject: (request, _response, _error, value: object) => ({ req: request, ...value }),
    quietReqLogger: true,
    quietResLogger: true,
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
