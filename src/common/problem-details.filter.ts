import { ArgumentsHost, Catch, HttpException, Logger, NotFoundException, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { allowedMethods, undecodablePathParameter } from './allowed-methods.js';
import { DOMAIN_ERROR_STATUS, DomainError } from './domain-error.js';
import { RequestValidationError, type ProblemDetails } from './problem-details.js';
import { correlationIdOf } from './correlation-id.js';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './database-unavailable.js';
import { notUtf8 } from './query-string.js';
import { InvalidUtf8Error } from './request-body.js';
import { TAXII_BASE_PATH } from '../taxii/taxii-endpoint.decorator.js';
import { TaxiiError } from '../taxii/taxii-error.js';
import { writeTaxiiError } from '../taxii/taxii-error.filter.js';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * The one place errors become HTTP answers: RFC 9457 `application/problem+json` with a correlation id.
 * Unexpected errors are logged with their stack and answered 500 without internal detail. A method no route of an
 * existing path answers is 405 with `Allow` (RFC 9110 §15.5.6), not 404; a path no route takes is 404 `No route GET
 * /path` (not Express's "Cannot GET"). Under /taxii2 the same answers are TAXII 2.1 error messages (writeTaxiiError).
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const allow = this.isUnroutedRequest(exception, request) ? allowedMethods(request) : [];
    const problem = allow.length > 0
      ? { ...this.base(405, 'HTTP.405'), detail: `${request.method} is not supported here; use ${allow.join(', ')}` }
      : isUndecodablePath(exception)
        ? this.undecodablePath(request)
        : this.isUnroutedRequest(exception, request)
          ? { ...this.base(404, 'HTTP.404'), detail: `No route ${request.method} ${request.originalUrl.split('?')[0]}` }
          : this.toProblem(exception);
    if (allow.length > 0) response.setHeader('Allow', allow.join(', '));
    // An error is never cached, also on a route whose answers are (`@Header('Cache-Control', 'public, …')` is set
    // before the handler runs, so a refused `/.well-known/jwks.json?x=1` carried it).
    response.setHeader('Cache-Control', 'no-store');
    problem.instance = request.originalUrl?.split('?')[0];
    problem.correlationId = correlationIdOf(request);
    if (problem.code === 'DATABASE.UNAVAILABLE' || problem.code === 'HEALTH.NOT_READY') {
      // Expected states while a dependency is down: one line, no stack.
      this.logger.warn(`${request.method} ${problem.instance} answered 503: ${problem.detail} [${problem.correlationId}]`);
    } else if (problem.status >= 500) {
      this.logger.error(
        `${request.method} ${problem.instance} failed [${problem.correlationId}]`,
        exception instanceof Error ? exception.stack : String(exception),
      );
    }
    if (isTaxiiRequest(request)) {
      // TAXII clients parse TAXII error messages: the errors no TAXII controller saw (no route, an undecodable path).
      const [first] = problem.errors ?? [];
      const details = first ? { field: first.field } : undefined;
      writeTaxiiError(new TaxiiError(problem.status, problem.title, first ? first.messages.join('; ') : problem.detail, details, problem.code), request, response);
      return;
    }
    if (problem.status === 401) response.setHeader('WWW-Authenticate', 'Bearer realm="aisw"'); // RFC 6750 §3
    if (problem.code === 'DATABASE.UNAVAILABLE') response.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  /** Nest's catch-all for a request no route matched (RoutesResolver: `Cannot <METHOD> <url>`). */
  private isUnroutedRequest(exception: unknown, request: Request): boolean {
    return exception instanceof NotFoundException && exception.message.startsWith(`Cannot ${request.method} `);
  }

  private toProblem(exception: unknown): ProblemDetails {
    // Thrown by the validation pipe, or by a body-parser hook (duplicate keys), which Nest wraps in an HttpException.
    const invalid = exception instanceof HttpException ? exception.cause : exception;
    if (invalid instanceof RequestValidationError) {
      return {
        ...this.base(400, 'VALIDATION.FAILED'),
        detail: `Invalid field(s): ${invalid.violations.map((violation) => violation.field).join(', ')}`,
        errors: invalid.violations,
      };
    }
    if (exception instanceof DomainError) {
      const status = DOMAIN_ERROR_STATUS[exception.code] ?? 422;
      return { ...this.base(status, exception.code), detail: exception.message, ...exception.details };
    }
    if (exception instanceof HttpException && (exception.cause as { type?: string } | undefined)?.type === 'entity.parse.failed') {
      // Nest maps body-parser's SyntaxError to a BadRequestException; the parser's wording is not for users.
      return { ...this.base(400, 'HTTP.400'), detail: 'Request body is not valid JSON', errors: [{ field: 'body', messages: ['the request body is not valid JSON'] }] };
    }
    if (isUndecodableBody(exception) || (exception instanceof HttpException && isUndecodableBody(exception.cause))) {
      // zlib's error ("incorrect header check") for a body that is not what its Content-Encoding says; its wording is
      // internal, and Nest may wrap it in a BadRequestException.
      const messages = ['the request body could not be decoded: it does not match its Content-Encoding (gzip, deflate or br)'];
      return { ...this.base(400, 'HTTP.400'), detail: 'Request body could not be decoded', errors: [{ field: 'body', messages }] };
    }
    const invalidUtf8 = exception instanceof InvalidUtf8Error ? exception : exception instanceof HttpException ? exception.cause : undefined;
    if (invalidUtf8 instanceof InvalidUtf8Error) {
      // Like other 400s about the request, name what is wrong: the body as a whole (RFC 8259 §8.1).
      return {
        ...this.base(400, 'HTTP.400'),
        detail: invalidUtf8.message,
        errors: [{ field: 'body', messages: ['the request body is not valid UTF-8 (RFC 8259 §8.1); send JSON encoded as UTF-8'] }],
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const health = (body as { details?: Record<string, { status?: string; pending?: number; failed?: number }> }).details;
      if (status === 503 && health) {
        // @nestjs/terminus readiness failure: say which dependency is down (status words only, no error text).
        const checks = Object.fromEntries(Object.entries(health).map(([name, check]) => [name, check.status ?? 'unknown']));
        const down = Object.keys(checks).filter((name) => checks[name] !== 'up');
        return { ...this.base(503, 'HEALTH.NOT_READY'), detail: `Not ready: ${down.join(', ')} down`, checks };
      }
      const detail = typeof body === 'string' ? body : (body as { message?: unknown }).message;
      return {
        ...this.base(status, `HTTP.${status}`),
        detail: status < 500 && typeof detail === 'string' ? detail : undefined,
      };
    }
    // body-parser errors (malformed JSON, body too large) carry a status and an `expose` flag.
    const parserError = exception as { status?: number; expose?: boolean; type?: string; message?: string };
    if (typeof parserError?.status === 'number' && parserError.status < 500 && parserError.expose) {
      return { ...this.base(parserError.status, `HTTP.${parserError.status}`), detail: parserError.message };
    }
    if (isDatabaseUnavailable(exception)) {
      return { ...this.base(503, 'DATABASE.UNAVAILABLE'), detail: 'The incident store is temporarily unavailable; nothing was written. Retry later.' };
    }
    return { ...this.base(500, 'INTERNAL'), detail: 'An unexpected error occurred; quote the correlation id.' };
  }

  /**
   * A path segment whose percent-escapes are not UTF-8 (`/incidents/%FF`): 400 naming the route parameter that takes
   * it (`id`), in the words of the query string's check (query-string.ts), instead of the router's "Failed to decode
   * param"; `path` when no route takes that segment as a parameter.
   */
  private undecodablePath(request: Request): ProblemDetails {
    const field = undecodablePathParameter(request) ?? 'path';
    const messages = [field === 'path' ? 'the request path is not valid UTF-8 once percent-decoded' : notUtf8(field)];
    return { ...this.base(400, 'VALIDATION.FAILED'), detail: `Invalid field(s): ${field}`, errors: [{ field, messages }] };
  }

  private base(status: number, code: string): ProblemDetails {
    return { type: `https://aisw.example/problems/${code.toLowerCase()}`, title: TITLES[status] ?? 'Error', status, code };
  }
}

/** A request under the TAXII API root (`/taxii2`, `/taxii2/...`), whose errors are TAXII error messages. */
function isTaxiiRequest(request: Request): boolean {
  const path = request.originalUrl?.split('?')[0] ?? '';
  return path === `/${TAXII_BASE_PATH}` || path.startsWith(`/${TAXII_BASE_PATH}/`);
}

/** The URIError Express's router (package `router`, layer.js `decodeParam`) throws for a path parameter it cannot decode. */
function isUndecodablePath(error: unknown): boolean {
  const cause = error instanceof HttpException ? error.cause : error;
  return cause instanceof URIError && cause.message.startsWith('Failed to decode param');
}

/** A zlib error (code Z_DATA_ERROR, Z_BUF_ERROR…) that body-parser passed on while inflating a request body. */
function isUndecodableBody(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && code.startsWith('Z_');
}
