import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ACCESS_METADATA, AccessRule, describeAccessRule, Principal } from '@nf/access';
import { AppConfig } from '@nf/config';
import { ForbiddenProblem, RequestContexts, UnauthorizedProblem } from '@nf/common';
import type { FastifyRequest as Request } from 'fastify';
import { presentedOperatorToken, secretMatches } from './operator-token';
import { PrincipalCache } from './principal-cache';
import { PrincipalLoader } from './principal-loader';

export type AuthenticatedRequest = Request & {
  principal?: Principal;
  bearerToken?: string;
  /** The endpoint's rule as text, for the audit entry of a refusal. */
  accessRule?: string;
  /** A bearer token already resolved in this request (before its body was read). */
  resolvedBearer?: { token: string; principal: Principal };
};

function bearerOf(request: Request): string | undefined {
  const header = request.headers.authorization;
  if (!header?.toLowerCase().startsWith('bearer ')) return undefined;
  return header.slice(7).trim() || undefined;
}

/**
 * Enforces each endpoint's declared access rule. A bearer token, where presented, is resolved to
 * the principal (also on public endpoints, which may show a logged-in user more). An endpoint
 * without a rule is closed to everybody. (Refusals are audited by the api's exception filter, which
 * also sees those that use cases make on the object.)
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly config: AppConfig,
    private readonly principals: PrincipalLoader,
    private readonly cache: PrincipalCache,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    request.accessRule = describeAccessRule(rule);
    return this.check(rule, request);
  }

  private async check(
    rule: AccessRule | undefined,
    request: AuthenticatedRequest,
  ): Promise<boolean> {
    if (rule === 'operator') {
      if (
        !secretMatches(
          presentedOperatorToken(request.headers.authorization),
          this.config.app.adminToken,
        )
      ) {
        throw new UnauthorizedProblem('This endpoint needs the operator token.');
      }
      RequestContexts.setActor({ type: 'operator', id: 'operator', label: 'Plattformsoperatör' });
      return true;
    }
    const token = bearerOf(request);
    const principal = !token
      ? null
      : request.resolvedBearer?.token === token
        ? request.resolvedBearer.principal
        : await this.resolve(token);
    if (principal) {
      request.principal = principal;
      request.bearerToken = token;
      RequestContexts.setActor(
        { type: 'user', id: String(principal.userId), label: principal.username },
        principal.municipalityId,
      );
    }
    if (rule === 'public') return true;
    if (rule === undefined)
      throw new ForbiddenProblem('This endpoint declares no access rule and is closed.');
    if (!principal) {
      throw new UnauthorizedProblem(
        token ? 'The token is not valid (expired, revoked or unknown).' : 'Log in first.',
      );
    }
    if (rule === 'authenticated') return true;
    if (!principal.canSomewhere(rule.permission)) {
      throw new ForbiddenProblem(`This needs the permission ${rule.permission}.`);
    }
    return true;
  }

  private async resolve(token: string): Promise<Principal | null> {
    const ticket = this.cache.begin();
    const resolved = await this.principals.fromBearer(token);
    if (!resolved) return null;
    this.cache.remember(token, resolved.principal, resolved.expiresAt, ticket);
    return resolved.principal;
  }
}
