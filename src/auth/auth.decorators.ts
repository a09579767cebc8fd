import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Role } from './api-key.entity.js';
import type { Principal } from './api-keys.service.js';

export const PUBLIC_KEY = 'aisw:public';
export const ROLES_KEY = 'aisw:roles';

/** Marks an endpoint as open without a key (health, public keys, docs only). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_KEY, true);

/** Roles allowed to call the endpoint; every other authenticated role gets 403. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);

/** Injects the authenticated `Principal`. */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal =>
    context.switchToHttp().getRequest<{ principal: Principal }>().principal,
);
