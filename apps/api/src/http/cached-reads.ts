import { PrincipalCache } from '@nf/identity';
import { AgendaReads } from '@nf/meetings';
import etag from 'etag';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { MetricsService } from '../ops/metrics.service';
import { requestIdOf } from './request-id';
import { JSON_SECURITY_HEADERS } from './security-headers';

const AGENDA_PATH = /^\/api\/v1\/meetings\/([1-9][0-9]{0,14})$/;
const AGENDA_ROUTE = '/api/v1/meetings/:id';

type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

export interface CachedReadsDeps {
  principals: PrincipalCache;
  agendas: AgendaReads;
  metrics: MetricsService;
  logger: Logger;
}

/**
 * Puts a listener in front of Fastify that answers `GET /api/v1/meetings/:id` from memory when it
 * can: the bearer token's principal is in the principal cache and the agenda in the agenda cache
 * (both filled by the ordinary route, within APP_READ_CACHE_MS). Everything else (another request,
 * a cache miss, a conditional request, one with Cache-Control) goes to Fastify as before, so
 * refusals, errors and loads keep their one path. Through the framework and Nest even a trivial route
 * is served at a third of this path's rate (bench/README.md, agenda): when a hundred members open
 * the agenda at once, this is what keeps them from waiting on each other.
 *
 * The answer is the route's (the same JSON, ETag, content type and request id), counted in the
 * same metric (and in `nf_http_reads_from_memory_total`) and logged as a request (marked
 * `cached`), with `Age: 0` to say where it came from.
 */
export function serveCachedReads(server: Server, deps: CachedReadsDeps): void {
  const listeners = server.listeners('request') as RequestListener[];
  if (listeners.length !== 1) {
    throw new Error(`Expected the one request listener of Fastify, found ${listeners.length}`);
  }
  const [framework] = listeners;
  const etags = new WeakMap<Buffer, string>();
  const duration = deps.metrics.httpDuration.labels('GET', AGENDA_ROUTE, '200');
  const fromMemory = deps.metrics.readsFromMemory.labels(AGENDA_ROUTE);
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const started = performance.now();
    const body = cachedAgenda(request, deps);
    if (!body) return framework(request, response);
    let tag = etags.get(body);
    if (!tag) {
      tag = etag(body, { weak: true });
      etags.set(body, tag);
    }
    const requestId = requestIdOf(request.headers['x-request-id']);
    response.writeHead(200, {
      ...JSON_SECURITY_HEADERS,
      'x-request-id': requestId,
      'content-type': 'application/json; charset=utf-8',
      'content-length': body.length,
      etag: tag,
      age: '0',
    });
    response.end(body);
    const seconds = (performance.now() - started) / 1000;
    duration.observe(seconds);
    fromMemory.inc();
    if (deps.logger.isLevelEnabled('info')) {
      deps.logger.info(
        {
          req: { id: requestId, method: 'GET', url: request.url },
          res: { statusCode: 200 },
          responseTime: Math.round(seconds * 1000),
          cached: true,
        },
        'request completed',
      );
    }
  });
}

function cachedAgenda(request: IncomingMessage, deps: CachedReadsDeps): Buffer | undefined {
  if (request.method !== 'GET') return undefined;
  const match = AGENDA_PATH.exec(request.url ?? '');
  if (!match) return undefined;
  const { authorization } = request.headers;
  if (!authorization || authorization.slice(0, 7).toLowerCase() !== 'bearer ') return undefined;
  // A conditional request is the route's to answer (304), as is one that asks past caches.
  if (
    request.headers['if-none-match'] ||
    request.headers['if-modified-since'] ||
    request.headers['cache-control']
  ) {
    return undefined;
  }
  const principal = deps.principals.lookup(authorization.slice(7).trim());
  return principal && deps.agendas.cachedBody(principal, Number(match[1]));
}
