import { isUtf8 } from 'node:buffer';
import type { NextFunction, Request, Response } from 'express';
import { RequestValidationError } from './problem-details.js';

/** A maximal run of percent-escapes (`%C3%A9%41`): the bytes of characters that were encoded together. */
const PERCENT_RUN = /(?:%[0-9A-Fa-f]{2})+/g;

/** True when every run of percent-escapes in `text` decodes to well-formed UTF-8 (RFC 3986 §2.5). */
function percentEscapesAreUtf8(text: string): boolean {
  for (const [run] of text.matchAll(PERCENT_RUN)) {
    if (!isUtf8(Buffer.from(run.replace(/%/g, ''), 'hex'))) return false;
  }
  return true;
}

/** The 400 message for a query or path parameter whose percent-encoded bytes are not UTF-8. */
export const notUtf8 = (name: string): string => `${name} is not valid UTF-8 once percent-decoded (percent-encoded bytes must form UTF-8 characters)`;

/** The decoded name of a query parameter (`+` is a space), or its raw text when it cannot be decoded. */
function parameterName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/**
 * Express middleware, before routing: refuses a query string whose percent-encoded bytes are not UTF-8 (`%FF`,
 * `%C3%28`, a lone `%E2%82`) with 400 `VALIDATION.FAILED` problem+json naming the parameter (`errors[].field`),
 * instead of letting the query parser turn them into U+FFFD replacement characters that then pass validation or
 * reach a search. Checks each `name=value` pair of the raw query (`request.originalUrl`); requests without a query
 * pass untouched.
 */
export function refuseNonUtf8Query(request: Request, _response: Response, next: NextFunction): void {
  const start = request.originalUrl.indexOf('?');
  if (start < 0 || !request.originalUrl.includes('%', start)) {
    next();
    return;
  }
  for (const pair of request.originalUrl.slice(start + 1).split('&')) {
    const equals = pair.indexOf('=');
    const [rawName, rawValue] = equals < 0 ? [pair, ''] : [pair.slice(0, equals), pair.slice(equals + 1)];
    if (!percentEscapesAreUtf8(rawName)) {
      next(new RequestValidationError([{ field: rawName, messages: [`query parameter name ${rawName} is not valid UTF-8 once percent-decoded`] }]));
      return;
    }
    if (!percentEscapesAreUtf8(rawValue)) {
      const name = parameterName(rawName);
      next(new RequestValidationError([{ field: name, messages: [notUtf8(name)] }]));
      return;
    }
  }
  next();
}
