import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Permission } from './permissions';
import type { Principal } from './principal';

/**
 * Who may call an endpoint. Every route handler must carry one; the api refuses to start when one
 * does not, and the guard denies any request to an undeclared route.
 * - `public`: anyone, without logging in (public records, health, login).
 * - `operator`: the platform operator (APP_ADMIN_TOKEN), for tenant provisioning and queues.
 * - `authenticated`: any logged-in user or service of the municipality.
 * - `{ permission }`: a user holding the permission somewhere; organ-scoped permissions are checked
 *   again on the object by the use case.
 */
export type AccessRule = 'public' | 'operator' | 'authenticated' | { permission: Permission };

export const ACCESS_METADATA = 'nf:access';

export const Access = (rule: AccessRule): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_METADATA, rule);

export const RequirePermission = (permission: Permission): MethodDecorator & ClassDecorator =>
  Access({ permission });

export function describeAccessRule(rule: AccessRule | undefined): string | undefined {
  if (rule === undefined) return undefined;
  return typeof rule === 'string' ? rule : `permission:${rule.permission}`;
}

/** The authenticated principal of the request (set by the guard). */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    const principal = context.switchToHttp().getRequest<{ principal?: Principal }>().principal;
    if (!principal) throw new Error('CurrentPrincipal used on a route without authentication');
    return principal;
  },
);
