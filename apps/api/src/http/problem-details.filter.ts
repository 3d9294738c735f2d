import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { PROBLEM_CONTENT_TYPE } from '@nf/common';
import type { Request, Response } from 'express';
import { problemDocument, toProblem } from './problem-mapping';

/** Every error response is RFC 9457 problem+json with a stable `code`. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = toProblem(error);
    if (problem.status >= 500) {
      this.logger.error(error instanceof Error ? error : String(error), (error as Error)?.stack);
    }
    if (response.headersSent) return;
    response
      .status(problem.status)
      .type(PROBLEM_CONTENT_TYPE)
      .send(JSON.stringify(problemDocument(problem, request.originalUrl)));
  }
}
