import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { PROBLEM_CONTENT_TYPE } from '@nf/common';
import type { AuthenticatedRequest } from '@nf/identity';
import type { FastifyReply } from 'fastify';
import { pathOf } from './before-body';
import { problemDocument, toProblem, withRetryAfter } from './problem-mapping';
import { RefusalAudit, sourceOf } from './refusal-audit';

/**
 * Every error response is RFC 9457 problem+json with a stable `code`. Every refusal (401, 403),
 * whether the guard or a use case made it, is written to the audit log as a security event.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  constructor(private readonly refusals: RefusalAudit) {}

  async catch(error: unknown, host: ArgumentsHost): Promise<void> {
    const http = host.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = toProblem(error);
    if (problem.status >= 500) {
      this.logger.error(error instanceof Error ? error : String(error), (error as Error)?.stack);
    }
    if ((problem.status === 401 || problem.status === 403) && !problem.alreadyAudited) {
      await this.refusals.record(
        {
          method: request.method,
          route: request.routeOptions?.url ?? pathOf(request),
          municipalityId: request.principal?.municipalityId ?? null,
          rule: request.accessRule ?? null,
          source: sourceOf(request),
        },
        problem,
      );
    }
    if (reply.sent) return;
    withRetryAfter(reply, problem);
    await reply
      .status(problem.status)
      .type(PROBLEM_CONTENT_TYPE)
      .send(JSON.stringify(problemDocument(problem, request.url)));
  }
}
