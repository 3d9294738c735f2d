/**
 * RFC 9457 problem details. `type` is a stable tag URI built from `code`; clients switch on
 * `code` (or `type`), never on `title` or `detail`, which are for people.
 */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const PROBLEM_TYPE_BASE = 'tag:namndflode.se,2026:problem/';

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export interface FieldError {
  /** Dotted path of the offending field in the request, e.g. `body.name`. */
  field: string;
  message: string;
}

export function problemType(code: string): string {
  return `${PROBLEM_TYPE_BASE}${code}`;
}

/** A domain or request error that knows its HTTP status and stable code. */
export class ProblemError extends Error {
  /** Set when whoever threw it already wrote the security event, so it is not written twice. */
  alreadyAudited = false;

  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
    this.name = new.target.name;
  }

  markAudited(): this {
    this.alreadyAudited = true;
    return this;
  }

  toDocument(instance?: string, requestId?: string): ProblemDocument {
    return {
      type: problemType(this.code),
      title: this.title,
      status: this.status,
      code: this.code,
      ...(this.detail === undefined ? {} : { detail: this.detail }),
      ...(instance === undefined ? {} : { instance }),
      ...(requestId === undefined ? {} : { requestId }),
      ...this.extensions,
    };
  }
}

export class ValidationProblem extends ProblemError {
  constructor(errors: FieldError[], detail = 'The request has invalid or unknown fields.') {
    super(422, 'validation-failed', 'Validation failed', detail, { errors });
  }
}

export class BadRequestProblem extends ProblemError {
  constructor(code: string, detail: string) {
    super(400, code, 'Bad request', detail);
  }
}

export class NotFoundProblem extends ProblemError {
  constructor(resource: string, key?: string | number) {
    super(
      404,
      'not-found',
      'Not found',
      key === undefined ? `No such ${resource}.` : `No ${resource} ${JSON.stringify(String(key))}.`,
    );
  }
}

export class ConflictProblem extends ProblemError {
  constructor(code: string, detail: string, extensions: Record<string, unknown> = {}) {
    super(409, code, 'Conflict', detail, extensions);
  }
}

/** 429: the client sent too much; `retryAfterSeconds` goes to the Retry-After header as well. */
export class TooManyRequestsProblem extends ProblemError {
  constructor(detail: string, retryAfterSeconds: number) {
    super(429, 'too-many-requests', 'Too many requests', detail, { retryAfterSeconds });
  }
}

export class UnauthorizedProblem extends ProblemError {
  constructor(detail = 'Authentication is required.') {
    super(401, 'unauthorized', 'Unauthorized', detail);
  }
}

export class ForbiddenProblem extends ProblemError {
  constructor(detail = 'You may not do this.') {
    super(403, 'forbidden', 'Forbidden', detail);
  }
}

export class ServiceUnavailableProblem extends ProblemError {
  constructor(detail: string, extensions: Record<string, unknown> = {}) {
    super(503, 'service-unavailable', 'Service unavailable', detail, extensions);
  }
}

/**
 * Optimistic concurrency: refuses a change based on a stale read. `expected` is the version the
 * caller read (undefined: the caller did not say, and the change applies to whatever is current).
 */
export function assertCurrentVersion(
  resource: string,
  actual: number,
  expected: number | undefined,
): void {
  if (expected !== undefined && expected !== actual) {
    throw new ConflictProblem(
      'stale-version',
      `The ${resource} was changed by someone else (version ${actual}, you had ${expected}). Reload and try again.`,
      { currentVersion: actual },
    );
  }
}
