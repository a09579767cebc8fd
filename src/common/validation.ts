import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { RequestValidationError, type FieldViolation } from './problem-details.js';

function flatten(errors: ValidationError[], parent = ''): FieldViolation[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * The app-wide pipe: strips nothing silently (unknown fields are refused), transforms to DTO classes,
 * and reports every invalid field by its dotted path.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => new RequestValidationError(flatten(errors)),
  });
}
