import { Injectable, Logger, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Observable, tap } from 'rxjs';
import type { Principal } from '../auth/api-keys.service.js';
import { correlationIdOf } from '../common/correlation-id.js';
import { auditContext, type AuditActor } from './audit-context.js';
import { AuditLog } from './audit-log.service.js';

/** Methods that may change state; each such request gets an audit entry with its outcome. */
const MUTATING_METHODS: ReadonlySet<string> = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/**
 * Global interceptor (runs after the guards, so only authenticated, authorised requests reach it): runs the handler
 * within an audit context naming the actor, and for POST/PATCH/PUT/DELETE appends an entry with the HTTP status
 * once the response is finished (the status the exception filter chose included). The resource id is the route's
 * first path parameter, else the `id` of the response body (e.g. a new incident). A failed append is logged; the
 * response has already left (a crash between the two loses that entry: the state change's own records remain).
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger(AuditInterceptor.name);

  constructor(private readonly auditLog: AuditLog) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const response = context.switchToHttp().getResponse<Response>();
    const route = (request.route as { path?: string } | undefined)?.path ?? request.path;
    const actor: AuditActor = {
      actorKeyId: request.principal?.keyId ?? null,
      actorRole: request.principal?.role ?? null,
      correlationId: correlationIdOf(request),
      action: `${request.method} ${route}`,
    };
    let resourceId: string | null = Object.values(request.params ?? {}).find((value) => typeof value === 'string') ?? null;
    if (MUTATING_METHODS.has(request.method)) {
      response.once('finish', () => {
        this.auditLog
          .record({ ...actor, resourceType: route.split('/').find((part) => part.length > 0) ?? '/', resourceId, outcomeStatus: response.statusCode })
          .catch((error: unknown) => this.logger.error(`audit entry for ${actor.action} (${actor.correlationId}) not recorded: ${(error as Error).message}`));
      });
    }
    return new Observable((subscriber) =>
      auditContext.run(actor, () =>
        next
          .handle()
          .pipe(
            tap((body: unknown) => {
              const id = (body as { id?: unknown } | null)?.id;
              if (resourceId === null && typeof id === 'string') resourceId = id;
            }),
          )
          .subscribe(subscriber),
      ),
    );
  }
}
