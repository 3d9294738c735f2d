import { Injectable, NestMiddleware } from '@nestjs/common';
import {
  ForbiddenProblem,
  PROBLEM_CONTENT_TYPE,
  ProblemError,
  UnauthorizedProblem,
} from '@nf/common';
import { AppConfig } from '@nf/config';
import { presentedOperatorToken, secretMatches } from '@nf/identity';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RefusalAudit, sourceOf } from './refusal-audit';

/** Where the queue dashboard is served. */
export const QUEUE_DASHBOARD_ROUTE = '/admin/queues';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Why a change to the dashboard looks forged by another site, if it does: an `Origin` (or, lacking
 * it, a `Referer`) other than this host, or a body that is not JSON.
 */
export function crossSiteProblem(request: IncomingMessage): ProblemError | undefined {
  if (SAFE_METHODS.has(request.method ?? 'GET')) return undefined;
  const origin = request.headers.origin ?? request.headers.referer;
  if (origin) {
    let host: string | undefined;
    try {
      host = new URL(origin).host;
    } catch {
      host = undefined;
    }
    if (host !== request.headers.host) {
      return new ForbiddenProblem('A change to the queue dashboard must come from its own page.');
    }
  }
  const length = Number(request.headers['content-length'] ?? 0);
  const hasBody = length > 0 || request.headers['transfer-encoding'] !== undefined;
  if (hasBody && !/^application\/json\b/i.test(String(request.headers['content-type'] ?? ''))) {
    return new ProblemError(
      415,
      'unsupported-media-type',
      'Unsupported media type',
      'The queue dashboard takes changes as application/json only.',
    );
  }
  return undefined;
}

/**
 * Guards the queue dashboard (a Fastify plugin, outside Nest's guards) with the operator
 * token: HTTP Basic `admin:<APP_ADMIN_TOKEN>` so that a browser can log in. Closed when no token
 * is set. A refusal is audited as the guard's are.
 */
@Injectable()
export class OperatorBasicAuth implements NestMiddleware {
  constructor(
    private readonly config: AppConfig,
    private readonly refusals: RefusalAudit,
  ) {}

  /** `beforeRefusal`: what the caller must do before a refusal is written to the raw response. */
  async use(
    request: IncomingMessage,
    response: ServerResponse,
    next: (error?: unknown) => void,
    beforeRefusal?: () => void,
  ): Promise<void> {
    const token = presentedOperatorToken(request.headers.authorization);
    if (secretMatches(token, this.config.app.adminToken)) {
      // A browser sends the cached Basic credentials with a request another site makes it send:
      // a change must come from this origin, as JSON (a form or text/plain needs neither).
      const forged = crossSiteProblem(request);
      if (forged) {
        beforeRefusal?.();
        return this.refuse(request, response, forged);
      }
      next();
      return;
    }
    beforeRefusal?.();
    return this.refuse(
      request,
      response,
      new UnauthorizedProblem('The queue dashboard needs the operator token.'),
    );
  }

  private async refuse(request: IncomingMessage, response: ServerResponse, problem: ProblemError) {
    await this.refusals.record(
      {
        method: request.method ?? 'GET',
        route: QUEUE_DASHBOARD_ROUTE,
        municipalityId: null,
        rule: 'operator',
        source: sourceOf({ ip: request.socket.remoteAddress }),
      },
      problem,
    );
    if (problem.status === 401) {
      response.setHeader('WWW-Authenticate', 'Basic realm="Namndflode operator", charset="UTF-8"');
    }
    response.statusCode = problem.status;
    response.setHeader('Content-Type', PROBLEM_CONTENT_TYPE);
    response.end(JSON.stringify(problem.toDocument(request.url)));
  }
}
