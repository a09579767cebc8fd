import type { OpenAPIObject } from '@nestjs/swagger';

type Operation = {
  parameters?: Array<{ in?: string }>;
  requestBody?: unknown;
  security?: unknown[];
  responses?: Record<string, unknown>;
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/** `components.schemas.Problem`: what ProblemDetailsFilter answers (problem-details.ts; RFC 9457 and our members). */
const PROBLEM_SCHEMA = {
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', description: 'URI reference naming the problem type (`about:blank` or a documented type)' },
    title: { type: 'string' },
    status: { type: 'integer', description: 'The HTTP status code' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    code: { type: 'string', description: 'Stable machine-readable code, e.g. VALIDATION.FAILED, INCIDENT.NOT_FOUND' },
    correlationId: { type: 'string', description: 'Also in the X-Correlation-Id header and the server log' },
    errors: {
      type: 'array',
      description: 'Each invalid field (dotted path) with its messages; 400 only',
      items: { type: 'object', required: ['field', 'messages'], properties: { field: { type: 'string' }, messages: { type: 'array', items: { type: 'string' } } } },
    },
  },
} as const;

/** TAXII 2.1 error message (TAXII 2.1 §3.6.1), what the TAXII routes answer instead (taxii-error.filter.ts). */
const TAXII_ERROR_SCHEMA = {
  type: 'object',
  required: ['title'],
  properties: {
    title: { type: 'string' },
    description: { type: 'string' },
    error_id: { type: 'string' },
    error_code: { type: 'string' },
    http_status: { type: 'string' },
    details: { type: 'object', additionalProperties: true },
  },
} as const;

const problem = (description: string, taxii: boolean) => ({
  description,
  content: taxii
    ? { 'application/taxii+json;version=2.1': { schema: { $ref: '#/components/schemas/TaxiiError' } } }
    : { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/**
 * Adds the error answers every route can give to the OpenAPI document, where a controller did not describe them
 * itself, as `application/problem+json` (RFC 9457) with the `Problem` schema (under /taxii2 as TAXII 2.1 error
 * messages, `TaxiiError`): 400 on every route but the health probes (a bad field, named in `errors`, or an undeclared
 * query parameter), 401 and 403 on authenticated routes, 404 on routes with a path parameter, 429 (rate limit,
 * `Retry-After`) on every route; error answers a controller described without a body get the schema. Returns the same document, changed in place. Source of the answers:
 * ProblemDetailsFilter, ApiKeyGuard/RolesGuard, the validation pipe and rate-limit.ts.
 */
export function withProblemResponses(document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  document.components.schemas ??= {};
  document.components.schemas.Problem = PROBLEM_SCHEMA as never;
  document.components.schemas.TaxiiError = TAXII_ERROR_SCHEMA as never;
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = (item as Record<string, Operation | undefined>)[method];
      if (!operation) continue;
      const responses = (operation.responses ??= {}) as Record<string, { description?: string; content?: unknown }>;
      const taxii = path.startsWith('/taxii2');
      const add = (status: string, description: string) => {
        if (!(status in responses)) responses[status] = problem(description, taxii);
      };
      // A controller's own error answers (`@ApiNotFoundResponse({ description })`) keep their words and get the body.
      for (const [status, response] of Object.entries(responses)) {
        if (/^[45]\d\d$/.test(status) && !response.content) responses[status] = problem(response.description ?? '', taxii);
      }
      // Every route refuses an undeclared query parameter with 400 (UndeclaredQueryInterceptor), but the health probes.
      if (!path.startsWith('/health')) add('400', 'Invalid input: each bad field named in `errors` (VALIDATION.FAILED), or an undeclared query parameter');
      if ((operation.security?.length ?? 0) > 0) {
        add('401', 'No, malformed, unknown or revoked API key');
        add('403', "The key's role may not use this route");
      }
      if (path.includes('{')) add('404', 'No such resource, or one the caller may not see (answered alike)');
      add('429', 'Rate limit reached; retry after `Retry-After` seconds');
    }
  }
  return document;
}
