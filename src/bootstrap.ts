import { Logger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { ApiKeysService } from './auth/api-keys.service.js';
import { answerClientError } from './common/client-error.js';
import { correlationIdMiddleware } from './common/correlation-id.js';
import { checkJsonShape, PEER_ALERT_MEDIA_TYPES, PEER_ALERTS_PATH, requireJsonMediaType, verifyJsonBody, verifyUtf8 } from './common/request-body.js';
import { refuseNonUtf8Query } from './common/query-string.js';
import { UndeclaredQueryInterceptor } from './common/undeclared-query.interceptor.js';
import { createValidationPipe } from './common/validation.js';
import { withProblemResponses } from './common/openapi-problems.js';
import { validateEnvironment } from './config/environment.js';
import { ensureDatabase } from './database/ensure-database.js';
import { DestinationGuard } from './dissemination/destination-guard.js';
import { rateLimiter } from './observability/rate-limit.js';
import { answerTaxiiMiddlewareError } from './taxii/taxii-error.filter.js';
import { TAXII_BASE_PATH } from './taxii/taxii-endpoint.decorator.js';
import { requestLogger } from './observability/request-logging.js';

/**
 * Creates the database if missing, then builds the Nest application (migrations run on start) with JSON logs
 * (pino, LOG_LEVEL), problem+json for requests Node's HTTP parser refuses (src/common/client-error.ts), the rate limit,
 * the validation pipe, 256 KiB JSON body limit (512 KiB raw for peer alerts at /federation/alerts, docs/federation.md) and
 * OpenAPI document at /docs. Does not listen and does not handle signals (`startApp` does; `app.close()` runs the
 * shutdown hooks).
 * Errors: throws with a readable message on invalid configuration or unreachable PostgreSQL.
 */
export async function createApp(overrides: Record<string, string> = {}): Promise<INestApplication> {
  const config = validateEnvironment({ ...process.env, ...overrides });
  await ensureDatabase(config.DATABASE_URL);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(app.get(PinoNestLogger));
  // Requests Node's parser refuses (request line and headers over 16 KiB: 431) get problem+json, not an empty body.
  app.getHttpServer().on('clientError', answerClientError);
  // Order matters: correlation id first (so even body errors carry it), request log, rate limit (before routing and
  // before ApiKeyGuard; it verifies the key itself so only valid keys get per-key buckets), query string encoding,
  // media type, parser, shape check.
  // No answer is stored by browsers or shared caches unless its route says otherwise (`@Header('Cache-Control', …)` on
  // the public keys, schemas, taxonomy and public feed replaces this for their 200s; static files set their own; errors
  // are always no-store, ProblemDetailsFilter): incident content, keys and errors must not stay in a proxy or on a
  // shared workstation's disk (RFC 9111 §5.2.2.5). First, so the rate limit's 429 carries it too.
  app.use(noStore);
  app.use(correlationIdMiddleware, requestLogger(config), rateLimiter(config, app.get(ApiKeysService)), refuseNonUtf8Query);
  // TAXII clients parse TAXII error messages: what the middleware above refuses under /taxii2 is answered in that format.
  app.use(`/${TAXII_BASE_PATH}`, answerTaxiiMiddlewareError);
  // Peer alerts are verified over their exact bytes (Standard Webhooks HMAC): kept raw, before any JSON parser.
  app.use(PEER_ALERTS_PATH, express.raw({ limit: '512kb', type: PEER_ALERT_MEDIA_TYPES, verify: verifyUtf8 }));
  app.use(requireJsonMediaType);
  // express.json directly: Nest's useBodyParser reserves the `verify` hook for its raw-body option. Not strict, so
  // `3` or `"x"` parse and checkJsonShape says the body must be an object, instead of "not valid JSON".
  app.use(express.json({ limit: '256kb', strict: false, type: ['application/json', 'application/problem+json'], verify: verifyJsonBody }));
  app.use(checkJsonShape);
  // Webhook URLs (@CheckedByApp('destination')) are refused with the DTO's other bad fields, as at delivery.
  const destinations = new DestinationGuard(config.WEBHOOK_ALLOWED_NETWORKS);
  app.useGlobalPipes(createValidationPipe({ destination: (url) => destinations.refusalOf(url) }));
  // After the audit interceptor (APP_INTERCEPTOR), so a refused query is audited like any other 400.
  app.useGlobalInterceptors(new UndeclaredQueryInterceptor());
  app.disable('x-powered-by');
  const document = withProblemResponses(SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('AI Risk Single Window')
      .setDescription('File, classify and disseminate AI risk incidents to partner single windows.')
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'API key (aisw_...)', description: 'API key (aisw_...)' })
      .build(),
  ));
  // Swagger UI's page links its assets relative to the page URL and @nestjs/swagger serves a variant per exact URL:
  // `/docs/?x`, `/docs/index.html` and `/docs//` got asset links that 404. One canonical page: redirect them to /docs.
  app.use(canonicalDocsUrl);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}

/** Express middleware: `Cache-Control: no-store` on every answer, unless a later step sets another value. */
function noStore(_request: Request, response: Response, next: NextFunction): void {
  response.setHeader('Cache-Control', 'no-store');
  next();
}

/** Express middleware: 301 from `/docs/`, `/docs//…`, `/docs/index.html` (any query kept) to `/docs`. */
function canonicalDocsUrl(request: Request, response: Response, next: NextFunction): void {
  if ((request.method === 'GET' || request.method === 'HEAD') && /^\/docs(\/+|\/+index\.html)$/.test(request.path)) {
    const query = request.originalUrl.indexOf('?');
    response.redirect(301, `/docs${query >= 0 ? request.originalUrl.slice(query) : ''}`);
    return;
  }
  next();
}

/**
 * Starts the HTTP server on HOST:PORT, logs where it listens, and shuts down gracefully on SIGTERM or SIGINT
 * (`shutDownOnSignals`).
 */
export async function startApp(): Promise<INestApplication> {
  const app = await createApp();
  const config = validateEnvironment({ ...process.env });
  await app.listen(config.PORT, config.HOST);
  shutDownOnSignals(app);
  new Logger('Bootstrap').log(`AI Risk Single Window listening on http://${config.HOST}:${config.PORT} (docs at /docs)`);
  return app;
}

const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * Graceful shutdown: on the first SIGTERM or SIGINT logs `shutdown started` (`signal`), closes the app (Nest hooks:
 * the HTTP server stops accepting and finishes its requests, background passes drain their in-flight work, Kafka
 * clients disconnect, the PostgreSQL pool closes; each step logs `shutdown step done` with `shutdownStep` and
 * `durationMs`, src/common/shutdown-step.ts), logs `shutdown complete` (`durationMs`), then re-raises the signal so
 * the process ends by it. A repeated signal during shutdown is logged and ignored; a failed close logs
 * `shutdown failed` and exits with code 1.
 */
function shutDownOnSignals(app: INestApplication): void {
  const logger = new Logger('Shutdown');
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      logger.warn({ msg: 'shutdown already in progress; signal ignored', signal });
      return;
    }
    stopping = true;
    const started = performance.now();
    logger.log({ msg: 'shutdown started', signal });
    app.close().then(
      () => {
        logger.log({ msg: 'shutdown complete', signal, durationMs: Math.round(performance.now() - started) });
        for (const name of SHUTDOWN_SIGNALS) process.off(name, onSignal);
        process.kill(process.pid, signal);
      },
      (error: unknown) => {
        logger.error({ msg: 'shutdown failed', signal, durationMs: Math.round(performance.now() - started), err: error });
        process.exit(1);
      },
    );
  };
  for (const name of SHUTDOWN_SIGNALS) process.on(name, onSignal);
}
