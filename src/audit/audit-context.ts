import { AsyncLocalStorage } from 'node:async_hooks';

/** Who is acting in the current HTTP request, for entries recorded deeper down (e.g. a RED incident's read). */
export interface AuditActor {
  actorKeyId: string | null;
  actorRole: string | null;
  correlationId: string | null;
  /** `<METHOD> <route>` of the request. */
  action: string;
}

/** Set by AuditInterceptor around each request's handler; empty outside HTTP requests (CLI, consumers). */
export const auditContext = new AsyncLocalStorage<AuditActor>();
