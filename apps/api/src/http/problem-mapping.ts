import { HttpException } from '@nestjs/common';
import { ProblemDocument, ProblemError, RequestContexts } from '@nf/common';

const CODES_BY_STATUS: Record<number, [string, string]> = {
  400: ['bad-request', 'Bad request'],
  401: ['unauthorized', 'Unauthorized'],
  403: ['forbidden', 'Forbidden'],
  404: ['not-found', 'Not found'],
  405: ['method-not-allowed', 'Method not allowed'],
  406: ['not-acceptable', 'Not acceptable'],
  409: ['conflict', 'Conflict'],
  413: ['payload-too-large', 'Payload too large'],
  415: ['unsupported-media-type', 'Unsupported media type'],
  422: ['validation-failed', 'Validation failed'],
  429: ['too-many-requests', 'Too many requests'],
  503: ['service-unavailable', 'Service unavailable'],
};

/** Errors Fastify raises before a route runs (body too large, no parser …): a code and a status. */
interface FastifyError {
  code: string;
  statusCode: number;
  message: string;
}

function isFastifyError(error: unknown): error is FastifyError {
  const candidate = error as Partial<FastifyError> | undefined;
  return (
    typeof candidate?.code === 'string' &&
    candidate.code.startsWith('FST_') &&
    typeof candidate.statusCode === 'number'
  );
}

function fromStatus(status: number, detail?: string): ProblemError {
  const [code, title] = CODES_BY_STATUS[status] ?? [
    status >= 500 ? 'internal-error' : 'http-error',
    'Error',
  ];
  return new ProblemError(status, code, title, detail);
}

/** Maps anything thrown while serving a request to a problem; unknown errors become a bare 500. */
export function toProblem(error: unknown): ProblemError {
  if (error instanceof ProblemError) return error;
  if (isFastifyError(error)) {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return new ProblemError(
        413,
        'payload-too-large',
        'Payload too large',
        'The request body is too large.',
      );
    }
    return fromStatus(error.statusCode, error.statusCode < 500 ? error.message : undefined);
  }
  if (error instanceof HttpException) {
    const response = error.getResponse();
    const message =
      typeof response === 'string'
        ? response
        : typeof (response as { message?: unknown }).message === 'string'
          ? (response as { message: string }).message
          : error.message;
    return fromStatus(error.getStatus(), message);
  }
  return new ProblemError(
    500,
    'internal-error',
    'Internal error',
    'Something went wrong on our side.',
  );
}

export function problemDocument(problem: ProblemError, path: string): ProblemDocument {
  return problem.toDocument(path, RequestContexts.current()?.requestId);
}

/** A 429 (or 503) that says when to come back says it in the Retry-After header too. */
export function withRetryAfter(
  reply: { header(name: string, value: string): unknown },
  problem: ProblemError,
): void {
  const seconds = problem.extensions.retryAfterSeconds;
  if (typeof seconds === 'number') reply.header('Retry-After', String(seconds));
}
