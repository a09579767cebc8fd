import { ValidationPipe, type ArgumentMetadata, type PipeTransform, type ValidationError } from '@nestjs/common';
import { RequestValidationError, type FieldViolation } from './problem-details.js';
import { FORBIDDEN_KEYS, removedKeyViolations } from './request-body.js';

/** A line of a constraint's message that names one element of the property (`sourceUrls.1: <why>`, url-form.ts). */
const ELEMENT_LINE = /^([^\s:]+)\.(\d+): (.+)$/;

/**
 * Every invalid field by dotted path (below `parent` when given). A constraint on a list that names the elements it
 * refuses, one line each (`sourceUrls.1: <why>`), is reported per element (`sourceUrls.1`): class-validator's `each`
 * knows no index. Also used for DTO rules applied outside a request body (a peer alert's incident, peer-alert-content.ts).
 */
export function flatten(errors: ValidationError[], parent = ''): FieldViolation[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const whole: string[] = [];
    const elements: FieldViolation[] = [];
    for (const message of Object.values(error.constraints ?? {})) {
      for (const line of message.split('\n')) {
        const element = ELEMENT_LINE.exec(line);
        if (element && element[1] === error.property) elements.push({ field: `${field}.${element[2]}`, messages: [element[3]] });
        else whole.push(line);
      }
    }
    const own = whole.length > 0 ? [{ field, messages: whole }] : [];
    return [...own, ...elements, ...flatten(error.children ?? [], field)];
  });
}

/**
 * The `__proto__`, `constructor` and `prototype` parameters of a parsed query string (Express 5's parser makes them
 * own properties of a null-prototype object), each refused like any unknown parameter. class-transformer skips such
 * keys when it builds the DTO, so the whitelist never sees them and `?__proto__=1` would pass where `?bogus=1` is refused.
 */
function prototypeQueryViolations(query: unknown): FieldViolation[] {
  if (typeof query !== 'object' || query === null) return [];
  return Object.keys(query)
    .filter((name) => FORBIDDEN_KEYS.has(name))
    .map((name) => ({ field: name, messages: [`property ${name} should not exist`] }));
}

/** A check of a field's value that needs the running app (its configuration): the refusal, or null. */
export type AppFieldCheck = (value: string) => string | null;

const APP_CHECKED_FIELDS = Symbol('appCheckedFields');

/**
 * Marks a string field for a check of the app-wide pipe (`checks[name]` of createValidationPipe, e.g. `destination`:
 * the SSRF guard's refusal of a webhook URL, which depends on WEBHOOK_ALLOWED_NETWORKS). Its refusal joins the DTO's
 * own errors in one 400, so every bad field is named, not the DTO's first and the app's only when those pass. A field
 * the DTO already refuses is not checked again; null and other non-strings are left to the DTO.
 */
export function CheckedByApp(check: string): PropertyDecorator {
  return (target, propertyName) => {
    const constructor = target.constructor as unknown as Record<symbol, Array<{ property: string; check: string }> | undefined>;
    const own = Object.prototype.hasOwnProperty.call(constructor, APP_CHECKED_FIELDS) ? constructor[APP_CHECKED_FIELDS]! : [];
    constructor[APP_CHECKED_FIELDS] = [...own, { property: propertyName as string, check }];
  };
}

function appCheckViolations(value: unknown, metatype: unknown, checks: Record<string, AppFieldCheck>): FieldViolation[] {
  const fields = typeof metatype === 'function' ? (metatype as unknown as Record<symbol, Array<{ property: string; check: string }> | undefined>)[APP_CHECKED_FIELDS] : undefined;
  if (!fields || typeof value !== 'object' || value === null) return [];
  return fields.flatMap(({ property, check }) => {
    const given = (value as Record<string, unknown>)[property];
    const refusal = typeof given === 'string' ? (checks[check]?.(given) ?? null) : null;
    return refusal ? [{ field: property, messages: [refusal] }] : [];
  });
}

/**
 * ValidationPipe that also refuses the `__proto__`, `constructor` and `prototype` keys checkJsonShape removed from the
 * body (src/common/request-body.ts), and those parameters of a query string: they join the DTO's own errors (unknown
 * fields, invalid values) in one 400, so a body with `__proto__` and another unknown field names both.
 */
class RequestValidationPipe extends ValidationPipe {
  constructor(
    options: ConstructorParameters<typeof ValidationPipe>[0],
    private readonly checks: Record<string, AppFieldCheck>,
  ) {
    super(options);
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const removed =
      metadata.type === 'body' ? removedKeyViolations(value) : metadata.type === 'query' && metadata.data === undefined ? prototypeQueryViolations(value) : [];
    const appChecked = metadata.type === 'body' ? appCheckViolations(value, metadata.metatype, this.checks) : [];
    if (removed.length === 0 && appChecked.length === 0) return super.transform(value, metadata);
    let transformed: unknown;
    let own: FieldViolation[] = [];
    try {
      transformed = await super.transform(value, metadata);
    } catch (error) {
      if (!(error instanceof RequestValidationError)) throw error;
      own = error.violations;
    }
    const named = new Set(own.map((violation) => violation.field));
    const violations = [...removed, ...own, ...appChecked.filter((violation) => !named.has(violation.field))];
    if (violations.length > 0) throw new RequestValidationError(violations);
    return transformed;
  }
}

/**
 * The app-wide pipe: strips nothing silently (unknown fields are refused, prototype keys too), transforms to DTO
 * classes, and reports every invalid field by its dotted path, with the refusals of `checks` for @CheckedByApp fields.
 */
export function createValidationPipe(checks: Record<string, AppFieldCheck> = {}): ValidationPipe {
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => new RequestValidationError(flatten(errors)),
  }, checks);
}

/**
 * The 400 VALIDATION.FAILED for names a route does not take: one `property <name> should not exist` entry each, as the
 * app-wide pipe answers an unknown field of a DTO. Used by NoBodyFields and UndeclaredQueryInterceptor.
 */
export function unknownNamesError(names: readonly string[]): RequestValidationError {
  return new RequestValidationError(names.map((name) => ({ field: name, messages: [`property ${name} should not exist`] })));
}

/** Refuses every name of a parsed body. A route's undeclared query parameters are UndeclaredQueryInterceptor's. */
const refuseEveryName: PipeTransform<Record<string, unknown> | undefined, Record<string, unknown> | undefined> = {
  transform(fields: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
    const names = Object.keys(fields ?? {});
    if (names.length > 0) throw unknownNamesError(names);
    return fields;
  },
};

/**
 * Pipe for `@Body(NoBodyFields)` on a POST or DELETE that takes no body fields (`POST /partners/{id}/webhook-secrets`,
 * `POST /signing-keys/rotate`…): any field is refused as the app-wide pipe refuses an unknown field of a DTO
 * (`{"secret":"mine"}` answers 400 naming `secret`, not 201 with the field ignored). No body, or `{}`, passes.
 */
export const NoBodyFields = refuseEveryName;
