import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { correlationIdOf } from '../common/correlation-id.js';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '../common/database-unavailable.js';
import { DOMAIN_ERROR_STATUS, DomainError } from '../common/domain-error.js';
import { RequestValidationError } from '../common/problem-details.js';
import { badParameter, TAXII_MEDIA_TYPE, TaxiiError } from './taxii-error.js';

const TITLES: Record<number, string> = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not found', 429: 'Too many requests', 503: 'Service unavailable' };

/**
 * Answers every error of the TAXII endpoints as a TAXII 2.1 error message (§3.6.1) with `Content-Type:
 * application/taxii+json;version=2.1`, instead of the app's problem+json: TAXII clients parse this shape.
 * Authentication failures keep their statuses (401 with `WWW-Authenticate`, 403); internals never leak.
 */
@Catch()
export class TaxiiErrorFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    answerTaxiiError(exception, host.switchToHttp().getRequest<Request>(), host.switchToHttp().getResponse<Response>());
  }
}

/**
 * Express error middleware, mounted by createApp at /taxii2 right after the middleware that runs before routing (rate
 * limit, query string encoding): their refusals of a TAXII request (`?next=%FF%FE`: 400 naming `next`; 429) answer
 * in the TAXII error format too, not problem+json, which the app-wide filter would give them.
 */
export function answerTaxiiMiddlewareError(error: unknown, request: Request, response: Response, _next: NextFunction): void {
  answerTaxiiError(error, request, response);
}

const logger = new Logger(TaxiiErrorFilter.name);

/** Writes `exception` as a TAXII 2.1 error message; 5xx other than an unavailable database are logged with the stack. */
function answerTaxiiError(exception: unknown, request: Request, response: Response): void {
  const error = toTaxiiError(exception);
  if (error.httpStatus >= 500 && !isDatabaseUnavailable(exception)) {
    logger.error(`${request.method} ${request.originalUrl.split('?')[0]} failed [${correlationIdOf(request)}]`, exception instanceof Error ? exception.stack : String(exception));
  }
  writeTaxiiError(error, request, response);
}

/**
 * Writes `error` as a TAXII 2.1 error message (§3.6.1) with the request's correlation id as `error_id`, and the
 * headers its status needs (`WWW-Authenticate` on 401, `Retry-After` on 503; `Cache-Control: no-store` always). Logs nothing. Also used by the app-wide
 * ProblemDetailsFilter for what reaches it under /taxii2 (no route, a path that cannot be decoded, a method not taken).
 */
export function writeTaxiiError(error: TaxiiError, request: Request, response: Response): void {
  const correlationId = correlationIdOf(request);
  response.setHeader('Cache-Control', 'no-store');
  if (error.httpStatus === 401) response.setHeader('WWW-Authenticate', 'Bearer realm="aisw"');
  if (error.httpStatus === 503) response.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
  const body = {
    title: error.title,
    ...(error.description ? { description: error.description } : {}),
    error_id: correlationId,
    ...(error.errorCode ? { error_code: error.errorCode } : {}),
    http_status: String(error.httpStatus),
    ...(error.details ? { details: error.details } : {}),
  };
  response.status(error.httpStatus).type(TAXII_MEDIA_TYPE).send(JSON.stringify(body));
}

function toTaxiiError(exception: unknown): TaxiiError {
  if (exception instanceof TaxiiError) return exception;
  if (exception instanceof RequestValidationError) {
    const [first] = exception.violations;
    return badParameter(first?.field ?? 'query', first?.messages.join('; ') ?? 'Invalid request');
  }
  if (exception instanceof DomainError) {
    const status = DOMAIN_ERROR_STATUS[exception.code] ?? 422;
    return new TaxiiError(status, TITLES[status] ?? 'Error', exception.message, undefined, exception.code);
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    return new TaxiiError(status, status === 404 ? 'Not found' : `HTTP ${status}`, status < 500 ? exception.message : undefined);
  }
  if (isDatabaseUnavailable(exception)) return new TaxiiError(503, 'Service unavailable', 'The store is temporarily unavailable; retry later.');
  return new TaxiiError(500, 'Internal error', 'An unexpected error occurred; quote the error_id.');
}
