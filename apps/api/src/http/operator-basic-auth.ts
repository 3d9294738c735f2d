import { Injectable, NestMiddleware } from '@nestjs/common';
import { PROBLEM_CONTENT_TYPE, UnauthorizedProblem } from '@nf/common';
import { AppConfig } from '@nf/config';
import { presentedOperatorToken, secretMatches } from '@nf/identity';
import type { NextFunction, Request, Response } from 'express';
import { RefusalAudit, sourceOf } from './refusal-audit';

/** Where the queue dashboard is served. */
export const QUEUE_DASHBOARD_ROUTE = '/admin/queues';

/**
 * Guards the queue dashboard (a plain Express router, outside Nest's guards) with the operator
 * token: HTTP Basic `admin:<APP_ADMIN_TOKEN>` so that a browser can log in. Closed when no token
 * is set. A refusal is audited as the guard's are.
 */
@Injectable()
export class OperatorBasicAuth implements NestMiddleware {
  constructor(
    private readonly config: AppConfig,
    private readonly refusals: RefusalAudit,
  ) {}

  async use(request: Request, response: Response, next: NextFunction): Promise<void> {
    const token = presentedOperatorToken(request.headers.authorization);
    if (secretMatches(token, this.config.app.adminToken)) {
      next();
      return;
    }
    const problem = new UnauthorizedProblem('The queue dashboard needs the operator token.');
    await this.refusals.record(
      {
        method: request.method,
        route: QUEUE_DASHBOARD_ROUTE,
        municipalityId: null,
        rule: 'operator',
        source: sourceOf(request),
      },
      problem,
    );
    response
      .status(401)
      .setHeader('WWW-Authenticate', 'Basic realm="Namndflode operator", charset="UTF-8"')
      .type(PROBLEM_CONTENT_TYPE)
      .send(JSON.stringify(problem.toDocument(request.originalUrl)));
  }
}
