import { ParseUUIDPipe } from '@nestjs/common';
import { RequestValidationError } from './problem-details.js';

/**
 * Path parameter pipe for ids: a malformed UUID answers 400 `VALIDATION.FAILED` naming the parameter, like body
 * fields do (Nest's own pipe answers a bare 400 without `errors`).
 */
export function uuidParam(name = 'id'): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () => new RequestValidationError([{ field: name, messages: [`${name} must be a UUID`] }]),
  });
}
