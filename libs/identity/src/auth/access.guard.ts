import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ACCESS_METADATA, AccessRule, describeAccessRule, Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { AppConfig } from '@nf/config';
import { ForbiddenProblem, ProblemError, RequestContexts, UnauthorizedProblem } from '@nf/common';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { presentedOperatorToken, secretMatches } from './operator-token';
import { PrincipalLoader } from './principal-loader';

export type AuthenticatedRequest = Request & { principal?: Principal; bearerToken?: string };

function bearerOf(request: Request): string | undefined {
  const header = request.headers.authorization;
  if (!header?.toLowerCase().startsWith('bearer ')) return undefined;
  return header.slice(7).trim() || undefined;
}

/**
 * Enforces each endpoint's declared access rule. A bearer token, where presented, is resolved to
 * the principal (also on public endpoints, which may show a logged-in user more). Every refusal is
 * written to the audit log as a security event; an endpoint without a rule is closed to everybody.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly config: AppConfig,
    private readonly principals: PrincipalLoader,
    private readonly audit: AuditLog,
    private readonly dataSource: DataSource,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    try {
      return await this.check(rule, request);
    } catch (error) {
      if (error instanceof ProblemError) await this.recordRefusal(request, rule, error);
      throw error;
    }
  }

  private async check(rule: AccessRule | undefined, request: AuthenticatedRequest): Promise<boolean> {
    if (rule === 'operator') {
      if (!secretMatches(presentedOperatorToken(request.headers.authorization), this.config.app.adminToken)) {
        throw new UnauthorizedProblem('This endpoint needs the operator token.');
      }
      RequestContexts.setActor({ type: 'operator', id: 'operator', label: 'Plattformsoperatör' });
      return true;
    }
    const token = bearerOf(request);
    const principal = token ? await this.principals.fromBearer(token) : null;
    if (principal) {
      request.principal = principal;
      request.bearerToken = token;
      RequestContexts.setActor(
        { type: 'user', id: String(principal.userId), label: principal.username },
        principal.municipalityId,
      );
    }
    if (rule === 'public') return true;
    if (rule === undefined) throw new ForbiddenProblem('This endpoint declares no access rule and is closed.');
    if (!principal) {
      throw new UnauthorizedProblem(token ? 'The token is not valid (expired, revoked or unknown).' : 'Log in first.');
    }
    if (rule === 'authenticated') return true;
    if (!principal.canSomewhere(rule.permission)) {
      throw new ForbiddenProblem(`This needs the permission ${rule.permission}.`);
    }
    return true;
  }

  private async recordRefusal(request: AuthenticatedRequest, rule: AccessRule | undefined, problem: ProblemError) {
    try {
      await this.audit.recordSecurityEvent(this.dataSource.manager, {
        action: 'access.refused',
        entityType: 'endpoint',
        entityId: `${request.method} ${(request.route as { path?: string } | undefined)?.path ?? request.path}`.slice(0, 64),
        municipalityId: request.principal?.municipalityId ?? null,
        after: { status: problem.status, rule: describeAccessRule(rule) ?? null },
      });
    } catch (error) {
      // A refusal must stay a refusal even when the audit write fails; say so loudly.
      this.logger.error(`Could not audit a refused request: ${String(error)}`);
    }
  }
}
