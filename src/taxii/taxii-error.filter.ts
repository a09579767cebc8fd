import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { correlationIdOf } from '../common/correlation-id.js';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '../common/database-unavailable.js';
import { DOMAIN_ERROR_STATUS, DomainError } from '../common/domain-error.js';
import { TAXII_MEDIA_TYPE, TaxiiError } from './taxii-error.js';

const TITLES: Record<number, string> = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not found', 429: 'Too many requests', 503: 'Service unavailable' };

/**
 * Answers every error of the TAXII endpoints as a TAXII 2.1 error message (§3.6.1) with `Content-Type:
 * application/taxii+json;version=2.1`, instead of the app's problem+json: TAXII clients parse this shape.
 * Authentication failures keep their statuses (401 with `WWW-Authenticate`, 403); internals never leak.
 */
@Catch()
export class TaxiiErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(TaxiiErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const error = this.toTaxiiError(exception);
    const correlationId = correlationIdOf(request);
    if (error.httpStatus >= 500 && !isDatabaseUnavailable(exception)) {
      this.logger.error(`${request.method} ${request.path} failed [${correlationId}]`, exception instanceof Error ? exception.stack : String(exception));
    }
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

  private toTaxiiError(exception: unknown): TaxiiError {
    if (exception instanceof TaxiiError) return exception;
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
}
