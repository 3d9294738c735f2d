import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppConfig } from '@nf/config';
import { ForbiddenProblem, RequestContexts, UnauthorizedProblem } from '@nf/common';
import type { Request } from 'express';
import { ACCESS_METADATA, AccessRule } from './access.decorator';
import { presentedOperatorToken, secretMatches } from './operator-token';

/** Enforces each endpoint's `@Access` rule; an endpoint without one is denied to everybody. */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (rule === 'public') return true;
    if (rule === 'operator') {
      const request = context.switchToHttp().getRequest<Request>();
      const token = presentedOperatorToken(request.headers.authorization);
      if (!secretMatches(token, this.config.app.adminToken)) {
        throw new UnauthorizedProblem('This endpoint needs the operator token.');
      }
      RequestContexts.setActor({ type: 'operator', id: 'operator', label: 'Plattformsoperatör' });
      return true;
    }
    throw new ForbiddenProblem('This endpoint declares no access rule and is closed.');
  }
}
