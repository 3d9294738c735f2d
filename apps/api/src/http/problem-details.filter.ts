import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { AuditLog } from '@nf/audit';
import { PROBLEM_CONTENT_TYPE, ProblemError } from '@nf/common';
import type { AuthenticatedRequest } from '@nf/identity';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { problemDocument, toProblem } from './problem-mapping';

/**
 * Every error response is RFC 9457 problem+json with a stable `code`. Every refusal (401, 403),
 * whether the guard or a use case made it, is written to the audit log as a security event.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  constructor(
    private readonly audit: AuditLog,
    private readonly dataSource: DataSource,
  ) {}

  async catch(error: unknown, host: ArgumentsHost): Promise<void> {
    const http = host.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const response = http.getResponse<Response>();
    const problem = toProblem(error);
    if (problem.status >= 500) {
      this.logger.error(error instanceof Error ? error : String(error), (error as Error)?.stack);
    }
    if ((problem.status === 401 || problem.status === 403) && !problem.alreadyAudited) {
      await this.recordRefusal(request, problem);
    }
    if (response.headersSent) return;
    response
      .status(problem.status)
      .type(PROBLEM_CONTENT_TYPE)
      .send(JSON.stringify(problemDocument(problem, request.originalUrl)));
  }

  private async recordRefusal(request: AuthenticatedRequest, problem: ProblemError): Promise<void> {
    const route = (request.route as { path?: string } | undefined)?.path ?? request.path;
    try {
      await this.audit.recordSecurityEvent(this.dataSource.manager, {
        action: 'access.refused',
        entityType: 'endpoint',
        entityId: `${request.method} ${route}`.slice(0, 64),
        municipalityId: request.principal?.municipalityId ?? null,
        after: { status: problem.status, code: problem.code, rule: request.accessRule ?? null },
      });
    } catch (auditError) {
      // A refusal stays a refusal even when its audit entry cannot be written; say so loudly.
      this.logger.error(`Could not audit a refused request: ${String(auditError)}`);
    }
  }
}
