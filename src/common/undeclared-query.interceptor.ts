import { Injectable, SetMetadata, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
// Nest's route-argument metadata (what @Query() records); @nestjs/swagger reads the same key to document parameters.
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { unknownNamesError } from './validation.js';

type RouteArguments = Record<string, { index: number; data?: unknown }>;

const QUERY_PARAMETERS_IGNORED = 'aisw:query-parameters-ignored';

/**
 * Marks a controller whose routes take no query parameter and ignore any they are given, instead of answering 400:
 * only the health probes, which load balancers and uptime monitors call with cache-busting or tracking parameters
 * (`/health?_=1732950000`) and which act on nothing a parameter could change.
 */
export const IgnoresQueryParameters = (): ClassDecorator => SetMetadata(QUERY_PARAMETERS_IGNORED, true);

/**
 * The query parameters a handler takes: `'any'` when it takes the whole query (`@Query()` with a DTO, whose
 * whitelist refuses unknown names, or a route that parses it itself, like TAXII's `match[...]`), else the names of
 * its `@Query('name')` parameters (none for most routes); `'any'` too on a controller marked IgnoresQueryParameters.
 */
export function declaredQueryParameters(controller: object, handlerName: string): 'any' | Set<string> {
  if (Reflect.getMetadata(QUERY_PARAMETERS_IGNORED, controller) === true) return 'any';
  const routeArguments = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handlerName) ?? {}) as RouteArguments;
  const names = new Set<string>();
  for (const [key, { data }] of Object.entries(routeArguments)) {
    if (key.split(':')[0] !== String(RouteParamtypes.QUERY)) continue;
    if (typeof data !== 'string') return 'any';
    names.add(data);
  }
  return names;
}

/**
 * Global interceptor (after the guards, so 401/403 come first): a query parameter the route does not declare answers
 * 400 VALIDATION.FAILED naming it (`property x should not exist`, one entry per name), as the validation pipe answers
 * for an unknown field of a query DTO. Without it a route with no `@Query()` ignored `POST /signing-keys/rotate?x=1`
 * and acted; now no route can forget. Under /taxii2 the TAXII error filter answers it as a TAXII error message.
 */
@Injectable()
export class UndeclaredQueryInterceptor implements NestInterceptor {
  private readonly declared = new Map<object, 'any' | Set<string>>();

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const handler = context.getHandler();
    let declared = this.declared.get(handler);
    if (declared === undefined) {
      declared = declaredQueryParameters(context.getClass(), handler.name);
      this.declared.set(handler, declared);
    }
    if (declared !== 'any') {
      const { query } = context.switchToHttp().getRequest<Request>();
      const undeclared = Object.keys(query ?? {}).filter((name) => !declared.has(name));
      if (undeclared.length > 0) throw unknownNamesError(undeclared);
    }
    return next.handle();
  }
}
