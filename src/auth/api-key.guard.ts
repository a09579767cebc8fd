import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { DomainError } from '../common/domain-error.js';
import type { Role } from './api-key.entity.js';
import { ApiKeysService, type Principal } from './api-keys.service.js';
import { PUBLIC_KEY, ROLES_KEY } from './auth.decorators.js';

/**
 * Global guard: every endpoint needs `Authorization: Bearer <api key>` unless marked `@Public()`, and the
 * key's role must be among the endpoint's `@Roles(...)` (an endpoint without `@Roles` is admin-only).
 * Errors: AUTH.UNAUTHENTICATED (401), AUTH.FORBIDDEN (403).
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeysService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    // Auth schemes are case-insensitive (RFC 9110 §11.1).
    const match = /^Bearer +(\S+)$/i.exec(request.header('authorization') ?? '');
    const principal = match ? await this.apiKeys.verifyForRequest(request, match[1]) : null;
    if (!principal) throw new DomainError('AUTH.UNAUTHENTICATED', 'A valid API key is required: Authorization: Bearer <key>');
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? ['admin'];
    if (!roles.includes(principal.role)) {
      throw new DomainError('AUTH.FORBIDDEN', `Role ${principal.role} may not call this endpoint`);
    }
    request.principal = principal;
    return true;
  }
}
