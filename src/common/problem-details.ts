/** One invalid field of a request: `field` is a dotted path (`sourceUrls.0`, `subscriptions.1.countries`). */
export interface FieldViolation {
  field: string;
  messages: string[];
}

/** RFC 9457 problem details, plus `code`, `correlationId` and field `errors` as extension members. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code?: string;
  correlationId?: string;
  errors?: FieldViolation[];
  /** Readiness failures: status per dependency (`up` or `down`). */
  checks?: Record<string, string>;
}

/** Raised by the validation pipe; carries every invalid field so one 400 names them all. */
export class RequestValidationError extends Error {
  constructor(readonly violations: FieldViolation[]) {
    super('Request validation failed');
    this.name = 'RequestValidationError';
  }
}
