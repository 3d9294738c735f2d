import {
  PROBLEM_CONTENT_TYPE,
  ProblemError,
  TooManyRequestsProblem,
  UnauthorizedProblem,
} from '@nf/common';
import { AppConfig } from '@nf/config';
import {
  type AuthenticatedRequest,
  PrincipalLoader,
  presentedOperatorToken,
  secretMatches,
} from '@nf/identity';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { problemDocument, withRetryAfter } from './problem-mapping';
import { RateLimiter } from './rate-limiter';
import { RefusalAudit } from './refusal-audit';

/** Paths that are never limited: the load balancer's and the monitoring's. */
const OPERATIONS = /^\/(health|metrics)(\/|$)/;
/** The only endpoints that take a body from someone not logged in (their bodies are small). */
export const ANONYMOUS_BODY_ROUTES = ['/api/v1/auth/login', '/api/v1/auth/refresh'];
/** The portal's forms (following a case, confirming, stopping), sent by residents without a login. */
export const PORTAL_FORM_ROUTE =
  /^\/portal\/[a-z0-9-]{1,64}\/(arenden\/\d{1,15}\/folj|folj\/[A-Za-z0-9_-]{1,64}\/(bekrafta|avsluta))$/;

/** Whether anyone (without credentials) may send a body to the path. */
export function takesAnonymousBody(path: string): boolean {
  return ANONYMOUS_BODY_ROUTES.includes(path) || PORTAL_FORM_ROUTE.test(path);
}

/** The portal's pages, which a resident reads in a browser. */
const PORTAL_PAGE = /^\/(portal|anslagstavla)(\/|$)/;

/** The page a resident gets when their address has asked too much (a 429). */
function tooManyPage(seconds: number): string {
  return `<!doctype html>
<html lang="sv">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>För många förfrågningar</title></head>
<body><main><h1>För många förfrågningar</h1>
<p>Det har kommit många förfrågningar från din adress på kort tid. Vänta ${seconds} sekunder och försök sedan igen.</p></main></body>
</html>
`;
}

/** How large a body those endpoints read. */
export const ANONYMOUS_BODY_LIMIT_BYTES = 16 * 1024;

function hasBody(request: FastifyRequest): boolean {
  const length = Number(request.headers['content-length'] ?? 0);
  return length > 0 || request.headers['transfer-encoding'] !== undefined;
}

/** The request's path, without its query. */
export function pathOf(request: { url: string }): string {
  const query = request.url.indexOf('?');
  return query < 0 ? request.url : request.url.slice(0, query);
}

function bearerOf(authorization: string): string | undefined {
  return authorization.toLowerCase().startsWith('bearer ')
    ? authorization.slice(7).trim() || undefined
    : undefined;
}

/**
 * What the api checks before it reads a body, so that nobody can make it read, hold or hash on
 * credit: a client address's requests without credentials and its login attempts are limited per
 * minute (429 with Retry-After); a body is read only from someone who presents valid credentials
 * (a bearer token or the operator token), or for login and refresh (16 kB at most). Everything
 * else with a body is a 401 before a byte of it is read. Refusals are audited per source and
 * minute (see SecurityEvents).
 */
export function guardBeforeBody(
  config: AppConfig,
  principals: PrincipalLoader,
  refusals: RefusalAudit,
) {
  const anonymous = new RateLimiter(config.app.anonymousPerMinute);
  const logins = new RateLimiter(config.app.loginsPerMinute);

  const refuse = async (request: FastifyRequest, reply: FastifyReply, problem: ProblemError) => {
    const path = pathOf(request);
    await refusals.record(
      {
        method: request.method,
        route: path.slice(0, 48),
        municipalityId: null,
        rule: 'before-body',
        source: `ip:${request.ip ?? 'unknown'}`,
      },
      problem,
    );
    withRetryAfter(reply, problem);
    // No client of ours sends a body without credentials outside login and refresh: such a
    // connection is closed once the answer is out, rather than Node reading and discarding the
    // rest of the body (a flood of 1 MB bodies made 25-70 MB of garbage that way). A client still
    // sending may see the reset instead of the answer. A body with an expired token (the web
    // app's upload after a long pause) is still discarded gracefully, so that it reads the 401.
    if (hasBody(request) && !request.headers.authorization && !takesAnonymousBody(path)) {
      reply.header('connection', 'close');
    }
    // A resident on the portal reads the refusal as a page, in Swedish.
    if (PORTAL_PAGE.test(path) && problem.status === 429) {
      return reply
        .status(429)
        .type('text/html; charset=utf-8')
        .send(tooManyPage(Number(reply.getHeader('retry-after') ?? 60)));
    }
    return reply
      .status(problem.status)
      .type(PROBLEM_CONTENT_TYPE)
      .send(JSON.stringify(problemDocument(problem, request.url)));
  };

  // An `onRequest` hook: it answers a refusal itself, or returns to let the request go on.
  return async (request: FastifyRequest, reply: FastifyReply): Promise<unknown> => {
    const path = pathOf(request);
    if (OPERATIONS.test(path)) return;
    const source = `ip:${request.ip ?? 'unknown'}`;
    const now = Date.now();
    const authorization = request.headers.authorization;
    for (const [limiter, applies, what] of [
      [logins, request.method === 'POST' && path === '/api/v1/auth/login', 'login attempts'],
      [anonymous, !authorization, 'requests without credentials'],
    ] as const) {
      if (!applies) continue;
      const taken = limiter.take(source, now);
      if (!taken.allowed) {
        return refuse(
          request,
          reply,
          new TooManyRequestsProblem(
            `Too many ${what} from your address: at most ${limiter.perMinute} a minute.`,
            taken.retryAfterSeconds,
          ),
        );
      }
    }
    if (!hasBody(request)) return;
    if (!authorization) {
      if (takesAnonymousBody(path)) return;
      return refuse(request, reply, new UnauthorizedProblem('Log in first.'));
    }
    if (secretMatches(presentedOperatorToken(authorization), config.app.adminToken)) return;
    const token = bearerOf(authorization);
    const resolved = token ? await principals.fromBearer(token) : null;
    if (token && resolved) {
      // The access guard takes it from here rather than resolving the token a second time.
      (request as AuthenticatedRequest).resolvedBearer = { token, principal: resolved.principal };
      return;
    }
    return refuse(
      request,
      reply,
      new UnauthorizedProblem('The token is not valid (expired, revoked or unknown).'),
    );
  };
}
