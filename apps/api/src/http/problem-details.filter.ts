import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { PROBLEM_CONTENT_TYPE } from '@nf/common';
import type { AuthenticatedRequest } from '@nf/identity';
import type { Response } from 'express';
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
    const response = http.getResponse<Response>();
    const problem = toProblem(error);
    if (problem.status >= 500) {
      this.logger.error(error instanceof Error ? error : String(error), (error as Error)?.stack);
    }
    if ((problem.status === 401 || problem.status === 403) && !problem.alreadyAudited) {
      await this.refusals.record(
        {
          method: request.method,
          route: (request.route as { path?: string } | undefined)?.path ?? request.path,
          municipalityId: request.principal?.municipalityId ?? null,
          rule: request.accessRule ?? null,
          source: sourceOf(request),
        },
        problem,
      );
    }
    if (response.headersSent) return;
    withRetryAfter(response, problem);
    response
      .status(problem.status)
      .type(PROBLEM_CONTENT_TYPE)
      .send(JSON.stringify(problemDocument(problem, request.originalUrl)));
  }
}
