import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const HEADER = 'x-correlation-id';
const SAFE = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * Express middleware: takes `X-Correlation-Id` from the request when it is safe (1..100 of [A-Za-z0-9._:-]),
 * otherwise makes a UUID; echoes it on the response. It travels on into Kafka headers (`correlation_id`).
 */
export function correlationIdMiddleware(request: Request, response: Response, next: NextFunction): void {
  const given = request.header(HEADER);
  const correlationId = given && SAFE.test(given) ? given : randomUUID();
  (request as Request & { correlationId?: string }).correlationId = correlationId;
  response.setHeader(HEADER, correlationId);
  next();
}

/** The request's correlation id (set by `correlationIdMiddleware`). */
export function correlationIdOf(request: Request): string {
  return (request as Request & { correlationId?: string }).correlationId ?? 'none';
}
